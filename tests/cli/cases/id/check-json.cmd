adx id check --report json 91310116052958608H 310228 X
