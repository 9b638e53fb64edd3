# A certificate in words: who, issued by whom, valid when, for what, fingerprints.
cd "$DATA/pki" && adx key show sm2/leaf.pem
