cp "$DATA/ids-invalid-utf8.txt" ids.txt && adx id check -f ids.txt
