// node-fetch 3 (bundled by the extension itself) against the loopback test server.
const fetchModule = require('node-fetch-3');
const fetch = fetchModule.default || fetchModule;
const base = process.env.DXHOST_TEST_SERVER;
const host = new URL(base).host;
const clean = (s) => String(s).split(host).join('<server>');

module.exports = {
  json: async () => {
    const res = await fetch(base + '/json');
    return [res.status, res.ok, res.headers.get('content-type'), JSON.stringify(await res.json())].join(' | ');
  },
  post: async () => {
    const res = await fetch(base + '/echo', { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'Content-Type': 'application/json' } });
    const echoed = await res.json();
    return clean(JSON.stringify([echoed.method, echoed.body, echoed.headers['content-type'], echoed.headers['content-length']]));
  },
  gzip: async () => (await (await fetch(base + '/gzip')).text()).length,
  redirect: async () => { const res = await fetch(base + '/redirect'); return [res.status, res.redirected, clean(res.url)].join(' '); },
  stream: async () => {
    const res = await fetch(base + '/stream');
    let text = '';
    for await (const chunk of res.body) text += chunk;
    return JSON.stringify(text);
  },
  refused: async () => {
    try { await fetch('http://127.0.0.1:2/'); } catch (e) { return [e.name, e.code, e.type].join(' '); }
    return 'no error';
  },
  abort: async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    try { await fetch(base + '/slow?ms=2000', { signal: ac.signal }); } catch (e) { return [e.name, e.type].join(' '); }
    return 'no error';
  },
};
