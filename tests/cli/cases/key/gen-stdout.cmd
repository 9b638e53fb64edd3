adx key gen -o -
