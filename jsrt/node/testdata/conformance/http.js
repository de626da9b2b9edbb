// http client conformance against the loopback test server (DXHOST_TEST_SERVER).
const http = require('http');
const base = process.env.DXHOST_TEST_SERVER;

function request(pathOrUrl, options = {}, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathOrUrl, base), options, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

module.exports = {
  get: async () => {
    const { res, body } = await request('/json');
    return [res.statusCode, res.statusMessage, res.headers['content-type'], res.httpVersion, body, res.complete].join(' | ');
  },
  postEcho: async () => {
    const { body } = await request('/echo?x=1', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Custom': 'yes' } }, JSON.stringify({ a: 1 }));
    return body.trim();
  },
  postEmpty: async () => (await request('/echo', { method: 'POST' })).body.trim(),
  auth: async () => (await request('/echo', { auth: 'user:p@ss' })).body.trim(),
  status: async () => {
    const { res, body } = await request('/status/404');
    const r2 = await request('/status/503');
    return [res.statusCode, res.statusMessage, body, r2.res.statusCode, r2.res.statusMessage].join(' | ');
  },
  noRedirectFollow: async () => {
    const { res } = await request('/redirect');
    return [res.statusCode, res.headers.location].join(' ');
  },
  multiHeaders: async () => {
    const { res } = await request('/cookies');
    return JSON.stringify([res.headers['set-cookie'], res.headers['x-multi']]);
  },
  gzipRaw: async () => {
    const { res, body } = await request('/gzip');
    return [res.headers['content-encoding'], body.length > 0, body.startsWith('compressed')].join(',');
  },
  streamed: () => new Promise((resolve, reject) => {
    http.get(base + '/stream', (res) => {
      let n = 0;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { n++; text += c; });
      res.on('end', () => resolve(JSON.stringify(text) + ' ' + (n >= 1)));
    }).on('error', reject);
  }),
  pipeBody: () => new Promise((resolve, reject) => {
    const { Readable } = require('stream');
    const req = http.request(base + '/echo', { method: 'PUT', headers: { 'content-type': 'text/plain' } }, (res) => {
      let s = '';
      res.on('data', (c) => { s += c; });
      res.on('end', () => resolve(JSON.parse(s).body));
    });
    req.on('error', reject);
    Readable.from(['part1-', 'part2-', 'part3']).pipe(req);
  }),
  refused: () => new Promise((resolve) => {
    http.get('http://127.0.0.1:1/', () => resolve('connected?')).on('error', (e) => resolve([e.code, e.syscall, e.address, e.port, e.message].join(' ')));
  }),
  timeout: () => new Promise((resolve) => {
    const req = http.get(base + '/slow?ms=2000', () => resolve('responded'));
    req.setTimeout(50, () => {
      req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
    });
    req.on('error', (e) => resolve('error ' + e.code + ' ' + e.message));
  }),
  abort: () => new Promise((resolve) => {
    const req = http.get(base + '/slow?ms=2000');
    req.on('error', (e) => resolve(e.code + ' ' + e.message));
    setTimeout(() => req.destroy(), 20);
  }),
  signal: () => new Promise((resolve) => {
    const ac = new AbortController();
    const req = http.get(base + '/slow?ms=2000', { signal: ac.signal });
    req.on('error', (e) => resolve([e.name, e.code, e.message].join(' | ')));
    setTimeout(() => ac.abort(), 20);
  }),
  shape: () => [typeof http.request, typeof http.get, typeof http.Agent, http.STATUS_CODES[418], http.METHODS.includes('PATCH'), typeof require('https').request,
    new http.Agent({ keepAlive: true }).keepAlive, http.globalAgent instanceof http.Agent].join(','),
  requestSurface: () => {
    const req = http.request(base + '/json', { method: 'HEAD' });
    req.setHeader('X-A', '1');
    req.setHeader('x-b', ['2', '3']);
    const out = [req.getHeader('x-a'), JSON.stringify(req.getHeaders()).replace(new URL(base).host, '<server>'), req.hasHeader('X-B'), req.method, req.path, req.host];
    req.removeHeader('x-a');
    out.push(req.getHeaderNames().join('+'));
    req.on('error', () => {});
    req.destroy();
    return out.join(' | ');
  },
};
