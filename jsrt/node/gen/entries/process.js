'use strict';
// Node's process object: an EventEmitter carrying what Node 22 offers, backed by the Go binding
// (environment snapshot, clocks, memory, the instance's logger for stdout/stderr/warnings).
const EventEmitter = require('events');
const b = require('#binding');

const NODE_VERSION = '22.12.0';

function Process() { EventEmitter.call(this); }
Object.setPrototypeOf(Process.prototype, EventEmitter.prototype);
Object.defineProperty(Process.prototype, Symbol.toStringTag, { value: 'process', configurable: true });
const process = new Process();

// process.env coerces every value it stores to a string, as Node's does.
process.env = new Proxy(b.env, {
  set(target, key, value) { target[key] = String(value); return true; },
  defineProperty(target, key, desc) {
    if ('value' in desc) desc = Object.assign({}, desc, { value: String(desc.value) });
    return Reflect.defineProperty(target, key, desc);
  },
});

process.title = 'node';
process.version = 'v' + NODE_VERSION;
process.versions = {
  node: NODE_VERSION, acorn: '8.14.0', ada: '2.9.2', ares: '1.34.3', brotli: '1.1.0', cjs_module_lexer: '1.4.1',
  icu: '76.1', llhttp: '9.2.1', modules: '127', napi: '9', nghttp2: '1.64.0', openssl: '3.0.15+quic',
  unicode: '16.0', uv: '1.49.1', v8: '12.4.254.21-node.21', zlib: '1.3.0.1-motley',
};
process.release = { name: 'node', lts: 'Jod' };
process.arch = b.arch;
process.platform = b.platform;
process.pid = b.pid;
process.ppid = b.ppid;
process.execPath = b.execPath;
process.argv0 = 'node';
process.argv = [b.execPath];
process.execArgv = [];
process.exitCode = undefined;
process.config = { variables: {} };
process.features = { inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, cached_builtins: true, typescript: false };
process.noDeprecation = false;
process.throwDeprecation = false;
process.traceDeprecation = false;
process.allowedNodeEnvironmentFlags = new Set();

process.cwd = () => b.cwd();
process.chdir = () => {
  const e = new Error('process.chdir() is not supported in dxhost: the working directory is shared by all extensions');
  e.code = 'ERR_WORKER_UNSUPPORTED_OPERATION';
  throw e;
};
process.umask = (mask) => b.umask(mask === undefined ? -1 : typeof mask === 'string' ? parseInt(mask, 8) : mask);
process.getuid = () => b.uid;
process.geteuid = () => b.uid;
process.getgid = () => b.gid;
process.getegid = () => b.gid;
process.uptime = () => b.uptime();
process.memoryUsage = () => b.memoryUsage();
process.memoryUsage.rss = () => b.memoryUsage().rss;
process.cpuUsage = (prev) => {
  const now = b.cpuUsage();
  return prev ? { user: now.user - prev.user, system: now.system - prev.system } : now;
};
process.resourceUsage = () => Object.assign({ maxRSS: Math.round(b.memoryUsage().rss / 1024) }, b.cpuUsage());

function hrtime(prev) {
  const t = b.hrtime(); // [seconds, nanoseconds]
  if (prev === undefined) return t;
  let s = t[0] - prev[0];
  let ns = t[1] - prev[1];
  if (ns < 0) { s -= 1; ns += 1e9; }
  return [s, ns];
}
hrtime.bigint = () => b.hrtimeBigint();
process.hrtime = hrtime;

process.nextTick = function nextTick(callback, ...args) {
  if (typeof callback !== 'function') {
    const e = new TypeError(`The "callback" argument must be of type function. Received ${callback === null ? 'null' : 'type ' + typeof callback}`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  queueMicrotask(() => callback(...args));
};

process.emitWarning = function emitWarning(warning, type, code) {
  if (type !== null && typeof type === 'object') {
    code = type.code;
    type = type.type;
  }
  if (typeof warning === 'string') {
    warning = Object.assign(new Error(warning), { name: type || 'Warning' });
    if (code !== undefined) warning.code = code;
  }
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  queueMicrotask(() => {
    process.emit('warning', warning);
    b.warn(`(node:${process.pid}) ${warning.code ? '[' + warning.code + '] ' : ''}${warning.name}: ${warning.message}`);
  });
};

// A server process is not the extension's to end: exit and kill throw instead.
process.exit = function exit(code) {
  throw new Error(`process.exit(${code === undefined ? '' : code}) is not allowed in dxhost: an extension cannot stop the server`);
};
process.reallyExit = process.exit;
process.abort = process.exit;
process.kill = function kill(pid) {
  throw new Error('process.kill() is not allowed in dxhost');
};

function outputStream(fd, write) {
  const s = new EventEmitter();
  s.fd = fd;
  s.isTTY = false;
  s.writable = true;
  s.write = (chunk, encoding, cb) => {
    if (typeof encoding === 'function') cb = encoding;
    write(typeof chunk === 'string' ? chunk : String(chunk));
    if (typeof cb === 'function') queueMicrotask(cb);
    return true;
  };
  s.end = (chunk, encoding, cb) => {
    if (chunk != null && typeof chunk !== 'function') s.write(chunk, encoding);
    const done = [chunk, encoding, cb].find((f) => typeof f === 'function');
    if (done) queueMicrotask(done);
  };
  s.cork = () => {};
  s.uncork = () => {};
  s.getColorDepth = () => 1;
  s.hasColors = () => false;
  s.columns = 80;
  return s;
}
process.stdout = outputStream(1, (s) => b.stdout(s));
process.stderr = outputStream(2, (s) => b.stderr(s));
process.stdin = Object.assign(new EventEmitter(), { fd: 0, isTTY: false, readable: false });

process.binding = (name) => {
  throw new Error(`No such module: ${name}`);
};
process._getActiveHandles = () => [];
process._getActiveRequests = () => [];
process.setUncaughtExceptionCaptureCallback = () => {};
process.hasUncaughtExceptionCaptureCallback = () => false;

module.exports = process;
