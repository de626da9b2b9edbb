// Records Express 4.22 answers for the routes Directus serves before authentication (res.redirect for
// GET /, robots.txt, /server/ping) under different Accept headers and methods.
// Run: NODE_PATH=<dir with express@4.22> node record-express.cjs > express.json
const express = require('express');
const http = require('http');
const app = express();
app.disable('x-powered-by');
app.get('/', (_req, res) => res.redirect('./admin'));
app.get('/robots.txt', (_, res) => { res.set('Content-Type', 'text/plain'); res.status(200); res.send('User-agent: *\nDisallow: /'); });
app.get('/server/ping', (_req, res) => res.send('pong'));
const cases = [
  ['GET', '/', {}], ['GET', '/', { accept: 'text/html' }], ['GET', '/', { accept: 'application/json' }], ['GET', '/', { accept: '*/*' }],
  ['GET', '/', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }], ['HEAD', '/', {}],
  ['GET', '/robots.txt', {}], ['GET', '/ROBOTS.TXT/', {}], ['HEAD', '/robots.txt', {}], ['GET', '/server/ping', {}],
  ['GET', '/server/ping', { 'if-none-match': 'W/"4-DlFKBmK8tp3IY5U9HOJuPUDoGoc"' }], ['GET', '/server/ping/', {}], ['POST', '/server/ping', {}],
];
const server = app.listen(0, '127.0.0.1', async () => {
  const out = [];
  for (const [method, path, headers] of cases) out.push({ method, path, headers, response: await send(method, path, headers) });
  console.log(JSON.stringify(out, null, 1));
  server.close();
});
function send(method, path, headers) {
  return new Promise((resolve) => {
    const req = http.request({ port: server.address().port, host: '127.0.0.1', method, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        const h = { ...res.headers }; delete h.date; delete h.connection; delete h['keep-alive'];
        resolve({ status: res.statusCode, headers: h, body });
      });
    });
    req.end();
  });
}
