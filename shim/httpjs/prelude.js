// Setup of the req/res prototypes for one runtime: the less frequent Express 4.22 methods, written over
// the same npm helpers Express uses (natives.helpers() loads the embedded bundle on first use), and a
// minimal EventEmitter for req/res events. The hot methods are Go functions already on the prototypes.
(function (reqProto, resProto, natives) {
  'use strict';
  var H;
  function helpers() { return H || (H = natives.helpers()); }

  // --- a minimal EventEmitter (on/once/off/emit/listeners); req/res inherit it ---
  function EventEmitter() {}
  var EP = EventEmitter.prototype;
  function listenersOf(self, name, create) {
    var events = Object.prototype.hasOwnProperty.call(self, '_events') ? self._events : undefined;
    if (!events) {
      if (!create) return undefined;
      events = Object.create(null);
      self._events = events; // a plain own property, as Node's EventEmitter keeps it
    }
    if (!events[name] && create) events[name] = [];
    return events[name];
  }
  function add(self, name, fn, prepend) {
    if (typeof fn !== 'function') throw new TypeError('The "listener" argument must be of type function. Received ' + (fn === null ? 'null' : typeof fn));
    var list = listenersOf(self, name, true);
    if (prepend) list.unshift(fn); else list.push(fn);
    if (typeof self._dxListenerAdded === 'function') self._dxListenerAdded(name);
    return self;
  }
  EP.on = EP.addListener = function (name, fn) { return add(this, name, fn, false); };
  EP.prependListener = function (name, fn) { return add(this, name, fn, true); };
  function onceWrap(self, name, fn) {
    function wrapper() { self.removeListener(name, wrapper); return fn.apply(self, arguments); }
    wrapper.listener = fn;
    return wrapper;
  }
  EP.once = function (name, fn) {
    if (typeof fn !== 'function') throw new TypeError('The "listener" argument must be of type function. Received ' + typeof fn);
    return add(this, name, onceWrap(this, name, fn), false);
  };
  EP.prependOnceListener = function (name, fn) { return add(this, name, onceWrap(this, name, fn), true); };
  EP.off = EP.removeListener = function (name, fn) {
    var list = listenersOf(this, name, false);
    if (!list) return this;
    for (var i = list.length - 1; i >= 0; i--) {
      if (list[i] === fn || list[i].listener === fn) { list.splice(i, 1); break; }
    }
    return this;
  };
  EP.removeAllListeners = function (name) {
    if (!this._events) return this;
    if (name === undefined) this._events = Object.create(null); else delete this._events[name];
    return this;
  };
  EP.emit = function (name) {
    var list = listenersOf(this, name, false);
    if (!list || list.length === 0) {
      if (name === 'error') throw arguments[1];
      return false;
    }
    var args = Array.prototype.slice.call(arguments, 1);
    list = list.slice();
    for (var i = 0; i < list.length; i++) list[i].apply(this, args);
    return true;
  };
  EP.listeners = function (name) {
    var list = listenersOf(this, name, false) || [];
    return list.map(function (f) { return f.listener || f; });
  };
  EP.rawListeners = function (name) { return (listenersOf(this, name, false) || []).slice(); };
  EP.listenerCount = function (name) { var l = listenersOf(this, name, false); return l ? l.length : 0; };
  EP.eventNames = function () { return this._events ? Object.keys(this._events).filter(function (k) { return this._events[k].length; }, this) : []; };
  EP.setMaxListeners = function () { return this; };
  EP.getMaxListeners = function () { return 10; };
  Object.setPrototypeOf(reqProto, EP);
  Object.setPrototypeOf(resProto, EP);

  function define(proto, name, fn) {
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  function getter(proto, name, get) {
    Object.defineProperty(proto, name, { get: get, configurable: true, enumerable: true });
  }

  // --- res ---
  function type(t) {
    var ct = String(t).indexOf('/') === -1 ? helpers().mime.lookup(t) : t;
    return this.set('Content-Type', ct);
  }
  define(resProto, 'type', type);
  define(resProto, 'contentType', type);

  define(resProto, 'append', function append(field, val) {
    var prev = this.get(field);
    var value = val;
    if (prev) {
      value = Array.isArray(prev) ? prev.concat(val)
        : Array.isArray(val) ? [prev].concat(val)
          : [prev, val];
    }
    return this.set(field, value);
  });

  define(resProto, 'sendStatus', function sendStatus(statusCode) {
    var body = helpers().statuses.message[statusCode] || String(statusCode);
    this.statusCode = statusCode;
    this.type('txt');
    return this.send(body);
  });

  define(resProto, 'vary', function vary(field) {
    helpers().vary(this, field);
    return this;
  });

  define(resProto, 'location', function location(url) {
    var loc = url === 'back' ? (this.req.get('Referrer') || '/') : String(url);
    return this.set('Location', helpers().encodeUrl(loc));
  });

  function acceptParams(str) {
    var parts = str.split(/ *; */);
    var ret = { value: parts[0], quality: 1, params: {} };
    for (var i = 1; i < parts.length; ++i) {
      var pms = parts[i].split(/ *= */);
      if ('q' === pms[0]) ret.quality = parseFloat(pms[1]); else ret.params[pms[0]] = pms[1];
    }
    return ret;
  }
  function normalizeType(t) {
    return ~t.indexOf('/') ? acceptParams(t) : { value: helpers().mime.lookup(t), params: {} };
  }

  define(resProto, 'format', function format(obj) {
    var req = this.req;
    var next = req.next;
    var keys = Object.keys(obj).filter(function (v) { return v !== 'default'; });
    var key = keys.length > 0 ? req.accepts(keys) : false;
    this.vary('Accept');
    if (key) {
      this.set('Content-Type', normalizeType(key).value);
      obj[key](req, this, next);
    } else if (obj.default) {
      obj.default(req, this, next);
    } else {
      var err = new Error('Not Acceptable');
      err.name = 'NotAcceptableError';
      err.status = err.statusCode = 406;
      err.expose = true;
      err.types = keys.map(function (k) { return normalizeType(k).value; });
      next(err);
    }
    return this;
  });

  define(resProto, 'redirect', function redirect(url) {
    var address = url;
    var body;
    var status = 302;
    if (arguments.length === 2) {
      if (typeof arguments[0] === 'number') { status = arguments[0]; address = arguments[1]; } else { status = arguments[1]; }
    }
    address = this.location(address).get('Location');
    var message = helpers().statuses.message[status];
    this.format({
      text: function () { body = message + '. Redirecting to ' + address; },
      html: function () { body = '<p>' + message + '. Redirecting to ' + helpers().escapeHtml(address) + '</p>'; },
      default: function () { body = ''; }
    });
    this.statusCode = status;
    this.set('Content-Length', natives.byteLength(body));
    if (this.req.method === 'HEAD') this.end(); else this.end(body);
  });

  define(resProto, 'links', function links(links) {
    var link = this.get('Link') || '';
    if (link) link += ', ';
    return this.set('Link', link + Object.keys(links).map(function (rel) {
      return '<' + links[rel] + '>; rel="' + rel + '"';
    }).join(', '));
  });

  define(resProto, 'attachment', function attachment(filename) {
    if (filename) {
      var base = String(filename).replace(/\/+$/, '');
      base = base.slice(base.lastIndexOf('/') + 1);
      var dot = base.lastIndexOf('.');
      this.type(dot <= 0 ? '' : base.slice(dot));
    }
    this.set('Content-Disposition', helpers().contentDisposition(filename));
    return this;
  });

  define(resProto, 'cookie', function cookie(name, value, options) {
    var opts = Object.assign({}, options);
    if (opts.signed && !this.req.secret) throw new Error('cookieParser("secret") required for signed cookies');
    var val = typeof value === 'object' ? 'j:' + JSON.stringify(value) : String(value);
    if (opts.maxAge != null) {
      var maxAge = opts.maxAge - 0;
      if (!isNaN(maxAge)) {
        opts.expires = new Date(Date.now() + maxAge);
        opts.maxAge = Math.floor(maxAge / 1000);
      }
    }
    if (opts.path == null) opts.path = '/';
    this.append('Set-Cookie', helpers().cookie.serialize(name, String(val), opts));
    return this;
  });

  define(resProto, 'clearCookie', function clearCookie(name, options) {
    return this.cookie(name, '', Object.assign({ expires: new Date(1), path: '/' }, options));
  });

  define(resProto, 'jsonp', function jsonp(obj) {
    var body = JSON.stringify(obj);
    var callback = this.req.query.callback;
    if (!this.get('Content-Type')) {
      this.set('X-Content-Type-Options', 'nosniff');
      this.set('Content-Type', 'application/json');
    }
    if (Array.isArray(callback)) callback = callback[0];
    if (typeof callback === 'string' && callback.length !== 0) {
      this.set('X-Content-Type-Options', 'nosniff');
      this.set('Content-Type', 'text/javascript');
      callback = callback.replace(/[^\[\]\w$.]/g, '');
      if (body === undefined) body = '';
      else if (typeof body === 'string') body = body.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
      body = '/**/ typeof ' + callback + ' === \'function\' && ' + callback + '(' + body + ');';
    }
    return this.send(body);
  });

  // --- req ---
  function accepts(req) { return helpers().accepts(req); }
  define(reqProto, 'accepts', function () { var a = accepts(this); return a.types.apply(a, arguments); });
  define(reqProto, 'acceptsEncodings', function () { var a = accepts(this); return a.encodings.apply(a, arguments); });
  define(reqProto, 'acceptsEncoding', reqProto.acceptsEncodings);
  define(reqProto, 'acceptsCharsets', function () { var a = accepts(this); return a.charsets.apply(a, arguments); });
  define(reqProto, 'acceptsCharset', reqProto.acceptsCharsets);
  define(reqProto, 'acceptsLanguages', function () { var a = accepts(this); return a.languages.apply(a, arguments); });
  define(reqProto, 'acceptsLanguage', reqProto.acceptsLanguages);

  define(reqProto, 'is', function is(types) {
    var arr = types;
    if (!Array.isArray(types)) {
      arr = new Array(arguments.length);
      for (var i = 0; i < arr.length; i++) arr[i] = arguments[i];
    }
    return helpers().typeis(this, arr);
  });

  define(reqProto, 'range', function range(size, options) {
    var r = this.get('Range');
    if (!r) return;
    return helpers().rangeParser(size, r, options);
  });

  define(reqProto, 'param', function param(name, defaultValue) {
    var params = this.params || {};
    var body = this.body || {};
    var query = this.query || {};
    if (null != params[name] && params.hasOwnProperty(name)) return params[name];
    if (null != body[name]) return body[name];
    if (null != query[name]) return query[name];
    return defaultValue;
  });

  getter(reqProto, 'subdomains', function () {
    var hostname = this.hostname;
    if (!hostname) return [];
    var subdomains = !natives.isIP(hostname) ? hostname.split('.').reverse() : [hostname];
    return subdomains.slice(2);
  });

  if (natives.Readable) {
    // --- req as a real stream.Readable (the runtime's stream module), its state made on first use so
    // that requests that never touch the stream pay nothing ---
    var Readable = natives.Readable;
    Object.setPrototypeOf(reqProto, Readable.prototype);
    Object.defineProperty(reqProto, '_readableState', {
      configurable: true,
      enumerable: false,
      get: function () {
        if (this._dxReadableInit) return undefined; // being constructed
        this._dxReadableInit = true;
        Readable.call(this, { read: function () { this._dxListenerAdded('data'); } });
        if (this._dxBodyConsumed()) {
          // express.json() read the body already: in Node the stream has ended before the handler runs.
          var st = this._readableState;
          st.ended = true;
          st.endEmitted = true;
          st.reading = false;
        }
        return this._readableState;
      },
      set: function (v) {
        Object.defineProperty(this, '_readableState', { value: v, writable: true, enumerable: true, configurable: true });
      }
    });
    define(reqProto, '_dxPush', function (chunk) { this.push(chunk); });
  } else {
    // --- req as a minimal readable: data/end events come from Go once a listener exists ---
    define(reqProto, '_dxPush', function (chunk) {
      if (chunk === null) this.emit('end');
      else this.emit('data', chunk);
    });
    define(reqProto, 'resume', function () { this._dxListenerAdded('data'); return this; });
    define(reqProto, 'pause', function () { return this; });
    define(reqProto, 'pipe', function (dest, opts) {
      this.on('data', function (chunk) { dest.write(chunk); });
      this.on('end', function () { if (!opts || opts.end !== false) dest.end(); });
      return dest;
    });
    define(reqProto, 'unpipe', function () { return this; });
    define(reqProto, Symbol.asyncIterator, function () {
      var self = this, queue = [], waiting = null, ended = false, failure = null;
      function settle() {
        if (!waiting) return;
        var w = waiting;
        if (queue.length) { waiting = null; w.resolve({ value: queue.shift(), done: false }); }
        else if (failure) { waiting = null; w.reject(failure); }
        else if (ended) { waiting = null; w.resolve({ value: undefined, done: true }); }
      }
      self.on('data', function (c) { queue.push(c); settle(); });
      self.on('end', function () { ended = true; settle(); });
      self.on('error', function (e) { failure = e; settle(); });
      self.on('aborted', function () { failure = new Error('aborted'); settle(); });
      return {
        next: function () { return new Promise(function (resolve, reject) { waiting = { resolve: resolve, reject: reject }; settle(); }); },
        return: function () { return Promise.resolve({ value: undefined, done: true }); },
        [Symbol.asyncIterator]: function () { return this; }
      };
    });
  }

  return EventEmitter;
})
