adx id explain --report json 91310116052958608G
