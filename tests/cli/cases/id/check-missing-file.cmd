adx id check -f no-such-file.txt
