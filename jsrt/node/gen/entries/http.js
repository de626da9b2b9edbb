'use strict';
// Node's http/https client over Go's net/http: ClientRequest is a Writable whose bytes go to Go,
// IncomingMessage a Readable fed chunk by chunk as it is read (backpressure reaches the socket).
// Agents are accepted (Go pools connections); servers are not offered (extensions use routes).
const b = require('#binding');
const { Buffer } = require('buffer');
const { Writable, Readable } = require('stream');
const EventEmitter = require('events');

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created', 202: 'Accepted',
  203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
  208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other',
  304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
  402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required',
  412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable',
  417: 'Expectation Failed', 418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error', 501: 'Not Implemented',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
};
const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY',
  'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT',
  'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

class Agent extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = Object.assign({ path: null }, options);
    this.keepAlive = !!options.keepAlive;
    this.keepAliveMsecs = options.keepAliveMsecs || 1000;
    this.maxSockets = options.maxSockets || Infinity;
    this.maxFreeSockets = options.maxFreeSockets || 256;
    this.maxTotalSockets = options.maxTotalSockets || Infinity;
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.requests = {};
    this.sockets = {};
    this.freeSockets = {};
  }
  destroy() {}
  getName(options = {}) { return `${options.host || 'localhost'}:${options.port || ''}:${options.localAddress || ''}`; }
}
const globalAgent = new Agent({ keepAlive: true });

// The socket a request reports: the parts of net.Socket that clients touch. The connection itself
// belongs to Go's pool, so keep-alive and Nagle settings are Go's and these calls change nothing.
class RequestSocket extends EventEmitter {
  constructor(req) {
    super();
    this._req = req;
    this.remoteAddress = req.host;
    this.remotePort = Number(req._port);
    this.encrypted = req.protocol === 'https:' ? true : undefined;
    this.connecting = false;
    this.destroyed = false;
  }
  setTimeout(ms, cb) { this._req.setTimeout(ms, cb); return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  ref() { return this; }
  unref() { return this; }
  destroy(err) { this.destroyed = true; this._req.destroy(err); return this; }
  address() { return {}; }
}

function netError(info) {
  const e = new Error(info.message);
  for (const k of ['code', 'errno', 'syscall', 'address', 'port', 'hostname']) if (info[k] !== undefined) e[k] = info[k];
  return e;
}

class IncomingMessage extends Readable {
  constructor(req, info) {
    super();
    this.req = req;
    this.socket = req.socket;
    this.connection = req.socket;
    this.statusCode = info.statusCode;
    this.statusMessage = info.statusMessage;
    this.httpVersionMajor = info.httpVersionMajor;
    this.httpVersionMinor = info.httpVersionMinor;
    this.httpVersion = `${info.httpVersionMajor}.${info.httpVersionMinor}`;
    this.rawHeaders = info.rawHeaders;
    this.headers = {};
    this.headersDistinct = {};
    for (let i = 0; i < info.rawHeaders.length; i += 2) {
      const name = info.rawHeaders[i].toLowerCase();
      const value = info.rawHeaders[i + 1];
      (this.headersDistinct[name] || (this.headersDistinct[name] = [])).push(value);
      if (name === 'set-cookie') (this.headers[name] || (this.headers[name] = [])).push(value);
      else if (this.headers[name] === undefined) this.headers[name] = value;
      else if (!['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization', 'proxy-authorization', 'if-modified-since',
        'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires'].includes(name)) {
        this.headers[name] += ', ' + value;
      }
    }
    this.trailers = {};
    this.rawTrailers = [];
    this.aborted = false;
    this.complete = false;
    this.url = '';
    this.method = null;
  }
  _read() { this.req._handle.pull(); }
  _destroy(err, cb) {
    if (!this.complete) this.req._handle.abort();
    cb(err);
  }
  setTimeout(ms, cb) { this.req.setTimeout(ms, cb); return this; }
}

function headerPairs(headers) {
  const pairs = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) pairs.push([name, String(v)]);
    else pairs.push([name, String(value)]);
  }
  return pairs;
}

class ClientRequest extends Writable {
  constructor(input, options, cb, defaultProtocol) {
    // The request ends when the response does, not when the body is written: no autoDestroy.
    super({ decodeStrings: true, autoDestroy: false, emitClose: false });
    if (typeof input === 'string' || input instanceof URL) {
      const u = typeof input === 'string' ? new URL(input) : input;
      const fromUrl = { protocol: u.protocol, hostname: u.hostname.replace(/^\[|\]$/g, ''), port: u.port, path: u.pathname + u.search,
        auth: u.username || u.password ? `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}` : undefined };
      if (typeof options === 'function') { cb = options; options = {}; }
      options = Object.assign(fromUrl, options || {});
    } else {
      cb = typeof options === 'function' ? options : cb;
      options = Object.assign({}, input);
    }
    const protocol = options.protocol || (options.agent && options.agent.protocol) || defaultProtocol;
    if (protocol !== 'http:' && protocol !== 'https:') {
      const e = new TypeError(`Protocol "${protocol}" not supported. Expected "${defaultProtocol}"`);
      e.code = 'ERR_INVALID_PROTOCOL';
      throw e;
    }
    this.protocol = protocol;
    this.method = String(options.method || 'GET').toUpperCase();
    this.host = options.hostname || (options.host ? String(options.host).replace(/:\d+$/, '') : 'localhost');
    this._port = options.port || (options.defaultPort) || (protocol === 'https:' ? 443 : 80);
    this.path = options.path || '/';
    this.agent = options.agent;
    this._headers = {};
    this._headerNames = {};
    // TLS settings come from the request or its agent's options, as in Node.
    const agentOpts = (options.agent && options.agent.options) || {};
    const pick = (k) => (options[k] !== undefined ? options[k] : agentOpts[k]);
    const pemList = (v) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map(String));
    this._tls = {
      CA: pemList(pick('ca')),
      Cert: pick('cert') === undefined ? '' : String(pick('cert')),
      Key: pick('key') === undefined ? '' : String(pick('key')),
      ServerName: pick('servername') || '',
      Insecure: pick('rejectUnauthorized') === false,
    };
    this._timeout = options.timeout;
    for (const [name, value] of options.headers ? (Array.isArray(options.headers) ? pairsOf(options.headers) : Object.entries(options.headers)) : []) this.setHeader(name, value);
    if (!this.hasHeader('host') && options.setHost !== false) this.setHeader('Host', this._hostHeader());
    if (options.auth && !this.hasHeader('authorization')) this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
    this.headersSent = false;
    this.aborted = false;
    this.reusedSocket = false;
    this.maxHeadersCount = null;
    this.socket = new RequestSocket(this);
    this.connection = this.socket;
    this.res = null;
    if (cb) this.once('response', cb);
    if (options.signal) {
      const signal = options.signal;
      const onAbort = () => {
        const e = new Error('The operation was aborted');
        e.name = 'AbortError';
        e.code = 'ABORT_ERR';
        e.cause = signal.reason;
        this.destroy(e);
      };
      if (signal.aborted) queueMicrotask(onAbort);
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.once('close', () => signal.removeEventListener('abort', onAbort));
      }
    }
    this._handle = null;
    this._timer = null;
    queueMicrotask(() => {
      if (this.destroyed) return;
      this.emit('socket', this.socket);
      if (this._timeout) this.setTimeout(this._timeout);
    });
  }
  setHeader(name, value) {
    if (this.headersSent) {
      const e = new Error('Cannot set headers after they are sent to the client');
      e.code = 'ERR_HTTP_HEADERS_SENT';
      throw e;
    }
    const key = String(name).toLowerCase();
    this._headers[key] = value;
    this._headerNames[key] = name;
    return this;
  }
  setHeaderUnchecked(name, value) {
    const key = String(name).toLowerCase();
    this._headers[key] = value;
    this._headerNames[key] = name;
  }
  getHeader(name) { return this._headers[String(name).toLowerCase()]; }
  getHeaders() { return Object.assign(Object.create(null), this._headers); }
  getHeaderNames() { return Object.keys(this._headers); }
  getRawHeaderNames() { return Object.values(this._headerNames); }
  hasHeader(name) { return String(name).toLowerCase() in this._headers; }
  removeHeader(name) { const k = String(name).toLowerCase(); delete this._headers[k]; delete this._headerNames[k]; }
  flushHeaders() { this._start(); }
  setNoDelay() {}
  setSocketKeepAlive() {}
  setTimeout(ms, cb) {
    if (cb) this.once('timeout', cb);
    if (this._timer) clearTimeout(this._timer);
    this._timeoutMs = ms;
    if (ms > 0) this._armTimer();
    return this;
  }
  _armTimer() {
    if (this._timer) clearTimeout(this._timer);
    if (!this._timeoutMs || this.destroyed) return;
    this._timer = setTimeout(() => { this.socket.emit('timeout'); this.emit('timeout'); }, this._timeoutMs);
  }
  _start() {
    if (this._handle) return;
    this.headersSent = true;
    // Like Node: a body given through write() before end() goes chunked unless its length was set.
    if (this._wroteAny && !this.hasHeader('content-length') && !this.hasHeader('transfer-encoding')) this.setHeaderUnchecked('Transfer-Encoding', 'chunked');
    const headers = [].concat(Object.keys(this._headers).map((k) => [this._headerNames[k], this._headers[k]]).flatMap(([n, v]) => (Array.isArray(v) ? v.map((x) => [n, String(x)]) : [[n, String(v)]])));
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    this._handle = b.request(
      { method: this.method, url: `${this.protocol}//${host}:${this._port}${this.path}`, headers, tls: this._tls },
      {
        response: (info) => this._onResponse(info),
        data: (ab) => { this._armTimer(); if (this.res) this.res.push(Buffer.from(ab)); },
        end: () => this._onEnd(),
        error: (info) => this._onError(netError(info)),
      },
    );
  }
  _hostHeader() {
    const dflt = this.protocol === 'https:' ? 443 : 80;
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return Number(this._port) === dflt ? host : `${host}:${this._port}`;
  }
  _write(chunk, encoding, callback) {
    this._start();
    this._armTimer();
    this._handle.write(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
    callback();
  }
  _final(callback) {
    this._start();
    this._handle.end();
    callback();
  }
  _onResponse(info) {
    this._armTimer();
    const res = new IncomingMessage(this, info);
    this.res = res;
    if (!this.emit('response', res)) res.resume();
  }
  _onEnd() {
    if (this._timer) clearTimeout(this._timer);
    const res = this.res;
    if (!res) return;
    res.complete = true;
    res.push(null);
    res.once('end', () => {
      this.destroyed = true;
      this.emit('close');
    });
  }
  _onError(err) {
    if (this._timer) clearTimeout(this._timer);
    if (this.res && !this.res.complete) {
      this.res.aborted = true;
      this.res.destroy(err);
      return;
    }
    if (!this.destroyed) this.destroy(err);
  }
  _destroy(err, callback) {
    if (this._timer) clearTimeout(this._timer);
    if (this._handle) this._handle.abort();
    if (this.res && !this.res.complete && !this.res.destroyed) {
      this.res.aborted = true;
      const e = new Error('aborted');
      e.code = 'ECONNRESET';
      this.res.destroy(e);
    }
    if (!err && !this.res) {
      err = new Error('socket hang up');
      err.code = 'ECONNRESET';
      if (!this.aborted) return callback(err);
      return callback();
    }
    callback(err);
  }
  abort() {
    if (this.aborted) return;
    this.aborted = true;
    queueMicrotask(() => this.emit('abort'));
    this.destroy();
  }
  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (!this._handle && chunk == null && this.method !== 'GET' && this.method !== 'HEAD' && !this.hasHeader('content-length') && !this.hasHeader('transfer-encoding')) {
      // Node sends an empty body with Content-Length: 0 when end() is called with nothing written.
      if (this.writableLength === 0 && !this._wroteAny) this.setHeader('Content-Length', 0);
    }
    return super.end(chunk, encoding, cb);
  }
  write(chunk, encoding, cb) {
    this._wroteAny = true;
    return super.write(chunk, encoding, cb);
  }
}
function pairsOf(flat) {
  const out = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

function makeModule(defaultProtocol) {
  const defaultPort = defaultProtocol === 'https:' ? 443 : 80;
  const request = (input, options, cb) => new ClientRequest(input, options, cb, defaultProtocol);
  const get = (input, options, cb) => {
    const req = request(input, options, cb);
    req.end();
    return req;
  };
  const unavailable = (what) => () => {
    const e = new Error(`${what} is not available in dxhost: extensions serve HTTP through their endpoint routes`);
    e.code = 'ERR_DXHOST_UNAVAILABLE';
    throw e;
  };
  class ProtocolAgent extends Agent {
    constructor(options) {
      super(options);
      this.defaultPort = defaultPort;
      this.protocol = defaultProtocol;
    }
  }
  const agent = new ProtocolAgent({ keepAlive: true });
  return {
    request, get, Agent: ProtocolAgent, globalAgent: agent, ClientRequest, IncomingMessage, STATUS_CODES, METHODS,
    OutgoingMessage: Writable, maxHeaderSize: 16384,
    createServer: unavailable(defaultProtocol === 'https:' ? 'https.createServer' : 'http.createServer'),
    Server: unavailable('http.Server'),
    validateHeaderName(name) {
      if (typeof name !== 'string' || !/^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/.test(name)) {
        const e = new TypeError(`Header name must be a valid HTTP token ["${name}"]`);
        e.code = 'ERR_INVALID_HTTP_TOKEN';
        throw e;
      }
    },
    validateHeaderValue(name, value) {
      if (value === undefined) { const e = new TypeError(`Invalid value "${value}" for header "${name}"`); e.code = 'ERR_HTTP_INVALID_HEADER_VALUE'; throw e; }
      if (/[^\t\x20-\x7e\x80-\xff]/.test(String(value))) { const e = new TypeError(`Invalid character in header content ["${name}"]`); e.code = 'ERR_INVALID_CHAR'; throw e; }
    },
    setMaxIdleHTTPParsers() {},
  };
}

module.exports = { http: makeModule('http:'), https: makeModule('https:') };
