adx id check -f x.txt 91310116052958608G
