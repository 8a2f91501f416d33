// Regenerates ed25519-vectors.json with Node's own Ed25519 (an implementation independent of ours):
//   node generate.mjs > ed25519-vectors.json
// Seeds are fixed, so the output is deterministic (Ed25519 signatures are).
import crypto from 'node:crypto';

const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

function keyFromSeed(seedHex) {
  const der = Buffer.concat([pkcs8Prefix, Buffer.from(seedHex, 'hex')]);
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

const cases = [
  { seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', kid: 'ts-2024-01-15', host: 'www.example.com', scheme: 'https', id: 'auction-1', ts: 1705312800000 },
  { seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', kid: 'ts-2024-01-15', host: 'news.example.org', scheme: 'https', id: 'auction-1', ts: 1705312800000 },
  { seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7', kid: 'production-2024-q1', host: 'www.example.com', scheme: 'https', id: '7f3c2a9e-1b4d-4e8f-9a6c-2d5e8f1a3b7c', ts: 1711929600123 },
  { seed: 'f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5', kid: 'a.b:c_d-e', host: 'xn--bcher-kva.example', scheme: 'http', id: 'quote " backslash \\ tab \t newline \n ctl \u0001', ts: 0 },
  { seed: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42', kid: 'ts-2025-12-31', host: 'www.bücher.example', scheme: 'https', id: 'ünïcödé-✓-😀', ts: 9007199254740991 },
];

const vectors = cases.map((c) => {
  const key = keyFromSeed(c.seed);
  const payload = JSON.stringify({ version: '1.1', kid: c.kid, host: c.host, scheme: c.scheme, id: c.id, ts: c.ts });
  const signature = crypto.sign(null, Buffer.from(payload, 'utf8'), key);
  const jwk = crypto.createPublicKey(key).export({ format: 'jwk' });
  return { ...c, x: jwk.x, payload, signature: signature.toString('base64url') };
});

process.stdout.write(JSON.stringify(vectors, null, 2) + '\n');
