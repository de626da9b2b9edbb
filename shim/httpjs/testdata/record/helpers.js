// Records what Express 4.22.3's helper packages answer for inputs the Go ports in shim/httpjs handle
// (etag, fresh, content-type charset, res.set's default charset). Usage, in a scratch folder with
// `npm install express@4.22.3`:  node helpers.js > ../express-helpers.json
'use strict';
const path = require('path');
const req = (m) => require(path.join(process.cwd(), 'node_modules', m));
const etag = req('etag');
const fresh = req('fresh');
const contentType = req('content-type');
const mime = req('send').mime;

const bodies = ['', 'Hello, World!', 'héllo €', 'x'.repeat(5000), '{"a":1}'];
const etags = bodies.map((b) => ({ body: b, etag: etag(Buffer.from(b, 'utf8'), { weak: true }) }));

const freshCases = [
  [{}, { etag: 'W/"1"' }],
  [{ 'if-none-match': 'W/"1"' }, { etag: 'W/"1"' }],
  [{ 'if-none-match': '"1"' }, { etag: 'W/"1"' }],
  [{ 'if-none-match': 'W/"1"' }, { etag: '"1"' }],
  [{ 'if-none-match': '"a", W/"1" ,"b"' }, { etag: 'W/"1"' }],
  [{ 'if-none-match': '*' }, { etag: 'W/"1"' }],
  [{ 'if-none-match': 'W/"2"' }, { etag: 'W/"1"' }],
  [{ 'if-none-match': 'W/"1"' }, {}],
  [{ 'if-none-match': 'W/"1"', 'cache-control': 'max-age=0, no-cache' }, { etag: 'W/"1"' }],
  [{ 'if-none-match': 'W/"1"', 'cache-control': 'no-cache-x' }, { etag: 'W/"1"' }],
  [{ 'if-modified-since': 'Sat, 01 Jan 2000 00:00:00 GMT' }, { 'last-modified': 'Fri, 31 Dec 1999 00:00:00 GMT' }],
  [{ 'if-modified-since': 'Sat, 01 Jan 2000 00:00:00 GMT' }, { 'last-modified': 'Sun, 02 Jan 2000 00:00:00 GMT' }],
  [{ 'if-modified-since': 'Sat, 01 Jan 2000 00:00:00 GMT' }, {}],
  [{ 'if-modified-since': 'garbage' }, { 'last-modified': 'Fri, 31 Dec 1999 00:00:00 GMT' }],
  [{ 'if-none-match': 'W/"1"', 'if-modified-since': 'Sat, 01 Jan 2000 00:00:00 GMT' }, { etag: 'W/"1"', 'last-modified': 'Sun, 02 Jan 2000 00:00:00 GMT' }],
].map(([reqH, resH]) => ({ req: reqH, res: resH, fresh: fresh(reqH, resH) }));

function setCharset(type, charset) {
  try {
    const parsed = contentType.parse(type);
    parsed.parameters.charset = charset;
    return contentType.format(parsed);
  } catch (e) {
    return null;
  }
}
const charsetCases = ['text/html', 'text/html; charset=utf-8', 'TEXT/Plain; Charset=ISO-8859-1', 'application/json; b=2; a="x y"',
  'text/plain;format=flowed', 'invalid', 'text/html; charset="utf-8"'].map((t) => ({ type: t, result: setCharset(t, 'utf-8') }));

const charsetRegExp = /;\s*charset\s*=/;
const defaultCharset = ['text/html', 'application/json', 'application/javascript', 'image/png', 'text/plain; charset=latin1', 'application/ld+json', 'text/csv;  CHARSET =x']
  .map((v) => {
    let value = v;
    if (!charsetRegExp.test(value)) {
      const cs = mime.charsets.lookup(value.split(';')[0]);
      if (cs) value += '; charset=' + cs.toLowerCase();
    }
    return { type: v, result: value };
  });

process.stdout.write(JSON.stringify({ etags, fresh: freshCases, setCharset: charsetCases, defaultCharset }, null, 1) + '\n');
