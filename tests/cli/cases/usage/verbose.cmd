cp "$DATA/ids-mixed.txt" ids.txt && adx -v id check -f ids.txt > /dev/null
