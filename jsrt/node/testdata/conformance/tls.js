// https and tls against the loopback TLS server (DXHOST_TEST_TLS), whose self-signed certificate is
// internal/testserver/tls/cert.pem.
const https = require('https');
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const base = process.env.DXHOST_TEST_TLS;
const ca = fs.readFileSync(path.join(__dirname, '../../internal/testserver/tls/cert.pem'), 'utf8');

function get(options) {
  return new Promise((resolve) => {
    https.get(base + '/json', options, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    }).on('error', (e) => resolve(`error ${e.code} ${e.message}`));
  });
}

module.exports = {
  untrusted: () => get({}),
  withCA: () => get({ ca }),
  agentCA: () => get({ agent: new https.Agent({ ca }) }),
  insecure: () => get({ rejectUnauthorized: false }),
  fetchUntrusted: async () => {
    try { await fetch(base + '/json'); } catch (e) { return [e.message, e.cause && e.cause.code].join(' | '); }
    return 'fetched';
  },
  tlsSocket: () => new Promise((resolve) => {
    const { port } = new URL(base);
    const s = tls.connect({ host: '127.0.0.1', port: Number(port), ca, servername: 'localhost' }, () => {
      const proto = s.getProtocol();
      s.write('GET /json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      let text = '';
      s.on('data', (c) => { text += c; });
      s.on('end', () => resolve([s.authorized, s.encrypted, typeof proto, text.split('\r\n')[0], text.slice(text.indexOf('\r\n\r\n') + 4)].join(' | ')));
    });
    s.on('error', (e) => resolve('error ' + e.code));
  }),
  peerCertificate: () => new Promise((resolve) => {
    const { port } = new URL(base);
    const s = tls.connect({ host: '127.0.0.1', port: Number(port), ca, servername: 'localhost' }, () => {
      const c = s.getPeerCertificate();
      s.destroy();
      resolve([c.subject.CN, c.issuer.CN, c.subjectaltname, c.valid_from, c.valid_to, c.fingerprint256.length, Buffer.isBuffer(c.raw), c.serialNumber, Array.isArray(tls.rootCertificates)].join(' | '));
    });
    s.on('error', (e) => resolve('error ' + e.code));
  }),
  tlsUntrusted: () => new Promise((resolve) => {
    const { port } = new URL(base);
    const s = tls.connect({ host: '127.0.0.1', port: Number(port) }, () => resolve('connected'));
    s.on('error', (e) => resolve(`error ${e.code} ${e.message}`));
  }),
};
