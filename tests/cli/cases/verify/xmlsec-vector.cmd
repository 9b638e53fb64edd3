# The xmlsec1 test vector enveloped-sha256-ecdsa-sha256.xml: an XPath filter that
# selects what enveloped-signature does, and a KeyName: its certificate is the trust store.
cd $SRC/../shared/corpora/xmlsec-tests/tests
adx verify --trust keys/ec/ec-prime256v1-pubkey.crt aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.xml
adx verify --trust keys/cacert.pem aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.xml
