adx formats list --report json | sed "s|$SRC|SRC|g"
