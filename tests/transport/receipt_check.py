#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Checks an adx serve receipt independently of adx: a compact JWS whose
header has typ adx-receipt+jwt and x5c[0] equal to the expected signing
certificate, and whose signature verifies with openssl (SM2 with SM3 and
the GM/T 0009 default user ID, via `openssl pkeyutl`; ES256 via python3
cryptography). Prints the payload JSON.
    receipt_check.py RECEIPT_FILE CERT_PEM"""
import base64
import json
import subprocess
import sys
import tempfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def main():
    text = open(sys.argv[1], "rb").read().decode("ascii")
    cert = x509.load_pem_x509_certificate(open(sys.argv[2], "rb").read())
    h, p, s = text.split(".")
    header = json.loads(b64url(h))
    if header.get("typ") != "adx-receipt+jwt":
        sys.exit("receipt typ is %r" % header.get("typ"))
    if base64.b64decode(header["x5c"][0]) != cert.public_bytes(serialization.Encoding.DER):
        sys.exit("x5c[0] is not the receipt signing certificate")
    sig = b64url(s)
    if len(sig) != 64:
        sys.exit("signature is %d bytes, expected raw r||s" % len(sig))
    der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
    signing_input = (h + "." + p).encode("ascii")
    if header["alg"] == "ES256":
        cert.public_key().verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
    elif header["alg"] == "SM2":
        with tempfile.TemporaryDirectory() as d:
            pub = subprocess.run(["openssl", "x509", "-in", sys.argv[2], "-pubkey", "-noout"],
                                 capture_output=True, check=True).stdout
            open(d + "/pub.pem", "wb").write(pub)
            open(d + "/in", "wb").write(signing_input)
            open(d + "/sig", "wb").write(der)
            r = subprocess.run(["openssl", "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt",
                                "distid:1234567812345678", "-pubin", "-inkey", d + "/pub.pem", "-in", d + "/in",
                                "-sigfile", d + "/sig"], capture_output=True)
            if r.returncode != 0:
                sys.exit("openssl does not verify the receipt: " + r.stdout.decode() + r.stderr.decode())
    else:
        sys.exit("unexpected alg %r" % header["alg"])
    sys.stdout.write(b64url(p).decode("utf-8") + "\n")


main()
