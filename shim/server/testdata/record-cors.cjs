// Records the `cors` package (2.8.5, Directus 12.4.1's) configured the way Directus does from CORS_*
// (methods/headers as comma strings, credentials, maxAge), for several CORS_ORIGIN values and requests.
// Run: NODE_PATH=<dir with express@4.22 and cors@2.8.5> node record-cors.cjs > cors.json
const express = require('express');
const cors = require('cors');
const http = require('http');

const origins = {
  'true': true,
  'false': false,
  'string': 'https://app.example.com',
  'star': '*',
  'array': ['https://a.example.com', 'https://b.example.com'],
  'regex': /\.example\.org$/,
};
const requests = [
  { method: 'GET', headers: {} },
  { method: 'GET', headers: { origin: 'https://a.example.com' } },
  { method: 'GET', headers: { origin: 'https://evil.com' } },
  { method: 'GET', headers: { origin: 'https://x.example.org' } },
  { method: 'OPTIONS', headers: { origin: 'https://a.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-custom' } },
  { method: 'OPTIONS', headers: {} },
];

async function main() {
  const out = [];
  for (const [name, origin] of Object.entries(origins)) {
    const app = express();
    app.disable('x-powered-by');
    app.use(cors({ origin, methods: 'GET,POST,PATCH,DELETE', allowedHeaders: 'Content-Type,Authorization', exposedHeaders: 'Content-Range', credentials: true, maxAge: 18000 }));
    app.use((req, res) => res.send('ok'));
    const server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
    for (const req of requests) out.push({ origin: name, request: req, response: await send(server.address().port, req) });
    server.close();
  }
  console.log(JSON.stringify(out, null, 1));
}

function send(port, { method, headers }) {
  return new Promise((resolve) => {
    const req = http.request({ port, host: '127.0.0.1', method, path: '/x', headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        const h = {};
        for (const [k, v] of Object.entries(res.headers)) if (k.startsWith('access-control-') || k === 'vary' || k === 'content-length') h[k] = v;
        resolve({ status: res.statusCode, headers: h, body });
      });
    });
    req.end();
  });
}
main();
