// res.sendFile and res.download as Express 4.22 (with send 0.19) behave, over two Go natives: stat and
// streaming a file into the response off the loop. dxhost only serves files inside the extension's own
// folder: any other path fails like a forbidden path (403).
(function (resProto, natives) {
  'use strict';
  var H;
  function helpers() { return H || (H = natives.helpers()); }
  function define(proto, name, fn) {
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  var UP_PATH_REGEXP = /(?:^|[\\/])\.\.(?:[\\/]|$)/;
  var BYTES_RANGE_REGEXP = /^ *bytes=/;

  function normalize(p) {
    var abs = p[0] === '/';
    var out = [];
    p.split('/').forEach(function (seg) {
      if (seg === '' || seg === '.') return;
      if (seg === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!abs) out.push('..'); return; }
      out.push(seg);
    });
    var s = (abs ? '/' : '') + out.join('/');
    if (p.length > 1 && p[p.length - 1] === '/' && s !== '/') s += '/';
    return s || (abs ? '/' : '.');
  }
  function resolve(p) { return normalize(p[0] === '/' ? p : natives.dir() + '/' + p); }
  function httpError(status, err) {
    var e = err instanceof Error ? err : new Error(helpers().statuses.message[status] || String(status));
    if (!(err instanceof Error)) {
      e.name = (helpers().statuses.message[status] || 'Error').replace(/[^A-Za-z]/g, '') + (/Error$/.test(e.name) ? '' : 'Error');
      e.expose = status < 500;
      if (err && err.headers) e.headers = err.headers;
    } else {
      e.expose = false;
    }
    e.status = e.statusCode = status;
    return e;
  }
  function contentRange(size, range) {
    return 'bytes ' + (range ? range.start + '-' + range.end : '*') + '/' + size;
  }
  // ms('1d') as the ms package parses durations (send accepts maxAge strings).
  function ms(str) {
    var m = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(str);
    if (!m || str.length > 100) return undefined;
    var n = parseFloat(m[1]);
    var u = (m[2] || 'ms').toLowerCase();
    var s = 1000, mi = s * 60, h = mi * 60, d = h * 24;
    var f = { y: d * 365.25, w: d * 7, d: d, h: h, m: mi, s: s, ms: 1 };
    var units = { years: 'y', year: 'y', yrs: 'y', yr: 'y', y: 'y', weeks: 'w', week: 'w', w: 'w', days: 'd', day: 'd', d: 'd',
      hours: 'h', hour: 'h', hrs: 'h', hr: 'h', h: 'h', minutes: 'm', minute: 'm', mins: 'm', min: 'm', m: 'm',
      seconds: 's', second: 's', secs: 's', sec: 's', s: 's', milliseconds: 'ms', millisecond: 'ms', msecs: 'ms', msec: 'ms', ms: 'ms' };
    return n * f[units[u]];
  }
  function parseDate(s) { return s ? Date.parse(s) : NaN; }
  function tokens(s) { return s.split(/[ ,]+/).filter(Boolean); }

  // send: stream the file at path (already checked) with Express's headers and conditional handling.
  function transfer(res, path, opts, stat, done) {
    var req = res.req;
    var h = req.headers;
    if (res.headersSent) return done(httpError(500, new Error("Can't set headers after they are sent.")));
    if (opts.headers) {
      Object.keys(opts.headers).forEach(function (k) { res.setHeader(k, opts.headers[k]); });
    }
    if (opts.acceptRanges !== false && !res.getHeader('Accept-Ranges')) res.setHeader('Accept-Ranges', 'bytes');
    if (opts.cacheControl !== false && !res.getHeader('Cache-Control')) {
      var maxAge = opts.maxAge !== undefined ? opts.maxAge : opts.maxage;
      maxAge = typeof maxAge === 'string' ? ms(maxAge) : Number(maxAge);
      maxAge = Math.min(Math.max(0, maxAge || 0), 60 * 60 * 24 * 365 * 1000);
      res.setHeader('Cache-Control', 'public, max-age=' + Math.floor(maxAge / 1000) + (opts.immutable ? ', immutable' : ''));
    }
    if (opts.lastModified !== false && !res.getHeader('Last-Modified')) res.setHeader('Last-Modified', new Date(stat.mtimeMs).toUTCString());
    if (opts.etag !== false && !res.getHeader('ETag')) res.setHeader('ETag', 'W/"' + stat.size.toString(16) + '-' + Math.floor(stat.mtimeMs).toString(16) + '"');
    if (!res.getHeader('Content-Type')) {
      var type = helpers().mime.lookup(path);
      var charset = helpers().mime.charsets.lookup(type);
      res.setHeader('Content-Type', type + (charset ? '; charset=' + charset : ''));
    }
    if (h['if-match'] || h['if-unmodified-since'] || h['if-none-match'] || h['if-modified-since']) {
      var etag = res.getHeader('ETag');
      var failed = false;
      if (h['if-match']) {
        failed = !etag || (h['if-match'] !== '*' && tokens(h['if-match']).every(function (m) { return m !== etag && m !== 'W/' + etag && 'W/' + m !== etag; }));
      } else if (!isNaN(parseDate(h['if-unmodified-since']))) {
        var lm = parseDate(res.getHeader('Last-Modified'));
        failed = isNaN(lm) || lm > parseDate(h['if-unmodified-since']);
      }
      if (failed) return done(httpError(412));
      var status = res.statusCode;
      if (((status >= 200 && status < 300) || status === 304) && natives.fresh(h['if-modified-since'] || '', h['if-none-match'] || '', h['cache-control'] || '', etag || '', res.getHeader('Last-Modified') || '')) {
        ['Content-Encoding', 'Content-Language', 'Content-Length', 'Content-Range', 'Content-Type'].forEach(function (n) { res.removeHeader(n); });
        res.statusCode = 304;
        res.end();
        return done();
      }
    }
    var len = stat.size;
    var offset = 0;
    var ranges = h.range;
    if (opts.acceptRanges !== false && BYTES_RANGE_REGEXP.test(ranges)) {
      ranges = helpers().rangeParser(len, ranges, { combine: true });
      var ifRange = h['if-range'];
      if (ifRange) {
        var fresh = ifRange.indexOf('"') !== -1
          ? Boolean(res.getHeader('ETag') && ifRange.indexOf(res.getHeader('ETag')) !== -1)
          : parseDate(res.getHeader('Last-Modified')) <= parseDate(ifRange);
        if (!fresh) ranges = -2;
      }
      if (ranges === -1) {
        res.setHeader('Content-Range', contentRange(len));
        return done(httpError(416, { headers: { 'Content-Range': res.getHeader('Content-Range') } }));
      }
      if (ranges !== -2 && ranges.length === 1) {
        res.statusCode = 206;
        res.setHeader('Content-Range', contentRange(len, ranges[0]));
        offset = ranges[0].start;
        len = ranges[0].end - ranges[0].start + 1;
      }
    }
    res.setHeader('Content-Length', len);
    if (req.method === 'HEAD') {
      res.end();
      return done();
    }
    natives.streamFile(res, path, offset, len, done);
  }

  function sendFile(res, pathname, opts, done) {
    var path;
    try { path = decodeURIComponent(pathname); } catch (e) { return done(httpError(400)); }
    if (path.indexOf('\0') !== -1) return done(httpError(400));
    var parts;
    var root = opts.root != null ? resolve(String(opts.root)) : null;
    if (root !== null) {
      if (path) path = normalize('./' + path);
      if (UP_PATH_REGEXP.test(path)) return done(httpError(403));
      parts = path.split('/');
      path = normalize(root + '/' + path);
    } else {
      if (UP_PATH_REGEXP.test(path)) return done(httpError(403));
      parts = normalize(path).split('/');
      path = resolve(path);
    }
    var dot = parts.some(function (p) { return p.length > 1 && p[0] === '.'; });
    if (dot) {
      var access = opts.dotfiles || (parts[parts.length - 1][0] === '.' ? 'ignore' : 'allow');
      if (access === 'deny') return done(httpError(403));
      if (access !== 'allow') return done(httpError(404));
    }
    if (path[path.length - 1] === '/') path += 'index.html';
    if (!natives.inside(path)) return done(httpError(403));
    natives.stat(path, function (err, stat) {
      if (err) return done(httpError(err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'ENAMETOOLONG' ? 404 : 500, err));
      if (stat.isDirectory) {
        var e = new Error('EISDIR, read');
        e.code = 'EISDIR';
        return done(e);
      }
      transfer(res, path, opts, stat, done);
    });
  }

  define(resProto, 'sendFile', function (path, options, callback) {
    var done = callback;
    var req = this.req;
    var next = req.next;
    var opts = options || {};
    if (!path) throw new TypeError('path argument is required to res.sendFile');
    if (typeof path !== 'string') throw new TypeError('path must be a string to res.sendFile');
    if (typeof options === 'function') { done = options; opts = {}; }
    if (!opts.root && path[0] !== '/') throw new TypeError('path must be absolute or specify root to res.sendFile');
    var finished = false;
    sendFile(this, encodeURI(path), opts, function (err) {
      if (finished) return;
      finished = true;
      if (done) return done(err);
      if (err && err.code === 'EISDIR') return next();
      if (err && err.code !== 'ECONNABORTED' && err.syscall !== 'write') next(err);
    });
  });

  define(resProto, 'download', function (path, filename, options, callback) {
    var done = callback;
    var name = filename;
    var opts = options || null;
    if (typeof filename === 'function') { done = filename; name = null; opts = null; }
    else if (typeof options === 'function') { done = options; opts = null; }
    if (typeof filename === 'object' && (typeof options === 'function' || options === undefined)) { name = null; opts = filename; }
    var headers = { 'Content-Disposition': helpers().contentDisposition(name || path) };
    if (opts && opts.headers) {
      Object.keys(opts.headers).forEach(function (k) { if (k.toLowerCase() !== 'content-disposition') headers[k] = opts.headers[k]; });
    }
    opts = Object.create(opts);
    opts.headers = headers;
    var fullPath = !opts.root ? resolve(path) : path;
    return this.sendFile(fullPath, opts, done);
  });
})
