adx id check --type foo 1
