adx id check
