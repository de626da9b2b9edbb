// Records Express 4.22's req.ip (proxy-addr) for `trust proxy` values Directus passes from
// IP_TRUST_PROXY (boolean, hop count, names/CIDRs), socket 127.0.0.1. Run: node record-ip.cjs > ip.json
const express = require('express');
const http = require('http');
const trusts = [false, true, 1, 2, 'loopback', '127.0.0.1,10.0.0.0/8', ['loopback', 'uniquelocal']];
const xffs = [null, '203.0.113.5', '203.0.113.5, 10.0.0.2', '198.51.100.7, 203.0.113.5, 10.0.0.2', 'garbage, 10.0.0.2'];
async function main() {
  const out = [];
  for (const trust of trusts) {
    const app = express();
    app.set('trust proxy', trust);
    app.use((req, res) => res.send(req.ip));
    const server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
    for (const xff of xffs) {
      const ip = await new Promise((resolve) => {
        const headers = xff ? { 'x-forwarded-for': xff } : {};
        http.get({ port: server.address().port, host: '127.0.0.1', path: '/', headers }, (res) => {
          let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(b));
        });
      });
      out.push({ trust, xff, ip });
    }
    server.close();
  }
  console.log(JSON.stringify(out, null, 1));
}
main();
