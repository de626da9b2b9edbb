// fetch conformance against the loopback test server (DXHOST_TEST_SERVER).
const base = process.env.DXHOST_TEST_SERVER;
const host = new URL(base).host;
const clean = (s) => String(s).split(host).join('<server>');

module.exports = {
  json: async () => {
    const res = await fetch(base + '/json');
    return [res.status, res.ok, res.statusText, res.headers.get('content-type'), JSON.stringify(await res.json()), res.url === base + '/json', res.redirected, res.type].join(' | ');
  },
  echoDefaults: async () => clean(JSON.stringify(await (await fetch(base + '/echo')).json())),
  postJson: async () => {
    const res = await fetch(base + '/echo?q=1', { method: 'POST', headers: { 'content-type': 'application/json', 'x-custom': 'yes' }, body: JSON.stringify({ a: 1 }) });
    return clean(JSON.stringify(await res.json()));
  },
  urlencoded: async () => {
    const res = await fetch(base + '/echo', { method: 'POST', body: new URLSearchParams({ a: '1', b: 'x y' }) });
    return clean(JSON.stringify(await res.json()));
  },
  formData: async () => {
    const fd = new FormData();
    fd.append('field', 'value');
    fd.append('file', new Blob(['file contents'], { type: 'text/plain' }), 'a.txt');
    const res = await fetch(base + '/echo', { method: 'POST', body: fd });
    const echoed = await res.json();
    const boundary = echoed.headers['content-type'].split('boundary=')[1];
    return echoed.headers['content-type'].startsWith('multipart/form-data; boundary=') + ' ' + JSON.stringify(echoed.body.split(boundary).join('<b>'));
  },
  redirect: async () => {
    const res = await fetch(base + '/redirect');
    const manual = await fetch(base + '/redirect', { redirect: 'manual' });
    return [res.status, res.redirected, res.url === base + '/json', manual.status, clean(manual.headers.get('location'))].join(' ');
  },
  gzip: async () => {
    const res = await fetch(base + '/gzip');
    const text = await res.text();
    return [res.headers.get('content-encoding'), text.length, text.slice(0, 16)].join(',');
  },
  status: async () => {
    const res = await fetch(base + '/status/418');
    return [res.status, res.ok, res.statusText, await res.text()].join(' | ');
  },
  headers: async () => {
    const res = await fetch(base + '/cookies');
    const h = new Headers({ 'X-A': '1' });
    h.append('x-a', '2');
    h.set('Content-Type', 'text/plain');
    return [res.headers.get('x-multi'), typeof res.headers.getSetCookie === 'function' ? JSON.stringify(res.headers.getSetCookie()) : 'no getSetCookie', h.get('x-a'), [...h.keys()].join(','), h.has('content-type')].join(' | ');
  },
  refused: async () => {
    try { await fetch('http://127.0.0.1:2/'); } catch (e) { return [e.name, e.message, e.cause && e.cause.code, e.cause && e.cause.message].join(' '); }
    return 'no error';
  },
  abort: async () => {
    const ac = new AbortController();
    const p = fetch(base + '/slow?ms=2000', { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    try { await p; } catch (e) { return [e.name, e.message, e instanceof DOMException].join(' | '); }
    return 'no error';
  },
  timeoutSignal: async () => {
    try { await fetch(base + '/slow?ms=2000', { signal: AbortSignal.timeout(30) }); } catch (e) { return [e.name, e.message].join(' | '); }
    return 'no error';
  },
  webBody: async () => {
    const { Readable } = require('stream');
    const res = await fetch(base + '/stream');
    const isWeb = typeof res.body.getReader === 'function';
    let text = '';
    for await (const chunk of Readable.fromWeb(res.body)) text += chunk;
    const res2 = await fetch(base + '/json');
    const reader = res2.body.getReader();
    const parts = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value instanceof Uint8Array);
    const res3 = await fetch(base + '/json');
    const viaText = await res3.text();
    const empty = new Response(null).body;
    const upload = await fetch(base + '/echo', { method: 'POST', body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('from a web stream')); c.close(); } }), duplex: 'half' });
    return [isWeb, JSON.stringify(text), parts.every(Boolean), viaText.length, empty, (await upload.json()).body].join(' | ');
  },
  responseCtor: async () => {
    const r = new Response(JSON.stringify({ x: 1 }), { status: 201, headers: { 'content-type': 'application/json' } });
    const clone = r.clone();
    return [r.status, r.ok, await r.text(), (await clone.json()).x, r.headers.get('content-type')].join(',');
  },
  blob: async () => {
    const b = new Blob(['ab', new Uint8Array([99, 100]), new Blob(['ef'])], { type: 'Text/Plain' });
    const f = new File(['x'], 'f.txt', { type: 'text/plain', lastModified: 5 });
    return [b.size, b.type, await b.text(), await b.slice(1, -1).text(), Buffer.from(await b.arrayBuffer()).toString('hex'), f.name, f.size, f.lastModified, f instanceof Blob,
      Object.prototype.toString.call(f)].join(',');
  },
  formDataApi: () => {
    const fd = new FormData();
    fd.append('a', '1');
    fd.append('a', '2');
    fd.set('b', '3');
    fd.append('f', new Blob(['z']), 'z.bin');
    const f = fd.get('f');
    fd.delete('b');
    return [fd.getAll('a').join('+'), fd.has('b'), f instanceof File, f.name, [...fd.keys()].join(',')].join(' ');
  },
};
