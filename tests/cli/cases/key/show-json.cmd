# One JSON object per item: both certificates of a chain file, then a CRL.
cd "$DATA/pki" && adx key show --report json p256/leaf-chain.pem rsa/district.crl
