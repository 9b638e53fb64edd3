cp "$DATA/ids-invalid-utf8.txt" ids.txt && adx id check --encoding gb18030 < ids.txt
