adx formats show stat-report --report json | sed "s|$SRC|SRC|g"
