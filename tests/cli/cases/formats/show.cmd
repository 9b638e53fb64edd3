adx formats show e-license | sed "s|$SRC|SRC|g"
