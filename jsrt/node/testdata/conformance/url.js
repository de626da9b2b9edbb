// url conformance: WHATWG URL, URLSearchParams, legacy url.parse/format/resolve, file URLs.
const url = require('url');
const fields = (u) => ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin'].map((k) => `${k}=${u[k]}`).join(' ');
module.exports = {
  whatwg: () => [
    'https://user:pa ss@EXAMPLE.com:443/a/../b/%7Efoo?x=1&y=%20#frag',
    'http://example.com:8080/path with space',
    'http://[::1]:3000/',
    'https://münchen.de/',
    'file:///tmp/x.txt',
  ].map((s) => fields(new URL(s))).join('\n'),
  relative: () => [new URL('../c?d', 'http://a/b/e/f').href, new URL('//other/x', 'https://a/b').href, new URL('?q', 'http://a/b#h').href].join(' '),
  invalid: () => { try { new URL('not a url'); } catch (e) { return e.name + ' ' + e.code; } return 'parsed'; },
  searchParams: () => {
    const p = new URLSearchParams('a=1&b=2&a=3&c=%20+x');
    p.append('d', 'é &');
    p.set('b', 'z');
    p.delete('c');
    p.sort();
    return [p.toString(), p.getAll('a').join('|'), p.get('missing'), p.has('d'), [...p.keys()].join(''), new URLSearchParams({ x: '1', y: 'two' }).toString()].join(' ');
  },
  mutate: () => {
    const u = new URL('http://a.com/p?x=1');
    u.searchParams.append('y', '2');
    u.pathname = '/new path';
    u.hash = 'h';
    u.port = '81';
    return u.href + ' ' + JSON.stringify(u);
  },
  legacyParse: () => JSON.stringify(url.parse('http://user:pw@host.com:8080/p/a/t/h?query=string&a=1#hash', true)),
  legacyFormat: () => [url.format({ protocol: 'https', hostname: 'ex.com', pathname: '/a', query: { b: 1, c: 'x y' } }), url.resolve('http://a/b/c', '../d'), url.resolve('/one/two', 'three')].join(' '),
  fileURL: () => [url.fileURLToPath('file:///tmp/a%20b.txt'), url.pathToFileURL('/tmp/a b#c.txt').href, url.format(new URL('http://u:p@a.com/x?y#z'), { auth: false, search: false })].join(' '),
  httpOptions: () => JSON.stringify(url.urlToHttpOptions(new URL('https://u:p@a.com:8443/x?y=1'))),
};
