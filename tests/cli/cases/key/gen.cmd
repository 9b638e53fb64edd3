# Keys are written with mode 0600 and never replaced unless asked.
for alg in sm2 p256 p384 rsa3072; do
  adx key gen --alg $alg -o $alg.key
  stat -c '%a %n' $alg.key
  adx key show --report json $alg.key | grep -o '"key_algorithm":"[^"]*","key_bits":[0-9]*'
done
adx key gen -o sm2.key || echo "exit $?"
adx key gen --force -o sm2.key && echo replaced
