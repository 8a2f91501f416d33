// Independent re-implementation of the original's signed first-party URL algorithm, used only to
// derive the test vectors in signing-vectors.json. It shares no code with the C# implementation:
// URL normalisation is Node's WHATWG URL, form encoding is URLSearchParams, and XChaCha20-Poly1305
// comes from @noble/ciphers (not libsodium, which the C# side uses through NSec).
//
//   npm install --no-save && node generate-vectors.mjs > signing-vectors.json
import { createHash } from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const utf8 = (s) => Buffer.from(s, 'utf8');
const b64url = (buf) => Buffer.from(buf).toString('base64url');

function token(secret, fullUrl) {
  const key = sha256(utf8(secret));
  const nonce = sha256(utf8('ts-proxy-x1'), utf8(secret), utf8(fullUrl)).subarray(0, 24);
  const ct = xchacha20poly1305(key, nonce).encrypt(utf8(fullUrl));
  const raw = Buffer.concat([utf8('x1'), nonce, Buffer.from(ct)]);
  return b64url(sha256(raw));
}

function toAbsolute(input) {
  const t = input.trim();
  if (t.startsWith('//')) return 'https:' + t;
  return t;
}

function sign(secret, clearUrl, basePath, extra) {
  const u = new URL(toAbsolute(clearUrl));
  const pairs = [...u.searchParams.entries(), ...extra];
  u.search = '';
  u.hash = '';
  const tsurl = u.href;
  const query = new URLSearchParams(pairs).toString();
  const full = pairs.length === 0 ? tsurl : `${tsurl}?${query}`;
  const tok = token(secret, full);
  const out = new URLSearchParams([['tsurl', tsurl], ...pairs, ['tstoken', tok]]);
  return { tsurl, signedString: full, token: tok, href: `${basePath}?${out.toString()}` };
}

const secret = 'unit-test-proxy-secret';
const cases = [
  ['plain image', 'https://cdn.example/a.png', '/first-party/proxy', []],
  ['host case, default port, fragment, order kept', 'HTTPS://CDN.Example:443/Path/img.png?b=2&a=1#frag', '/first-party/proxy', []],
  ['bare origin with port', 'http://cdn.example:8080', '/first-party/proxy', []],
  ['form encoding of query values', "https://t.example/p?q=hello world&x=a+b&e=%E2%9C%93&s=*-._~!'()&k&=v&u=\u00e9", '/first-party/proxy', []],
  ['protocol-relative becomes https', '//cdn.example.com:9443/img/300x250.svg', '/first-party/proxy', []],
  ['click variant', 'https://ads.example.com/click?c=123&dest=https%3A%2F%2Fshop.example%2F%3Fa%3D1', '/first-party/click', []],
  ['dot segments and path escaping', 'https://t.example/a/./b/../c%2Fd/\u00e9 x/"q"?x=1', '/first-party/proxy', []],
  ['empty query and empty pairs', 'https://t.example/p?&&', '/first-party/proxy', []],
  ['with expiry', 'https://cdn.example/a.png?x=1', '/first-party/proxy', [['tsexp', '1700000030']]],
  ['with ec id', 'https://cdn.example/a.png', '/first-party/proxy', [['ts-ec', 'abc.DEF_123']]],
  ['svg use with fragment', 'https://cdn.example/sprite.svg#icon', '/first-party/proxy', []],
  ['backslashes and tab', 'https://cdn.example\\dir\\f\tile.js', '/first-party/proxy', []],
  ['ipv6 host and non-default port', 'https://[0:0:0:0:0:FFFF:102:304]:8443/x', '/first-party/proxy', []],
  ['ipv4 in hex and short form', 'http://0x7f.1/a', '/first-party/proxy', []],
  ['userinfo with at sign', 'https://user:p@ss@cdn.example/', '/first-party/proxy', []],
  ['internationalised host', 'https://B\u00fccher.example/x', '/first-party/proxy', []],
  ['percent escapes kept in path, decoded in query', 'https://cdn.example/%7e%41/x?%41=%zz&e=\u{1F600}', '/first-party/proxy', []],
  ['leading and trailing spaces', '  https://cdn.example/a.png?x=1  ', '/first-party/proxy', []],
];

const vectors = cases.map(([name, clearUrl, basePath, extra]) => ({
  name,
  secret,
  clearUrl,
  basePath,
  extra,
  ...sign(secret, clearUrl, basePath, extra),
}));
// Normalisation only (no crypto): what tsurl and the signed query become for awkward inputs; null = not signable.
const normalisationInputs = [
  'https://a.example/%2e/b', 'https://a.example/a/%2E%2e/b', 'https://a.example/a/b/..', 'https://a.example/./',
  'http://a.example:080/', 'http://a.example:0/', 'https://a.example:/x', 'https://a.example/?', 'https://a.example/#',
  'https://a.example?x=1', 'https://a.example#f', 'HTTP://A.EXAMPLE', 'https://a.example/~user/{x}/`b`/<c>/|d|/^e',
  'https://a.example/\u0001x', 'https://xn--nxasmq6b.example/', 'https://\u00c9XAMPLE.com/', 'https://fa\u00df.example/',
  'https://[2001:DB8::1]/', 'https://[::]/', 'https://[1:0:0:2:0:0:0:3]/', 'https://[1:0:0:2:0:0:3:0]/',
  'http://192.168.0.257/', 'http://1.2.3/', 'http://0300.0250.0.1/', 'http://0x100000000/', 'http://4294967295/',
  'http://example.com./', 'https://a%2Eexample/', 'https://a b/', 'https://user@a.example/', 'https://:pass@a.example/',
  'https://@a.example/', 'https:a.example/x', 'https:\\\\a.example\\x', 'https://a.example:65536/', 'https://a.example:443@b.example/',
  'https://a.example\\@evil.example/', 'https://a.example/a%3Fb', 'https://a.example/\u{1F600}', 'https://a.example/p?a=1&a=2',
  'https://a.example/p?a==b', 'https://a.example/p?%26=%3D&x=%zz&y=%&z=%4', 'https://a.example/p?q=a%2Bb+c',
  'https://a.example/p?\u00e9=\u00e8#x?y=1', 'https://a.example/p?x=1#frag?z=2', 'ftp://a.example/', 'javascript:alert(1)',
  'https://', 'https:///x', 'https://a.example/p;x=1/q', 'https://a.example/%zz%2/', "https://a.example/it's",
  '\t https://a.ex\nample/p\r\n ', 'https://a.example:8080', 'https://A.EXAMPLE:443', 'http://[::ffff:192.168.1.1]/',
];
const normalisation = normalisationInputs.map((input) => {
  try {
    const u = new URL(input);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return { input, tsurl: null, query: null };
    const pairs = [...u.searchParams.entries()];
    u.search = '';
    u.hash = '';
    return { input, tsurl: u.href, query: new URLSearchParams(pairs).toString() };
  } catch {
    return { input, tsurl: null, query: null };
  }
});

process.stdout.write(JSON.stringify({ generator: 'generate-vectors.mjs', vectors, normalisation }, null, 2) + '\n');
