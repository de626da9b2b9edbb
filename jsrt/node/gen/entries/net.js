'use strict';
// Node's net and tls client sockets over Go's net and crypto/tls: Socket is a Duplex whose reads
// are pulled from Go (backpressure) and whose writes Go sends in order. tls.connect dials TLS
// directly, or upgrades an existing socket (STARTTLS) when given { socket }. Servers are not offered.
const b = require('#binding');
const { Buffer } = require('buffer');
const { Duplex } = require('stream');

const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
function isIPv4(s) { return v4.test(String(s)); }
function isIPv6(s) {
  s = String(s);
  if (!s.includes(':')) return false;
  try { return new URL(`http://[${s}]/`).hostname.length > 2; } catch (e) { return false; }
}
function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }

function toError(info) {
  const e = new Error(info.message);
  for (const k of ['code', 'errno', 'syscall', 'address', 'port', 'hostname']) if (info[k] !== undefined) e[k] = info[k];
  return e;
}

function normalizeArgs(args) {
  let options = {};
  let cb;
  if (args.length && typeof args[args.length - 1] === 'function') cb = args[args.length - 1];
  if (args[0] !== null && typeof args[0] === 'object') options = Object.assign({}, args[0]);
  else if (typeof args[0] === 'string' && !/^\d+$/.test(args[0])) options = { path: args[0] };
  else {
    options.port = args[0];
    if (typeof args[1] === 'string') options.host = args[1];
  }
  return [options, cb];
}

class Socket extends Duplex {
  constructor(options = {}) {
    super({ allowHalfOpen: !!options.allowHalfOpen, emitClose: true, autoDestroy: true, decodeStrings: true });
    this._handle = null;
    this.connecting = false;
    this.bytesRead = 0;
    this._bytesDispatched = 0;
    this.remoteAddress = undefined;
    this.remotePort = undefined;
    this.remoteFamily = undefined;
    this.localAddress = undefined;
    this.localPort = undefined;
    this._timeoutMs = 0;
    this._timer = null;
    this._pendingWrites = [];
    this._noDelay = options.noDelay;
    this._keepAlive = options.keepAlive ? [true, options.keepAliveInitialDelay || 0] : null;
  }
  get bytesWritten() { return this._bytesDispatched; }
  get pending() { return !this._handle || this.connecting; }
  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable) return 'readOnly';
    if (this.writable) return 'writeOnly';
    return 'closed';
  }
  connect(...args) {
    const [options, cb] = normalizeArgs(args);
    if (options.path) {
      const e = new Error('IPC (Unix socket) connections are not supported in dxhost');
      e.code = 'ERR_DXHOST_UNAVAILABLE';
      throw e;
    }
    if (cb) this.once(this._tls ? 'secureConnect' : 'connect', cb);
    this.connecting = true;
    const host = options.host || 'localhost';
    this._host = host;
    this._handle = b.connect(Object.assign({}, this._tlsOptions || {}, { host, port: Number(options.port), tls: !!this._tls, timeout: options.timeout }), {
      connect: (info) => this._onConnect(info),
      secure: (info) => this._onSecure(info),
      data: (ab) => this._onData(ab),
      end: () => this.push(null),
      error: (info) => this.destroy(toError(info)),
    });
    if (options.timeout) this.setTimeout(options.timeout);
    return this;
  }
  _onConnect(info) {
    this.connecting = false;
    Object.assign(this, { remoteAddress: info.remoteAddress, remotePort: info.remotePort, remoteFamily: info.remoteFamily, localAddress: info.localAddress, localPort: info.localPort });
    if (this._noDelay !== undefined) this._handle.setNoDelay(this._noDelay !== false);
    if (this._keepAlive) this._handle.setKeepAlive(...this._keepAlive);
    this._armTimer();
    for (const w of this._pendingWrites.splice(0)) this._send(...w);
    if (this._tls) {
      this.encrypted = true;
      this.authorized = !!info.authorized || this._tlsOptions.rejectUnauthorized === false ? !!info.authorized : true;
      this.alpnProtocol = info.alpnProtocol || false;
      this._tlsVersion = info.tlsVersion;
      this._peerCertificate = info.peerCertificate;
      this.emit('connect');
      this.emit('secureConnect');
    } else {
      this.emit('connect');
    }
    this.emit('ready');
  }
  _onSecure(info) {
    this._peerCertificate = info.peerCertificate;
    this.encrypted = true;
    this.authorized = true;
    this.alpnProtocol = info.alpnProtocol || false;
    this._tlsVersion = info.tlsVersion;
    this.emit('secureConnect');
    this.emit('secure');
  }
  _onData(ab) {
    const chunk = Buffer.from(ab);
    this.bytesRead += chunk.length;
    this._armTimer();
    this.push(chunk);
  }
  _read() { if (this._handle) this._handle.pull(); }
  _send(chunk, callback) {
    this._bytesDispatched += chunk.length;
    this._handle.write(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength), (err) => {
      this._armTimer();
      callback(err ? toError(err) : undefined);
    });
  }
  _write(chunk, encoding, callback) {
    if (!this._handle) return callback(Object.assign(new Error('This socket is closed'), { code: 'ERR_SOCKET_CLOSED' }));
    if (this.connecting) { this._pendingWrites.push([chunk, callback]); return; }
    this._send(chunk, callback);
  }
  _final(callback) {
    if (!this._handle) return callback();
    const end = () => this._handle.end((err) => callback(err ? toError(err) : undefined));
    if (this.connecting) this.once('connect', end);
    else end();
  }
  _destroy(err, callback) {
    if (this._timer) clearTimeout(this._timer);
    if (this._handle) this._handle.destroy();
    this.connecting = false;
    callback(err);
  }
  setTimeout(ms, cb) {
    this._timeoutMs = ms;
    if (cb) { if (ms === 0) this.removeListener('timeout', cb); else this.once('timeout', cb); }
    this._armTimer();
    return this;
  }
  _armTimer() {
    if (this._timer) clearTimeout(this._timer);
    this._timer = null;
    if (this._timeoutMs > 0 && !this.destroyed) {
      this._timer = setTimeout(() => this.emit('timeout'), this._timeoutMs);
      if (this._timer.unref) this._timer.unref();
    }
  }
  setNoDelay(noDelay = true) {
    this._noDelay = noDelay;
    if (this._handle && !this.connecting) this._handle.setNoDelay(!!noDelay);
    return this;
  }
  setKeepAlive(enable = false, initialDelay = 0) {
    this._keepAlive = [!!enable, initialDelay];
    if (this._handle && !this.connecting) this._handle.setKeepAlive(!!enable, initialDelay);
    return this;
  }
  address() { return this.localAddress ? { address: this.localAddress, family: this.remoteFamily, port: this.localPort } : {}; }
  ref() { return this; }
  unref() { return this; }
  resetAndDestroy() { return this.destroy(); }
  // TLS sockets only.
  getPeerCertificate() {
    const c = this._peerCertificate;
    if (!c) return {};
    return Object.assign({}, c, { raw: Buffer.from(c.raw) });
  }
  getProtocol() { return this._tlsVersion || null; }
  getCipher() { return null; }
}

function createConnection(...args) {
  const [options, cb] = normalizeArgs(args);
  const s = new Socket(options);
  return s.connect(options, cb);
}

const unavailable = (what) => () => {
  const e = new Error(`${what} is not available in dxhost: extensions cannot listen on sockets`);
  e.code = 'ERR_DXHOST_UNAVAILABLE';
  throw e;
};

const net = {
  Socket, Stream: Socket, connect: createConnection, createConnection, isIP, isIPv4, isIPv6,
  createServer: unavailable('net.createServer'), Server: unavailable('net.Server'),
  BlockList: unavailable('net.BlockList'), SocketAddress: unavailable('net.SocketAddress'),
  getDefaultAutoSelectFamily: () => true, setDefaultAutoSelectFamily: () => {},
};

// --- tls ---
class TLSSocket extends Socket {
  constructor(socket, options = {}) {
    super(options);
    this._tls = true;
    this._tlsOptions = tlsOptionsOf(options);
    this.encrypted = true;
    this.authorized = false;
    this.alpnProtocol = false;
  }
}
function tlsOptionsOf(options) {
  const ctx = options.secureContext && options.secureContext.context ? options.secureContext.context : {};
  const pick = (k) => (options[k] !== undefined ? options[k] : ctx[k]);
  const pem = (v) => (v === undefined ? undefined : Array.isArray(v) ? v.map(String) : [String(v)]);
  return {
    servername: options.servername,
    rejectUnauthorized: options.rejectUnauthorized !== false,
    ca: pem(pick('ca')),
    cert: pick('cert') === undefined ? undefined : String(pick('cert')),
    key: pick('key') === undefined ? undefined : String(pick('key')),
    ALPNProtocols: options.ALPNProtocols ? Array.from(options.ALPNProtocols, String) : undefined,
  };
}
function tlsConnect(...args) {
  const [options, cb] = normalizeArgs(args);
  if (options.socket) {
    // STARTTLS: upgrade the existing plain socket in place and hand it back as the TLS socket.
    const s = options.socket;
    s._tls = true;
    s._tlsOptions = tlsOptionsOf(options);
    if (cb) s.once('secureConnect', cb);
    s._handle.startTLS(Object.assign({ host: options.servername || options.host || s._host }, s._tlsOptions));
    return s;
  }
  const s = new TLSSocket(null, options);
  return s.connect(options, cb);
}
function createSecureContext(options = {}) { return { context: Object.assign({}, options) }; }
function checkServerIdentity(hostname, cert) {
  const names = cert && cert.subjectaltname ? cert.subjectaltname.split(', ').map((s) => s.replace(/^DNS:/, '')) : [];
  if (names.length === 0 || names.some((n) => n === hostname || (n.startsWith('*.') && hostname.endsWith(n.slice(1))))) return undefined;
  const e = new Error(`Hostname/IP does not match certificate's altnames: Host: ${hostname}. is not in the cert's altnames: ${cert.subjectaltname}`);
  e.code = 'ERR_TLS_CERT_ALTNAME_INVALID';
  return e;
}
const tls = {
  connect: tlsConnect, TLSSocket, createSecureContext, checkServerIdentity,
  DEFAULT_MIN_VERSION: 'TLSv1.2', DEFAULT_MAX_VERSION: 'TLSv1.3', DEFAULT_ECDH_CURVE: 'auto',
  getCiphers: () => ['tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256'],
  createServer: unavailable('tls.createServer'), Server: unavailable('tls.Server'),
  SecureContext: class SecureContext {},
};

let roots;
Object.defineProperty(tls, 'rootCertificates', { enumerable: true, get: () => roots || (roots = Object.freeze(Array.from(b.rootCertificates()))) });

module.exports = { net, tls };
