adx id check -f "$DATA/ids-mixed.txt" -o result.tsv; echo "exit $?"; cat result.tsv; ls
