# Something that is not a certificate, request, key or CRL.
printf 'hello\n' >hello.txt
adx key show hello.txt
