// Records Express 4.22.3's answers to cases.js. Usage, in a scratch folder where `npm install
// express@4.22.3` was run:  node /path/to/record-router.js > express-router.json
// The app mirrors what Directus puts around an endpoint router (spec 02 §4): trust proxy on, qs query
// parser with depth 10 / arrayLimit 500, express.json(), x-powered-by off; the extension router is
// mounted at /ext. A fall-through answers 404 {"fallthrough":true}; an error passed out answers
// 599 {"error": message}.
'use strict';
const path = require('path');
const http = require('http');
const express = require(path.join(process.cwd(), 'node_modules/express'));
const qs = require(path.join(process.cwd(), 'node_modules/qs'));
const cases = require('./cases.js');
console.log = console.error; // handlers may log; stdout carries the recording

const fs = require('fs');
const os = require('os');

const keep = ['content-type', 'content-length', 'etag', 'allow', 'location', 'set-cookie', 'vary', 'link', 'content-disposition', 'transfer-encoding',
  'accept-ranges', 'cache-control', 'last-modified', 'content-range'];

// The extension folder of a case: its files written with the case's mtime.
function extDir(c) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-'));
  for (const [name, content] of Object.entries(c.files || {})) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    const t = new Date(c.mtime);
    fs.utimesSync(file, t, t);
  }
  return dir;
}

async function run() {
  const out = [];
  for (const c of cases) {
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', c.trustProxy !== false); // Directus: IP_TRUST_PROXY, true by default
    app.set('query parser', (str) => qs.parse(str, { depth: 10, arrayLimit: 500 }));
    // Directus keeps the raw bytes the JSON parser read as req.rawBody (spec 02 §3).
    app.use(express.json({ verify: (req, res, buf) => { req.rawBody = buf; } }));
    globalThis.EXT_DIR = extDir(c);
    const router = express.Router();
    (0, eval)('(' + c.setup + ')')(router);
    app.use('/ext', router);
    app.use((req, res) => res.status(404).json({ fallthrough: true }));
    app.use((err, req, res, next) => res.status(599).json({ error: err.message }));
    const server = http.createServer(app);
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const port = server.address().port;
    const results = [];
    for (const [method, url, headers, body] of c.requests) {
      results.push(await request(port, method, url, headers || {}, body));
    }
    server.close();
    out.push({ name: c.name, setup: c.setup, trustProxy: c.trustProxy !== false, files: c.files, mtime: c.mtime, results });
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

function request(port, method, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const h = {};
        for (const k of keep) if (res.headers[k] !== undefined) h[k] = res.headers[k];
        for (const k of Object.keys(res.headers)) if (k.startsWith('x-')) h[k] = res.headers[k];
        resolve({ method, url, headers: headersOrNull(headers), body: body === undefined ? null : body, status: res.statusCode, responseHeaders: h, responseBody: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function headersOrNull(h) { return Object.keys(h).length ? h : null; }

run().catch((e) => { console.error(e); process.exit(1); });
