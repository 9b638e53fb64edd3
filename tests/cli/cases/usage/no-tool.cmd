adx id
