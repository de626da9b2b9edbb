// The newest axios (which imports http2 at load) with its Node adapter against the loopback test server.
const axios = require('axios-latest');
const base = process.env.DXHOST_TEST_SERVER;
const host = new URL(base).host;
const clean = (v) => JSON.stringify(v).split(host).join('<server>');

module.exports = {
  getJson: async () => {
    const res = await axios.get(base + '/json');
    return [res.status, res.statusText, res.headers['content-type'], clean(res.data), typeof res.request, res.config.method].join(' | ');
  },
  postJson: async () => clean((await axios.post(base + '/echo?x=1', { a: 1, b: [true] }, { headers: { 'X-Custom': 'yes' } })).data),
  postForm: async () => clean((await axios.post(base + '/echo', new URLSearchParams({ a: '1', b: 'x y' }))).data),
  basicAuth: async () => clean((await axios.get(base + '/echo', { auth: { username: 'user', password: 'pa:ss' } })).data.headers),
  params: async () => (await axios.get(base + '/echo', { params: { q: 'a b', n: 2, list: [1, 2] } })).data.path,
  errorResponse: async () => {
    try {
      await axios.get(base + '/status/404');
    } catch (e) {
      return [e.name, e.code, e.message, e.response.status, clean(e.response.data), axios.isAxiosError(e)].join(' | ');
    }
    return 'no error';
  },
  validateStatus: async () => (await axios.get(base + '/status/500', { validateStatus: () => true })).status,
  timeout: async () => {
    try {
      await axios.get(base + '/slow?ms=2000', { timeout: 50 });
    } catch (e) {
      return [e.code, e.message].join(' | ');
    }
    return 'no error';
  },
  refused: async () => {
    try {
      await axios.get('http://127.0.0.1:2/');
    } catch (e) {
      return [e.code, e.message, e.response === undefined].join(' | ');
    }
    return 'no error';
  },
  interceptors: async () => {
    const client = axios.create({ baseURL: base, headers: { 'X-Base': 'b' } });
    client.interceptors.request.use((config) => { config.headers['X-Intercepted'] = 'req'; return config; });
    client.interceptors.response.use((res) => { res.data.intercepted = true; return res; });
    const res = await client.get('/echo');
    return clean([res.data.headers, res.data.intercepted]);
  },
  gzip: async () => {
    const res = await axios.get(base + '/gzip');
    return [typeof res.data, res.data.length, res.data.slice(0, 10)].join(',');
  },
  redirect: async () => {
    const res = await axios.get(base + '/redirect');
    return [res.status, clean(res.data), res.request.res.responseUrl === base + '/json'].join(' | ');
  },
  stream: async () => {
    const res = await axios.get(base + '/stream', { responseType: 'stream' });
    let text = '';
    for await (const chunk of res.data) text += chunk;
    return JSON.stringify(text);
  },
  abort: async () => {
    const ac = new AbortController();
    const p = axios.get(base + '/slow?ms=2000', { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    try { await p; } catch (e) { return [e.name, e.code, e.message, axios.isCancel(e)].join(' | '); }
    return 'no error';
  },
};
