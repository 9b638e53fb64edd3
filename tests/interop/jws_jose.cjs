// SPDX-License-Identifier: Apache-2.0
// The npm `jose` side of tests/interop/jws_jose.sh.
//   node jws_jose.cjs JOSE_DIR verify JWS PAYLOAD
//       verifies a detached, unencoded-payload (RFC 7797) compact JWS with the
//       key of its x5c[0]; prints "ok ALG" or fails (exit 1)
//   node jws_jose.cjs JOSE_DIR sign KEY CHAIN PAYLOAD OUT
//       signs PAYLOAD as ES256 with b64=false, crit ["b64"], sigT (now)
//       and x5c from the PEM bundle CHAIN; writes HEADER..SIGNATURE to OUT
'use strict';
const fs = require('fs');
const path = require('path');
const { X509Certificate } = require('crypto');

const [joseDir, cmd, ...args] = process.argv.slice(2);
const jose = require(path.join(joseDir, 'node_modules', 'jose'));

function pemBlocks(text) {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) || [];
}

async function verify(jwsPath, payloadPath) {
  const text = fs.readFileSync(jwsPath, 'utf8').replace(/\r?\n$/, '');
  const [protectedB64, payloadPart, signature] = text.split('.');
  if (payloadPart !== '') throw new Error('not a detached JWS');
  const header = JSON.parse(Buffer.from(protectedB64, 'base64url').toString('utf8'));
  if (header.b64 !== false) throw new Error('b64 is not false');
  const leaf = new X509Certificate(Buffer.from(header.x5c[0], 'base64'));
  const key = await jose.importX509(leaf.toString(), header.alg);
  const payload = fs.readFileSync(payloadPath);  // the bytes, unencoded
  // jose understands "b64" itself; adx's other header members are not critical.
  const result = await jose.flattenedVerify(
    { protected: protectedB64, payload: new Uint8Array(payload), signature }, key, { algorithms: ['ES256'] });
  if (Buffer.compare(Buffer.from(result.payload), payload) !== 0) throw new Error('payload differs');
  // The chain in x5c links up (jose does not check certificates itself).
  for (let i = 1; i < header.x5c.length; i++) {
    const issuer = new X509Certificate(Buffer.from(header.x5c[i], 'base64'));
    const child = new X509Certificate(Buffer.from(header.x5c[i - 1], 'base64'));
    if (!child.verify(issuer.publicKey)) throw new Error(`x5c[${i - 1}] is not signed by x5c[${i}]`);
  }
  console.log(`ok ${result.protectedHeader.alg} ${result.protectedHeader.sigT}`);
}

async function sign(keyPath, chainPath, payloadPath, outPath) {
  const key = await jose.importPKCS8(fs.readFileSync(keyPath, 'utf8'), 'ES256');
  const x5c = pemBlocks(fs.readFileSync(chainPath, 'utf8')).map((pem) =>
    new X509Certificate(pem).raw.toString('base64'));
  const sigT = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const payload = new Uint8Array(fs.readFileSync(payloadPath));
  const jws = await new jose.FlattenedSign(payload)
    .setProtectedHeader({ alg: 'ES256', b64: false, crit: ['b64'], sigT, x5c })
    .sign(key);
  fs.writeFileSync(outPath, `${jws.protected}..${jws.signature}\n`);
  console.log(`signed ${sigT}`);
}

(async () => {
  if (cmd === 'verify' && args.length === 2) await verify(...args);
  else if (cmd === 'sign' && args.length === 4) await sign(...args);
  else throw new Error('usage: jws_jose.cjs JOSE_DIR verify JWS PAYLOAD | sign KEY CHAIN PAYLOAD OUT');
})().catch((e) => {
  console.error(`jose: ${e.code || 'error'}: ${e.message}`);
  process.exit(1);
});
