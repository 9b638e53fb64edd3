adx id chek 1
