adx id check -f "$DATA/ids-gb18030.txt"
