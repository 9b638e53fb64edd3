#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# A scripted HTTPS receiver for adx send's retry and receipt tests, written
# independently of adx serve: mutual TLS (ssl module), keep-alive, and a list
# of answers given on the command line, one per request, the last repeated:
#   busy:N        503 with Retry-After: N
#   ratelimit:N   429 with Retry-After: N
#   close         read the body, then close the connection without answering
#   status:N      N with an RFC 9457 problem body (400, 401, 403, 404, 413, ...)
#   accept        201 with a receipt for the body, signed ES256 (python cryptography)
#   duplicate     200 with a receipt
#   reject        422 with a rejection receipt listing two problems
#   wrong-digest  201 with a receipt naming another digest
#   unsigned      201 with a receipt signed by a key the client does not trust
# TLS 1.2 only (see below). Every request is logged as one JSON line: method, path, the protocol
# headers, body size and SHA-256, whether the TLS connection was new.
# Usage: https_stub.py CERT KEY CLIENT_CA SIGN_KEY SIGN_CERT STRANGER_KEY STRANGER_CERT LOG READY ANSWER...
import base64, datetime, hashlib, http.server, json, os, ssl, sys, threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

cert, key, client_ca, sign_key, sign_cert, stranger_key, stranger_cert, log_path, ready = sys.argv[1:10]
answers = sys.argv[10:]
lock = threading.Lock()
count = 0


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def load_signer(key_path, cert_path):
    k = serialization.load_pem_private_key(open(key_path, "rb").read(), None)
    pem = open(cert_path, "rb").read()
    marker = b"-----END CERTIFICATE-----"
    certs = [x509.load_pem_x509_certificate(p + marker) for p in pem.split(marker) if b"BEGIN CERTIFICATE" in p]
    return k, [c.public_bytes(serialization.Encoding.DER) for c in certs]


signers = {"city": load_signer(sign_key, sign_cert), "stranger": load_signer(stranger_key, stranger_cert)}


def receipt(payload, signer="city"):
    k, chain = signers[signer]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = {"alg": "ES256", "typ": "adx-receipt+jwt", "sigT": now, "x5c": [base64.b64encode(c).decode() for c in chain]}
    h = b64url(json.dumps(header, separators=(",", ":")).encode())
    p = b64url(json.dumps(payload, separators=(",", ":")).encode())
    der = k.sign(f"{h}.{p}".encode(), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return f"{h}.{p}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.requests_on_connection = 0

    def do_POST(self):
        global count
        with lock:
            answer = answers[min(count, len(answers) - 1)]
            count += 1
        length = int(self.headers.get("Content-Length", "0"))
        sha = hashlib.sha256()
        left = length
        while left:
            chunk = self.rfile.read(min(left, 1 << 20))
            if not chunk:
                break
            sha.update(chunk)
            left -= len(chunk)
        self.requests_on_connection += 1
        entry = {"method": self.command, "path": self.path, "answer": answer, "size": length,
                 "sha256": sha.hexdigest(), "new_connection": self.requests_on_connection == 1}
        for h in ("Idempotency-Key", "Content-Digest", "Adx-Format", "Adx-Filename", "Content-Type"):
            entry[h] = self.headers.get(h)
        with lock, open(log_path, "a") as log:
            log.write(json.dumps(entry) + "\n")
        kind, _, arg = answer.partition(":")
        digest = "sha-256:" + sha.hexdigest()
        facts = {"submission_id": "0123456789abcdef0123456789abcdef", "sender": "district-a",
                 "format": self.headers.get("Adx-Format"), "digest": digest, "size": length, "records": 1,
                 "received_at": "2026-11-27T02:00:00Z", "status": "accepted"}
        if kind == "close":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if kind in ("busy", "ratelimit"):
            self.send(503 if kind == "busy" else 429, "application/problem+json",
                      json.dumps({"type": "about:blank", "title": "busy", "status": 503, "detail": "try later",
                                  "rule": "overload"}), {"Retry-After": arg})
        elif kind == "status":
            self.send(int(arg), "application/problem+json",
                      json.dumps({"type": "about:blank", "title": "refused", "status": int(arg),
                                  "detail": "scripted refusal", "rule": "scripted"}))
        elif kind in ("accept", "duplicate", "wrong-digest", "unsigned"):
            if kind == "wrong-digest":
                facts["digest"] = "sha-256:" + "0" * 64
            body = receipt(facts, "stranger" if kind == "unsigned" else "city")
            self.send(200 if kind == "duplicate" else 201, "application/jose", body,
                      {"Adx-Submission-Id": facts["submission_id"], "Location": "/v1/submissions/" + facts["submission_id"]})
        elif kind == "reject":
            facts.update(status="rejected", problem_count=2, problems=[
                {"rule": "uscc-check", "message": "check character should be 'G'", "line": 3, "record": 2, "field": "uscc"},
                {"rule": "required", "message": "name is missing", "line": 4, "record": 3, "field": "name"}])
            self.send(422, "application/jose", receipt(facts), {"Adx-Submission-Id": facts["submission_id"]})
        else:
            self.send(500, "text/plain", "unknown scripted answer")

    def send(self, status, ctype, body, headers=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
ctx.load_verify_locations(client_ca)
ctx.verify_mode = ssl.CERT_REQUIRED
# TLS 1.2: a refused client certificate then ends the handshake with an alert
# the client reads. (With TLS 1.3 the refusal comes after the client's
# Finished and races with its first write: a reset instead of the alert.)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.socket = ctx.wrap_socket(server.socket, server_side=True)
with open(ready + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(ready + ".tmp", ready)
server.serve_forever()
