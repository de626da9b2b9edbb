// Records what express.json({ limit }) (body-parser 1.20, as Directus 12.4.1 uses it) does with request
// bodies: the parsed body, or the error message Directus puts in INVALID_PAYLOAD's reason.
// Run: NODE_PATH=<dir with express@4.22> node record-bodies.cjs > bodies.json
const express = require('express');
const http = require('http');

const cases = [
  ['abc', 'application/json'], ['1', 'application/json'], ['"str"', 'application/json'], ['null', 'application/json'],
  ['true', 'application/json'], ['  7', 'application/json'], ['undefined', 'application/json'], ['{', 'application/json'],
  ['{a:1}', 'application/json'], ['{"a":1,}', 'application/json'], ['{"a" 1}', 'application/json'], ['{"a":1 "b":2}', 'application/json'],
  ['[1,]', 'application/json'], ['[1 2]', 'application/json'], ['{"a":1}x', 'application/json'], ['{"a":"x', 'application/json'],
  ['{"a":"\u0001"}', 'application/json'], ['{"a":"\\q"}', 'application/json'], ['{"a":"\\u12G4"}', 'application/json'], ['{"a":-}', 'application/json'],
  ['{"a":01}', 'application/json'], ['{"a":1.}', 'application/json'], ['{"a":1e}', 'application/json'], ['{"a":1e+}', 'application/json'],
  ['{"a":tru}', 'application/json'], ['{"a":trux}', 'application/json'], ['{"a":nul1}', 'application/json'], ['{"a":falsy}', 'application/json'],
  ['{"a":1}   ', 'application/json'], ['{"key": "value", "other": [1, 2, 3], "bad": x}', 'application/json'], ['{"abcdefghijklmnop": }', 'application/json'],
  ['[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29 30]', 'application/json'],
  ['{"verylongpropertyname_with_lots_of_text": "value"', 'application/json'], ['[', 'application/json'], ['[1', 'application/json'], ['   ', 'application/json'],
  ['', 'application/json'], ['{"a":1}', 'application/json; charset=utf-8'], ['{"a":1}', 'application/vnd.api+json'], ['{"a":1}', 'text/plain'],
  ['{"a":1}', 'application/json; charset=latin1'], ['{"é":"ü"}', 'application/json'], ['{"é":x}', 'application/json'], ['\ufeff{"a":1}', 'application/json'],
  ['{"a":[1,{"b":2}],"c":null}', 'application/json'], ['[]', 'application/json'], ['{}', 'application/json'], ['{"__proto__":{"x":1}}', 'application/json'],
  ['#', 'application/json'], [']', 'application/json'], ['{"a":1}}', 'application/json'], ['{"a":"b"]', 'application/json'],
  ['{"a":1}', 'APPLICATION/JSON'], ['{"a":1}', 'application/json-patch+json'], ['{"a":[}', 'application/json'], ['{,}', 'application/json'],
  ['{"a":1,"b"}', 'application/json'], ['[-1.5e3, 0, -0, 1E2]', 'application/json'], ['{"a":"\\ud83d\\ude00"}', 'application/json'], ['x'.repeat(30), 'application/json'],
  ['{"a":"' + 'y'.repeat(40) + '" z}', 'application/json'],
  ['{"a":1,"b" 2}', 'application/json'], ['{"a"}', 'application/json'], ['{"a":1,"b":}', 'application/json'], ['{"a":1, x}', 'application/json'],
  ['[1,,2]', 'application/json'], ['{"a":[1,]}', 'application/json'], ['{"a":"\\u00"}', 'application/json'], ['{"a":1,"b"', 'application/json'],
  ['{"a"', 'application/json'], ['{"a":', 'application/json'], ['{"a":-x}', 'application/json'], ['[1.5.2]', 'application/json'],
  ['{"a":2e5x}', 'application/json'], ['[tru', 'application/json'], ['[nul', 'application/json'], ['{"a": "b",', 'application/json'],
  ['{"a":"é\\x"}', 'application/json'], ['[1,2,"😀",x]', 'application/json'], ['["😀", 1, 2, 3, 4, 5, 6, 7, 8, x]', 'application/json'],
  ['[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, x 14, 15, 16, 17, 18]', 'application/json'], ['{"a":1}\n\t\r ', 'application/json'],
  ['[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, x]', 'application/json'], ['[0x10]', 'application/json'],
  ['[Infinity]', 'application/json'], ['[NaN]', 'application/json'], ['[1]x', 'application/json'], ['{"a":1}/', 'application/json'],
  ['["a\tb"]', 'application/json'], ['[\'a\']', 'application/json'], ['{"a":true,"b":false,"c":null,"d":"\\n\\"\\\\\\/\\b\\f\\r\\t\\u0041"}', 'application/json'],
  ['\n\n  x', 'application/json'], ['  {"a":1}', 'application/json'], ['[-]', 'application/json'], ['[1e5, 2.50, 1e400, -1e-400, 12345678901234567890]', 'application/json'],
];

const app = express();
app.use(express.json({ limit: '1mb' }));
app.use((req, res) => res.json({ ok: true, body: req.body }));
app.use((err, req, res, next) => res.json({ ok: false, status: err.status, message: err.message }));

const server = app.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const out = [];
  for (const [body, type] of cases) {
    out.push({ body, type, result: await post(port, body, type) });
  }
  const zlib = require('zlib');
  const gz = zlib.gzipSync('{"a":1}');
  const encoded = [
    ['gzip', gz], ['gzip', Buffer.from('{}')], ['gzip', gz.subarray(0, gz.length - 6)], ['deflate', zlib.deflateSync('{"b":2}')],
    ['deflate', zlib.deflateRawSync('{"b":2}')], ['br', Buffer.from('{}')], ['identity', Buffer.from('{"c":3}')], ['GZIP', gz],
  ];
  for (const [encoding, buf] of encoded) {
    out.push({ body: buf.toString('base64'), encoding, type: 'application/json', result: await post(port, buf, 'application/json', encoding) });
  }
  const big = 'x'.repeat(1024 * 1024 + 1);
  out.push({ body: '<1mb+1 bytes>', type: 'application/json', result: await post(port, big, 'application/json') });
  console.log(JSON.stringify(out, null, 1));
  server.close();
});

function post(port, body, type, encoding) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': type, 'content-length': Buffer.byteLength(body) };
    if (encoding) headers['content-encoding'] = encoding;
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/', headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(JSON.parse(data)));
    });
    req.on('error', reject);
    req.end(body);
  });
}
