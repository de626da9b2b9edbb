// Router/req/res cases shared by record-router.js (run against Express 4.22.3) and the Go replay test.
// Each setup is the source of a function (router) that registers routes, as an endpoint extension does.
// Handlers only use what both Node and dxhost's runtime offer.
'use strict';
const dump = `function dump(req) { return { method: req.method, url: req.url, baseUrl: req.baseUrl, originalUrl: req.originalUrl, path: req.path, params: req.params }; }`;

module.exports = [
  {
    name: 'hello',
    setup: `function (router) { router.get('/', (req, res) => res.send('Hello, World!')); router.get('/hello', (req, res) => res.send('hi')); }`,
    requests: [['GET', '/ext'], ['GET', '/ext/'], ['GET', '/ext/hello'], ['GET', '/EXT/HELLO/'], ['GET', '/ext/hello?x=1'], ['POST', '/ext/hello'], ['GET', '/ext/nope'], ['HEAD', '/ext/hello']],
  },
  {
    name: 'params',
    setup: `function (router) { ${dump}
      router.get('/user/:id', (req, res) => res.json(dump(req)));
      router.get('/opt/:a?', (req, res) => res.json(dump(req)));
      router.get('/num/:n(\\\\d+)', (req, res) => res.json(dump(req)));
      router.get('/file/:name.:ext', (req, res) => res.json(dump(req)));
      router.get('/files/*', (req, res) => res.json(dump(req)));
      router.get(/^\\/re\\/(\\d+)$/, (req, res) => res.json(dump(req)));
      router.get(['/one', '/two/:x'], (req, res) => res.json(dump(req)));
      router.get('/ab?cd', (req, res) => res.json(dump(req)));
    }`,
    requests: [['GET', '/ext/user/42'], ['GET', '/ext/user/a%20b?q=1'], ['GET', '/ext/user/%E2%82%AC'], ['GET', '/ext/user/%E0%A4%A'], ['GET', '/ext/user/%ff'], ['GET', '/ext/opt'], ['GET', '/ext/opt/7'],
      ['GET', '/ext/num/12'], ['GET', '/ext/num/ab'], ['GET', '/ext/file/a.b.txt'], ['GET', '/ext/files/x/y/z'], ['GET', '/ext/re/5'], ['GET', '/ext/two/9'], ['GET', '/ext/acd'], ['GET', '/ext/abcd']],
  },
  {
    name: 'next-route-and-chains',
    setup: `function (router) {
      const order = [];
      router.get('/a', (req, res, next) => { req.trace = ['a1']; next(); }, [(req, res, next) => { req.trace.push('a2'); next('route'); }, (req, res) => res.send('never')]);
      router.get('/a', (req, res) => { req.trace.push('b'); res.json(req.trace); });
      router.route('/r').all((req, res, next) => { req.trace = ['all']; next(); }).get((req, res) => res.json(req.trace.concat('get'))).post((req, res) => res.json(req.trace.concat('post')));
      router.get('/leave', (req, res, next) => next('router'));
      router.get('/leave', (req, res) => res.send('never'));
      router.get('/fall', (req, res, next) => next());
    }`,
    requests: [['GET', '/ext/a'], ['GET', '/ext/r'], ['POST', '/ext/r'], ['PUT', '/ext/r'], ['GET', '/ext/leave'], ['GET', '/ext/fall']],
  },
  {
    name: 'use-and-urls',
    setup: `function (router) { ${dump}
      router.use((req, res, next) => { res.set('X-Seen', req.url); next(); });
      router.use('/sub', (req, res, next) => { if (req.query.stop) return res.json(dump(req)); next(); });
      router.use('/sub', (req, res) => res.json(Object.assign(dump(req), { where: 'sub2' })));
      router.get('/after', (req, res) => res.json(dump(req)));
    }`,
    requests: [['GET', '/ext/sub?stop=1'], ['GET', '/ext/sub/deep/x?stop=1'], ['GET', '/ext/SUB/deep'], ['GET', '/ext/subway'], ['GET', '/ext/after'], ['GET', '/ext/sub.json?stop=1'],
      ['GET', 'http://example.com/ext/sub/deep?stop=1'], ['GET', 'http://example.com/ext/after?q=1']],
  },
  {
    name: 'errors',
    setup: `function (router) {
      router.get('/throw', () => { throw new Error('sync boom'); });
      router.get('/next', (req, res, next) => next(new Error('passed')));
      router.get('/skip', (req, res, next) => next(new Error('e1')), (req, res) => res.send('not me'));
      router.get('/handled', (req, res, next) => next(new Error('to handler')));
      router.get('/param/:id', (req, res) => res.send('x'));
      router.use('/handled', (err, req, res, next) => res.status(418).json({ caught: err.message }));
      router.use((err, req, res, next) => { if (req.path.startsWith('/param/')) return res.status(err.status).json({ msg: err.message, name: err.name }); next(err); });
      router.use((req, res, next) => next());
    }`,
    requests: [['GET', '/ext/throw'], ['GET', '/ext/next'], ['GET', '/ext/skip'], ['GET', '/ext/handled'], ['GET', '/ext/param/%E0%A4%A'], ['GET', '/ext/param/%C0%AF']],
  },
  {
    name: 'head-options',
    setup: `function (router) {
      router.get('/x', (req, res) => res.send('get body'));
      router.post('/x', (req, res) => res.send('post'));
      router.all('/any', (req, res) => res.send(req.method));
      router.head('/h', (req, res) => res.set('X-Head', 'yes').end());
      router.get('/h', (req, res) => res.send('get h'));
      router.options('/own', (req, res) => res.status(204).end());
    }`,
    requests: [['HEAD', '/ext/x'], ['OPTIONS', '/ext/x'], ['OPTIONS', '/ext/any'], ['OPTIONS', '/ext/h'], ['HEAD', '/ext/h'], ['OPTIONS', '/ext/own'], ['OPTIONS', '/ext/none'], ['DELETE', '/ext/x']],
  },
  {
    name: 'param-callbacks',
    setup: `function (router) {
      let calls = 0;
      router.param('id', (req, res, next, id) => { calls++; req.user = { id: id, calls: calls }; next(); });
      router.param('bad', (req, res, next, v) => next(new Error('bad param ' + v)));
      router.get('/u/:id', (req, res, next) => next());
      router.get('/u/:id', (req, res) => res.json(req.user));
      router.get('/b/:bad', (req, res) => res.send('no'));
    }`,
    requests: [['GET', '/ext/u/5'], ['GET', '/ext/b/1']],
  },
  {
    name: 'send-variants',
    setup: `function (router) {
      router.get('/string', (req, res) => res.send('<p>hi</p>'));
      router.get('/object', (req, res) => res.send({ a: 1, b: [true, null] }));
      router.get('/array', (req, res) => res.send([1, 'two']));
      router.get('/null', (req, res) => res.send(null));
      router.get('/undef', (req, res) => res.send());
      router.get('/bool', (req, res) => res.send(true));
      router.get('/status-number', (req, res) => res.send(404));
      router.get('/json-null', (req, res) => res.json(null));
      router.get('/json-status', (req, res) => res.status(201).json({ created: true }));
      router.get('/send-status', (req, res) => res.sendStatus(403));
      router.get('/send-status-odd', (req, res) => res.sendStatus(299));
      router.get('/no-content', (req, res) => res.status(204).send('dropped'));
      router.get('/typed', (req, res) => res.type('text').send('plain'));
      router.get('/typed-json', (req, res) => res.type('json').send('{"x":1}'));
      router.get('/ct-latin', (req, res) => res.set('Content-Type', 'text/plain; charset=iso-8859-1').send('x'));
      router.get('/etag-set', (req, res) => res.set('ETag', '"mine"').send('x'));
      router.get('/unicode', (req, res) => res.send('héllo €'));
      router.get('/maxage', (req, res) => res.sendFile('hello.txt', { root: EXT_DIR, maxAge: req.query.m, immutable: !!req.query.i }));
      router.get('/big', (req, res) => res.send('x'.repeat(5000)));
      router.get('/empty', (req, res) => res.send(''));
      router.get('/end', (req, res) => res.end('raw end'));
      router.get('/end-empty', (req, res) => res.end());
      router.get('/write', (req, res) => { res.write('a'); res.write('b'); res.end('c'); });
      router.get('/writehead', (req, res) => { res.writeHead(202, { 'X-A': '1', 'Content-Type': 'text/plain' }); res.end('ok'); });
      router.get('/headers-sent', (req, res) => { const before = res.headersSent; res.send('x'); console.log(before, res.headersSent); });
      router.get('/status-code', (req, res) => { res.statusCode = 207; res.send(String(res.statusCode)); });
    }`,
    requests: ['/string', '/object', '/array', '/null', '/undef', '/bool', '/status-number', '/json-null', '/json-status', '/send-status', '/send-status-odd', '/no-content',
      '/typed', '/typed-json', '/ct-latin', '/etag-set', '/unicode', '/big', '/empty', '/end', '/end-empty', '/write', '/writehead', '/status-code'].map(p => ['GET', '/ext' + p]).concat([['HEAD', '/ext/object']]),
  },
  {
    name: 'conditional',
    setup: `function (router) { router.get('/e', (req, res) => res.json({ fresh: req.fresh, stale: req.stale })); router.post('/e', (req, res) => res.send('post')); }`,
    requests: [['GET', '/ext/e'], ['GET', '/ext/e', { 'If-None-Match': 'W/"1c-Ub3sA43wzAmDjPML38AuvKAR60c"' }], ['HEAD', '/ext/e', { 'If-None-Match': 'W/"1c-Ub3sA43wzAmDjPML38AuvKAR60c"' }],
      ['GET', '/ext/e', { 'If-None-Match': 'W/"1c-Ub3sA43wzAmDjPML38AuvKAR60c"', 'Cache-Control': 'no-cache' }], ['GET', '/ext/e', { 'If-None-Match': '*' }], ['POST', '/ext/e', { 'If-None-Match': 'W/"4-m0ZglOyZGgPLlcSJwZxNdWNfCuU"' }]],
  },
  {
    name: 'headers-cookies-redirects',
    setup: `function (router) {
      router.get('/set', (req, res) => { res.set({ 'X-One': 1, 'X-Many': ['a', 'b'] }); res.append('X-Many', 'c'); res.header('x-lower', 'v'); res.json({ one: res.get('x-one'), many: res.get('X-MANY'), names: res.getHeaderNames(), has: res.hasHeader('X-One') }); });
      router.get('/remove', (req, res) => { res.setHeader('X-Gone', 'x'); res.removeHeader('x-gone'); res.json({ gone: res.getHeader('x-gone') === undefined }); });
      router.get('/cookie', (req, res) => { res.cookie('a', 'b c'); res.cookie('obj', { x: 1 }, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 0, domain: 'example.com', path: '/p' }); res.clearCookie('old'); res.send('ok'); });
      router.get('/redirect', (req, res) => res.redirect('/somewhere?a=b c'));
      router.get('/redirect301', (req, res) => res.redirect(301, 'http://example.com/<x>'));
      router.get('/location', (req, res) => res.location('/loc ation').send('x'));
      router.get('/links', (req, res) => res.links({ next: '/p2', last: '/p9' }).send('x'));
      router.get('/attach', (req, res) => res.attachment('report 1.pdf').send('x'));
      router.get('/vary', (req, res) => { res.vary('Origin'); res.vary('Accept'); res.send('x'); });
      router.get('/format', (req, res) => res.format({ text: () => res.send('text'), json: () => res.json({ t: 'json' }) }));
      router.get('/format-none', (req, res) => res.format({ 'image/png': () => res.send('png') }));
      router.get('/after-sent', (req, res) => { res.send('first'); try { res.set('X-Late', '1'); } catch (e) { console.log(e.code); } });
    }`,
    requests: [['GET', '/ext/set'], ['GET', '/ext/remove'], ['GET', '/ext/cookie'], ['GET', '/ext/redirect'], ['GET', '/ext/redirect', { Accept: 'text/html' }], ['GET', '/ext/redirect', { Accept: 'application/json' }],
      ['HEAD', '/ext/redirect301'], ['GET', '/ext/redirect301', { Accept: 'text/plain' }], ['GET', '/ext/location'], ['GET', '/ext/links'], ['GET', '/ext/attach'], ['GET', '/ext/vary'],
      ['GET', '/ext/format', { Accept: 'application/json' }], ['GET', '/ext/format', { Accept: 'text/plain' }], ['GET', '/ext/format-none', { Accept: 'text/html' }], ['GET', '/ext/after-sent']],
  },
  {
    name: 'request-fields',
    setup: `function (router) {
      router.all('/q', (req, res) => res.json(req.query));
      router.get('/h', (req, res) => res.json({ ua: req.get('user-agent'), ref: req.get('Referrer'), custom: req.header('X-Custom'), multi: req.headers['x-multi'], hostname: req.hostname, protocol: req.protocol, secure: req.secure, xhr: req.xhr, ip: req.ip, ips: req.ips, subdomains: req.subdomains }));
      router.post('/body', (req, res) => res.json({ body: req.body, isJson: req.is('json'), isHtml: req.is('html'), type: req.is('application/*') }));
      router.get('/dups', (req, res) => res.json({ multi: req.headers['x-multi'], accept: req.get('accept'), ua: req.headers['user-agent'], names: Object.keys(req.headers).filter((n) => n !== 'host' && n !== 'connection').sort() }));
      router.get('/accepts', (req, res) => res.json({ a: req.accepts(['json', 'html']), b: req.accepts('text/plain'), lang: req.acceptsLanguages('fr', 'en') }));
    }`,
    requests: [['GET', '/ext/q?x[y]=1&z=a&z=b'], ['GET', '/ext/q?a[]=1&a[]=2&b[0]=x&b[2]=y&c.d=1&e=%20sp+ace&f'], ['GET', '/ext/q?deep[a][b][c][d][e][f][g][h][i][j][k][l]=1'], ['GET', '/ext/q?arr[600]=x&arr[1]=y'],
      ['GET', '/ext/q?filter[status][_eq]=published&fields=*,author.*&limit=-1'], ['GET', '/ext/q'],
      ['GET', '/ext/h', { 'User-Agent': 'dxhost-test', Referer: 'http://ref.example/', 'X-Custom': 'c', 'X-Requested-With': 'XMLHttpRequest', Host: 'api.sub.example.com:8055' }],
      ['GET', '/ext/h', { Host: 'example.com', 'X-Forwarded-Proto': 'https, http', 'X-Forwarded-Host': 'fwd.example.org' }],
      ['POST', '/ext/body', { 'Content-Type': 'application/json' }, '{"b":2,"a":[1,{"c":null}]}'], ['POST', '/ext/body', { 'Content-Type': 'text/plain' }, 'plain text'],
      ['GET', '/ext/accepts', { Accept: 'text/html;q=0.5, application/json', 'Accept-Language': 'en;q=0.8, fr' }], ['GET', '/ext/accepts'],
      ['GET', '/ext/dups', { 'X-Multi': ['a', 'b'], Accept: ['text/html', 'application/json'], 'User-Agent': ['first', 'second'] }]],
  },
  {
    name: 'buffers-types-misc',
    setup: `function (router) {
      router.get('/buffer', (req, res) => res.send(Buffer.from('bin data')));
      router.get('/buffer-typed', (req, res) => res.type('png').send(Buffer.from([1, 2, 3])));
      router.get('/u8', (req, res) => res.send(new Uint8Array([1, 2])));
      router.get('/end-buffer', (req, res) => res.end(Buffer.from('eb')));
      router.get('/types', (req, res) => { const out = {}; for (const t of ['html', '.txt', 'json', 'application/x-foo', 'png', 'nope', 'js', 'css']) { res.type(t); out[t] = res.get('Content-Type'); } res.json(out); });
      router.get('/jsonp', (req, res) => res.jsonp({ a: 1 }));
      router.get('/range', (req, res) => res.json({ r: req.range(1000) === undefined ? 'none' : req.range(1000) }));
      router.get('/param/:p', (req, res) => res.json({ p: req.param('p'), q: req.param('q'), d: req.param('missing', 'dflt') }));
      router.get('/status-str', (req, res) => res.status('201').send('x'));
      router.post('/raw', (req, res) => res.json({ raw: req.rawBody ? req.rawBody.toString() : null, isBuffer: Buffer.isBuffer(req.rawBody) }));
      router.get('/locals', (req, res) => { res.locals.a = 1; res.json({ proto: Object.getPrototypeOf(res.locals) === null, a: res.locals.a }); });
      router.get('/write-cb', (req, res) => { res.write('a', () => { res.end('b'); }); });
      router.get('/headers-obj', (req, res) => { res.setHeader('X-Num', 5); res.setHeader('X-Arr', ['p', 'q']); res.json({ num: res.getHeader('x-num'), arr: res.getHeader('x-arr'), all: res.getHeaders() }); });
    }`,
    requests: [['GET', '/ext/buffer'], ['GET', '/ext/buffer-typed'], ['GET', '/ext/u8'], ['GET', '/ext/end-buffer'], ['GET', '/ext/types'], ['GET', '/ext/jsonp?callback=cb'], ['GET', '/ext/jsonp'],
      ['GET', '/ext/range', { Range: 'bytes=0-99,200-' }], ['GET', '/ext/range'], ['GET', '/ext/param/pv?q=qv'], ['GET', '/ext/status-str'], ['POST', '/ext/raw', { 'Content-Type': 'application/json' }, '{"k": [1, 2]}'],
      ['GET', '/ext/locals'], ['GET', '/ext/write-cb'], ['GET', '/ext/headers-obj']],
  },
  {
    name: 'router-corners',
    setup: `function (router) {
      router.param('id', (req, res, next, id) => { req.seen = (req.seen || []).concat('p1:' + id); next(); });
      router.param('id', (req, res, next, id) => { req.params.id = id.toUpperCase(); req.seen.push('p2'); next(); });
      router.get('/item/:id', (req, res, next) => { req.seen.push('h1:' + req.params.id); next(); });
      router.get('/item/:id', (req, res) => res.json({ seen: req.seen, id: req.params.id }));
      router.route('/all-route').all((req, res, next) => next()).get((req, res) => res.send('g'));
      router.get(/^\\/named\\/(?<year>\\d{4})\\/(\\w+)$/, (req, res) => res.json(req.params));
      router.use(['/multi-a', '/multi-b'], (req, res) => res.json({ baseUrl: req.baseUrl, url: req.url }));
      router.use(/\\/rx\\d+/, (req, res) => res.json({ baseUrl: req.baseUrl, url: req.url, params: req.params }));
      router.use('/route-skip', (req, res, next) => next('route'));
      router.get('/route-skip', (req, res) => res.send('after use next(route)'));
      router.get('/route-err', (req, res, next) => next(new Error('inner')), (err, req, res, next) => res.status(409).send('route-level ' + err.message));
      router.get('/err-in-err', (req, res, next) => next(new Error('first')));
      router.get('/recover', (req, res, next) => next(new Error('recoverable')));
      router.use('/err-in-err', (err, req, res, next) => { throw new Error('second from ' + err.message); });
      router.use('/recover', (err, req, res, next) => next());
      router.get('/recover', (req, res) => res.send('route runs again once the error was handled'));
      router.use('/recover', (req, res) => res.send('recovered in middleware'));
      router.get('/trailing/', (req, res) => res.send('trailing'));
      router.get('/arity', function (req, res, next, extra) { res.send('4-arg handlers are skipped for requests'); });
      router.get('/arity', (req, res) => res.send('3-arg one answers'));
    }`,
    requests: [['GET', '/ext/item/ab'], ['OPTIONS', '/ext/all-route'], ['GET', '/ext/named/2024/post'], ['GET', '/ext/multi-b/x?q=1'], ['GET', '/ext/rx12/y'],
      ['GET', '/ext/route-skip'], ['GET', '/ext/route-err'], ['GET', '/ext/err-in-err'], ['GET', '/ext/recover'], ['GET', '/ext/trailing'], ['GET', '/ext/trailing/'], ['GET', '/ext/arity']],
  },
  {
    name: 'no-trust-proxy',
    trustProxy: false,
    setup: `function (router) { router.get('/h', (req, res) => res.json({ hostname: req.hostname, protocol: req.protocol, secure: req.secure, ip: req.ip, ips: req.ips })); }`,
    requests: [['GET', '/ext/h', { Host: 'example.com:8055', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'fwd.example.org' }]],
  },
  {
    name: 'url-rewrite',
    setup: `function (router) {
      router.use('/old', (req, res, next) => { req.url = '/new' + req.url; next(); });
      router.use('/empty', (req, res, next) => { req.url = ''; next(); });
      router.use('/short', (req, res, next) => { req.url = 'x'; next(); });
      router.get('/new/:x', (req, res) => res.json({ url: req.url, x: req.params.x, baseUrl: req.baseUrl }));
      router.use((req, res) => res.json({ fallback: req.url, baseUrl: req.baseUrl }));
    }`,
    requests: [['GET', '/ext/old/7'], ['GET', '/ext/empty/x'], ['GET', '/ext/short/deeper/path']],
  },
  {
    name: 'sendfile',
    // Written into the extension folder (EXT_DIR) before the requests, with this mtime.
    files: { 'hello.txt': 'hello file\n', 'data.json': '{"k":1}', '.hidden': 'secret', 'sub/page.html': '<p>page</p>', 'big.bin': 'b'.repeat(100000) },
    mtime: '2020-01-02T03:04:05.000Z',
    setup: `function (router) {
      const report = (res) => (err) => err ? res.status(err.status || 500).json({ code: err.code || null, status: err.status || null, syscall: err.syscall || null, expose: err.expose, message: err.code ? null : err.message }) : null;
      router.get('/file', (req, res) => res.sendFile('hello.txt', { root: EXT_DIR }));
      router.get('/abs', (req, res) => res.sendFile(EXT_DIR + '/data.json'));
      router.get('/missing', (req, res) => res.sendFile('nope.txt', { root: EXT_DIR }, report(res)));
      router.get('/dot', (req, res) => res.sendFile('.hidden', { root: EXT_DIR }, report(res)));
      router.get('/dot-allow', (req, res) => res.sendFile('.hidden', { root: EXT_DIR, dotfiles: 'allow' }));
      router.get('/up', (req, res) => res.sendFile('../outside.txt', { root: EXT_DIR }, report(res)));
      router.get('/dir', (req, res) => res.sendFile('sub', { root: EXT_DIR }));
      router.get('/page', (req, res) => res.sendFile('sub/page.html', { root: EXT_DIR, maxAge: 60000, headers: { 'X-From': 'opts' } }));
      router.get('/maxage', (req, res) => res.sendFile('hello.txt', { root: EXT_DIR, maxAge: req.query.m, immutable: !!req.query.i }));
      router.get('/big', (req, res) => res.sendFile('big.bin', { root: EXT_DIR }));
      router.get('/download', (req, res) => res.download(EXT_DIR + '/hello.txt', 'greeting file.txt'));
      router.get('/cb', (req, res) => res.sendFile('hello.txt', { root: EXT_DIR }, (err) => res.end()));
      router.get('/relative', (req, res) => { try { res.sendFile('hello.txt'); } catch (e) { res.status(500).json({ name: e.name, message: e.message }); } });
    }`,
    requests: [['GET', '/ext/file'], ['HEAD', '/ext/file'], ['GET', '/ext/file', { Range: 'bytes=0-4' }], ['GET', '/ext/file', { Range: 'bytes=100-200' }],
      ['GET', '/ext/file', { 'If-None-Match': 'W/"b-16f64d8d388"' }], ['GET', '/ext/file', { 'If-Modified-Since': 'Fri, 03 Jan 2020 00:00:00 GMT' }], ['GET', '/ext/file', { 'If-Match': '"other"' }],
      ['GET', '/ext/file', { Range: 'bytes=2-3', 'If-Range': '"stale"' }],
      ['GET', '/ext/abs'], ['GET', '/ext/missing'], ['GET', '/ext/dot'], ['GET', '/ext/dot-allow'], ['GET', '/ext/up'], ['GET', '/ext/dir'], ['GET', '/ext/page'], ['GET', '/ext/big'], ['GET', '/ext/maxage?m=1d'], ['GET', '/ext/maxage?m=2.5%20hrs&i=1'], ['GET', '/ext/maxage?m=90s'], ['GET', '/ext/maxage?m=1500ms'], ['GET', '/ext/maxage?m=10y'],
      ['GET', '/ext/download'], ['GET', '/ext/cb'], ['GET', '/ext/relative']],
  },
  {
    name: 'next-without-declaring-it',
    // Handlers that declare fewer than three parameters still reach next: through req.next, the
    // arguments object, a rest parameter or a defaulted third parameter; req.next is the router's next.
    setup: `function (router) {
      router.get('/req-next', (req, res) => { req.trace = ['first']; req.next(); }, (req, res) => res.json(req.trace.concat('second')));
      router.get('/arguments', function (req, res) { req.n = arguments.length; arguments[2](); });
      router.get('/arguments', (req, res) => res.json({ n: req.n }));
      router.get('/rest', (...args) => { args[0].n = args.length; args[2](); });
      router.get('/rest', (req, res) => res.json({ n: req.n }));
      router.get('/default', (req, res, next = null) => next());
      router.get('/default', (req, res) => res.send('default reached'));
      router.use('/use-args', function (req, res) { arguments[2](); });
      router.get('/use-args', (req, res) => res.send('after use() with arguments'));
      router.get('/same', (req, res) => { const first = req.next; res.json({ stable: first === req.next, isFunction: typeof first }); });
      router.get('/async', async (req, res) => { await null; req.next(); });
      router.get('/throw', (req, res) => { throw new Error('thrown by a two-parameter handler'); });
      router.use('/use', (req, res) => req.next());
      router.get('/use', (req, res) => res.send('after a two-parameter use()'));
      router.use((req, res, next) => { if (req.path === '/in-use') return res.json({ inUse: typeof req.next, same: req.next === next }); next(); });
    }`,
    requests: [['GET', '/ext/req-next'], ['GET', '/ext/arguments'], ['GET', '/ext/rest'], ['GET', '/ext/default'], ['GET', '/ext/use-args'], ['GET', '/ext/same'], ['GET', '/ext/async'], ['GET', '/ext/throw'], ['GET', '/ext/use'], ['GET', '/ext/in-use']],
  },
];
