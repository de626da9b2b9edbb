// Records how Express 4.22.3's Layer (path-to-regexp 0.1.x) matches paths.
// Usage: cd <scratch dir with express@4.22.3 installed> && node patterns.js > express-patterns.json
'use strict';
const path = require('path');
const Layer = require(path.join(process.cwd(), 'node_modules/express/lib/router/layer'));

// Each case: a path spec (string, {re: source, flags}, or array of those) and layer options.
const cases = [
  { path: '/', end: true, urls: ['/', '', '/a', '//'] },
  { path: '/', end: false, urls: ['/', '/a/b', ''] },
  { path: '/hello', end: true, urls: ['/hello', '/hello/', '/HELLO', '/hello/x', '/hello.json', '/hellox'] },
  { path: '/hello', end: true, sensitive: true, urls: ['/hello', '/HELLO'] },
  { path: '/hello', end: true, strict: true, urls: ['/hello', '/hello/'] },
  { path: '/hello/', end: true, strict: true, urls: ['/hello', '/hello/'] },
  { path: '/hello/', end: true, urls: ['/hello', '/hello/', '/hello//'] },
  { path: '/hello', end: false, urls: ['/hello', '/hello/', '/hello/x', '/hello.json', '/hellox', '/HELLO/y'] },
  { path: '/user/:id', end: true, urls: ['/user/42', '/user/', '/user/42/', '/user/a%20b', '/user/%E2%82%AC', '/user/42/x', '/user/a.b'] },
  { path: '/user/:id?', end: true, urls: ['/user', '/user/', '/user/7'] },
  { path: '/user/:id(\\d+)', end: true, urls: ['/user/12', '/user/ab'] },
  { path: '/file/:name.:ext', end: true, urls: ['/file/a.txt', '/file/a.b.txt', '/file/a'] },
  { path: '/file/:name.:ext?', end: true, urls: ['/file/a', '/file/a.txt'] },
  { path: '/:from-:to', end: true, urls: ['/a-b', '/aa-bb-cc', '/ab'] },
  { path: '/files/*', end: true, urls: ['/files/a/b/c', '/files/', '/files'] },
  { path: '*', end: true, urls: ['/anything/here', '/'] },
  { path: '/a/*/b', end: true, urls: ['/a/x/y/b', '/a//b'] },
  { path: '/p/:path*', end: true, urls: ['/p/x', '/p/x/y/z', '/p'] },
  { path: '/p/:path(*)', end: true, urls: ['/p/x/y'] },
  { path: '/ab?cd', end: true, urls: ['/acd', '/abcd'] },
  { path: '/ab+cd', end: true, urls: ['/abcd', '/abbbcd', '/acd'] },
  { path: '/ab(cd)?e', end: true, urls: ['/abe', '/abcde'] },
  { path: '/x/(\\d+)/:y', end: true, urls: ['/x/5/z'] },
  { path: '/:a/(\\d+)/(\\w+)', end: true, urls: ['/q/5/z'] },
  { path: { re: '^\\/re\\/(\\d+)$', flags: '' }, end: true, urls: ['/re/12', '/RE/12', '/re/x'] },
  { path: { re: '^\\/n\\/(?<num>\\d+)\\/(\\w+)', flags: 'i' }, end: true, urls: ['/N/3/x', '/n/3'] },
  { path: { re: '.*fly$', flags: '' }, end: true, urls: ['/butterfly', '/dragonfly/x'] },
  { path: ['/one', '/two/:id'], end: true, urls: ['/one', '/two/9', '/three'] },
  { path: ['/a/(\\d+)', '/b/(\\d+)'], end: true, urls: ['/a/1', '/b/2'] },
  { path: '/bad/:id', end: true, urls: ['/bad/%E0%A4%A', '/bad/%ff', '/bad/%'] },
  { path: '/users/:id/books/:bookId', end: true, urls: ['/users/34/books/8989'] },
  { path: '/flights/:from.:to', end: true, urls: ['/flights/LAX.SFO'] },
  { path: '/x/:a/:a', end: true, urls: ['/x/1/2'] },
  { path: '/opt/:a?/:b?', end: true, urls: ['/opt', '/opt/1', '/opt/1/2'] },
  { path: '/api', end: false, urls: ['/api/v1', '/apiv1', '/api.json'] },
  { path: '/:id', end: false, urls: ['/5/x', '/5'] },
];

function toPath(p) {
  if (Array.isArray(p)) return p.map(toPath);
  if (p && typeof p === 'object') return new RegExp(p.re, p.flags);
  return p;
}

const out = [];
for (const c of cases) {
  const opts = { sensitive: !!c.sensitive, strict: !!c.strict, end: c.end };
  const layer = new Layer(toPath(c.path), opts, function () {});
  const results = [];
  for (const url of c.urls) {
    let r;
    try {
      const ok = layer.match(url);
      // params as [key, value] pairs in enumeration order; undefined values become null.
      r = ok ? { match: true, path: layer.path, params: Object.keys(layer.params).map(k => [k, layer.params[k] === undefined ? null : layer.params[k]]) } : { match: false };
    } catch (err) {
      r = { error: err.message, status: err.status, name: err.name };
    }
    results.push(Object.assign({ url }, r));
  }
  out.push({
    path: c.path,
    options: opts,
    source: layer.regexp.source,
    keys: layer.keys.map(k => ({ name: k.name, optional: k.optional })),
    results,
  });
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
