'use strict';
// Node's fs and fs/promises over Go's os package: every operation exists in sync, callback and
// promise form, errors carry Node's code/errno/syscall/path, and ReadStream/WriteStream are streams.
const b = require('#binding');
const { Buffer } = require('buffer');
const { Readable, Writable } = require('stream');
const { fileURLToPath } = require('url');
const pathModule = require('path');
const EventEmitter = require('events');

const constants = {
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1,
  UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7, S_IFMT: 61440,
  S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64,
  O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144,
  O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128,
  S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4,
  W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
};

function invalidArgType(name, expected, value) {
  const e = new TypeError(`The "${name}" argument must be ${expected}. Received ${value === null ? 'null' : value === undefined ? 'undefined' : 'type ' + typeof value + (typeof value === 'object' ? '' : ` (${String(value)})`)}`);
  e.code = 'ERR_INVALID_ARG_TYPE';
  return e;
}
function toPath(p, name = 'path') {
  if (typeof p === 'string') return p;
  if (Buffer.isBuffer(p)) return p.toString();
  if (p instanceof URL || (p && typeof p.href === 'string' && p.protocol !== undefined)) return fileURLToPath(p);
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', p);
}
function toBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}
const toAB = (u8) => u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength);

const flagNames = { r: 0, rs: 1052672, sr: 1052672, 'r+': 2, 'rs+': 1052674, 'sr+': 1052674, w: 577, wx: 705, xw: 705, 'w+': 578, 'wx+': 706, 'xw+': 706,
  a: 1089, ax: 1217, xa: 1217, as: 1053761, sa: 1053761, 'a+': 1090, 'ax+': 1218, 'xa+': 1218, 'as+': 1053762, 'sa+': 1053762 };
function toFlags(flags, dflt) {
  if (flags === undefined || flags === null) return dflt;
  if (typeof flags === 'number') return flags;
  if (flags in flagNames) return flagNames[flags];
  const e = new TypeError(`The argument 'flags' is invalid. Received '${flags}'`);
  e.code = 'ERR_INVALID_ARG_VALUE';
  throw e;
}
function toMode(mode, dflt) {
  if (mode === undefined || mode === null) return dflt;
  if (typeof mode === 'string') return parseInt(mode, 8);
  return mode;
}

function uvError(info, syscall, path, dest) {
  if (info.code === 'ERR_FS_EISDIR') {
    syscall = 'rm';
    const e = new Error(`Path is a directory: ${syscall} returned EISDIR (is a directory) ${path}`);
    e.name = 'SystemError';
    e.code = 'ERR_FS_EISDIR';
    e.errno = 21;
    e.syscall = syscall;
    e.path = path;
    return e;
  }
  let msg = `${info.code}: ${info.message}, ${syscall}`;
  if (path !== undefined) msg += ` '${path}'`;
  if (dest !== undefined) msg += ` -> '${dest}'`;
  const e = new Error(msg);
  e.errno = info.errno;
  e.code = info.code;
  e.syscall = syscall;
  if (path !== undefined) e.path = path;
  if (dest !== undefined) e.dest = dest;
  return e;
}

// op describes one operation: how JS arguments become the Go call, and how its result comes back.
function makeOp({ go, syscall, prepare, result = (r) => r }) {
  const sync = (...args) => {
    const p = prepare(...args);
    const [err, res] = b.sync(go, p.args);
    if (err) throw uvError(err, p.syscall || syscall, p.path, p.dest);
    return result(res, p);
  };
  const callback = (...args) => {
    const cb = args.pop();
    if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
    let p;
    try { p = prepare(...args); } catch (e) { throw e; }
    b.async(go, p.args, (err, res) => {
      if (err) return cb(uvError(err, p.syscall || syscall, p.path, p.dest));
      let out;
      try { out = result(res, p); } catch (e) { return cb(e); }
      cb(null, out);
    });
  };
  const promise = (...args) => new Promise((resolve, reject) => {
    let p;
    try { p = prepare(...args); } catch (e) { return reject(e); }
    b.async(go, p.args, (err, res) => {
      if (err) return reject(uvError(err, p.syscall || syscall, p.path, p.dest));
      try { resolve(result(res, p)); } catch (e) { reject(e); }
    });
  });
  return { sync, callback, promise };
}

// --- Stats and Dirent ---
class Stats {
  constructor(s) { Object.assign(this, s); }
  _is(type) { return (this.mode & constants.S_IFMT) === type; }
  isFile() { return this._is(constants.S_IFREG); }
  isDirectory() { return this._is(constants.S_IFDIR); }
  isSymbolicLink() { return this._is(constants.S_IFLNK); }
  isFIFO() { return this._is(constants.S_IFIFO); }
  isSocket() { return this._is(constants.S_IFSOCK); }
  isCharacterDevice() { return this._is(constants.S_IFCHR); }
  isBlockDevice() { return this._is(constants.S_IFBLK); }
}
Object.defineProperty(Stats.prototype, '_is', { enumerable: false });
// As in Node 22, the Date fields are computed on first read (and may be assigned).
for (const name of ['atime', 'mtime', 'ctime', 'birthtime']) {
  const key = Symbol(name);
  Object.defineProperty(Stats.prototype, name, {
    get() { return this[key] === undefined ? (this[key] = new Date(this[name + 'Ms'])) : this[key]; },
    set(v) { Object.defineProperty(this, key, { value: v, writable: true, configurable: true }); },
    enumerable: true,
    configurable: true,
  });
}
class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    Object.defineProperty(this, '_type', { value: type });
  }
  isFile() { return this._type === 'file'; }
  isDirectory() { return this._type === 'dir'; }
  isSymbolicLink() { return this._type === 'symlink'; }
  isFIFO() { return this._type === 'fifo'; }
  isSocket() { return this._type === 'socket'; }
  isCharacterDevice() { return this._type === 'char'; }
  isBlockDevice() { return this._type === 'block'; }
}

function optionsOf(options, dflt = {}) {
  if (options === undefined || options === null || typeof options === 'function') return dflt;
  if (typeof options === 'string') return Object.assign({}, dflt, { encoding: options });
  return Object.assign({}, dflt, options);
}
function encodeResult(buf, encoding) {
  const out = Buffer.from(buf);
  return encoding && encoding !== 'buffer' ? out.toString(encoding) : out;
}

const defs = {
  readFile: {
    go: 'readFile', syscall: 'open',
    prepare: (path, options) => {
      if (typeof path === 'number') return { args: [path, 1 << 30, null], fd: true, syscall: 'read', opts: optionsOf(options) };
      const p = toPath(path);
      return { args: [p], path: p, opts: optionsOf(options, { flag: 'r' }) };
    },
    result: (r, p) => encodeResult(r, p.opts.encoding),
  },
  writeFile: {
    go: 'writeFile', syscall: 'open',
    prepare: (path, data, options) => {
      const o = optionsOf(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
      const p = toPath(path);
      return { args: [p, toAB(toBytes(data, o.encoding)), toMode(o.mode, 0o666), String(o.flag).startsWith('a')], path: p };
    },
    result: () => undefined,
  },
  appendFile: {
    go: 'writeFile', syscall: 'open',
    prepare: (path, data, options) => {
      const o = optionsOf(options, { encoding: 'utf8', mode: 0o666 });
      const p = toPath(path);
      return { args: [p, toAB(toBytes(data, o.encoding)), toMode(o.mode, 0o666), true], path: p };
    },
    result: () => undefined,
  },
  stat: { go: 'stat', syscall: 'stat', prepare: (path) => { const p = toPath(path); return { args: [p], path: p }; }, result: (r) => new Stats(r) },
  lstat: { go: 'lstat', syscall: 'lstat', prepare: (path) => { const p = toPath(path); return { args: [p], path: p }; }, result: (r) => new Stats(r) },
  fstat: { go: 'fstat', syscall: 'fstat', prepare: (fd) => ({ args: [fd] }), result: (r) => new Stats(r) },
  access: { go: 'access', syscall: 'access', prepare: (path, mode) => { const p = toPath(path); return { args: [p, typeof mode === 'number' ? mode : 0], path: p }; }, result: () => undefined },
  readdir: {
    go: 'readdir', syscall: 'scandir',
    prepare: (path, options) => {
      const p = toPath(path);
      const o = optionsOf(options);
      return { args: [p], path: p, opts: o, go: o.recursive ? 'readdirRecursive' : 'readdir' };
    },
    result: (entries, p) => {
      entries = entries || [];
      if (p.opts.withFileTypes) return entries.map((e) => new Dirent(pathModule.basename(e.name), e.type, e.parentPath || p.path));
      return entries.map((e) => (p.opts.encoding === 'buffer' ? Buffer.from(e.name) : e.name));
    },
  },
  mkdir: {
    go: 'mkdir', syscall: 'mkdir',
    prepare: (path, options) => {
      const o = typeof options === 'number' || typeof options === 'string' ? { mode: options } : optionsOf(options);
      const p = toPath(path);
      return { args: [p, !!o.recursive, toMode(o.mode, 0o777)], path: p };
    },
    result: (r) => (r === undefined || r === null ? undefined : r),
  },
  mkdtemp: { go: 'mkdtemp', syscall: 'mkdtemp', prepare: (prefix) => ({ args: [toPath(prefix, 'prefix')], path: toPath(prefix, 'prefix') + 'XXXXXX' }) },
  rmdir: { go: 'rmdir', syscall: 'rmdir', prepare: (path, options) => { const p = toPath(path); return { args: [p, !!(options && options.recursive)], path: p }; }, result: () => undefined },
  rm: { go: 'rm', syscall: 'lstat', prepare: (path, options) => { const p = toPath(path); const o = optionsOf(options); return { args: [p, !!o.recursive, !!o.force], path: p }; }, result: () => undefined },
  unlink: { go: 'unlink', syscall: 'unlink', prepare: (path) => { const p = toPath(path); return { args: [p], path: p }; }, result: () => undefined },
  rename: { go: 'rename', syscall: 'rename', prepare: (from, to) => { const p = toPath(from, 'oldPath'); const d = toPath(to, 'newPath'); return { args: [p, d], path: p, dest: d }; }, result: () => undefined },
  copyFile: { go: 'copyFile', syscall: 'copyfile', prepare: (src, dst, mode) => { const p = toPath(src, 'src'); const d = toPath(dst, 'dest'); return { args: [p, d, typeof mode === 'number' ? mode : 0], path: p, dest: d }; }, result: () => undefined },
  realpath: { go: 'realpath', syscall: 'realpath', prepare: (path, options) => { const p = toPath(path); return { args: [p], path: p, opts: optionsOf(options) }; }, result: (r, p) => (p.opts.encoding === 'buffer' ? Buffer.from(r) : r) },
  readlink: { go: 'readlink', syscall: 'readlink', prepare: (path) => { const p = toPath(path); return { args: [p], path: p }; } },
  symlink: { go: 'symlink', syscall: 'symlink', prepare: (target, path) => { const t = toPath(target, 'target'); const p = toPath(path); return { args: [t, p], path: t, dest: p }; }, result: () => undefined },
  link: { go: 'link', syscall: 'link', prepare: (existing, path) => { const t = toPath(existing, 'existingPath'); const p = toPath(path, 'newPath'); return { args: [t, p], path: t, dest: p }; }, result: () => undefined },
  chmod: { go: 'chmod', syscall: 'chmod', prepare: (path, mode) => { const p = toPath(path); return { args: [p, toMode(mode, 0)], path: p }; }, result: () => undefined },
  chown: { go: 'chown', syscall: 'chown', prepare: (path, uid, gid) => { const p = toPath(path); return { args: [p, uid, gid], path: p }; }, result: () => undefined },
  truncate: { go: 'truncate', syscall: 'open', prepare: (path, len) => { const p = toPath(path); return { args: [p, typeof len === 'number' ? len : 0], path: p }; }, result: () => undefined },
  utimes: {
    go: 'utimes', syscall: 'utime',
    prepare: (path, atime, mtime) => {
      const ms = (t) => (t instanceof Date ? t.getTime() : typeof t === 'string' ? Number(t) * 1000 : t * 1000);
      const p = toPath(path);
      return { args: [p, ms(atime), ms(mtime)], path: p };
    },
    result: () => undefined,
  },
  open: { go: 'open', syscall: 'open', prepare: (path, flags, mode) => { const p = toPath(path); return { args: [p, toFlags(flags, 0), toMode(mode, 0o666)], path: p }; } },
  close: { go: 'close', syscall: 'close', prepare: (fd) => ({ args: [fd] }), result: () => undefined },
  fsync: { go: 'fsync', syscall: 'fsync', prepare: (fd) => ({ args: [fd] }), result: () => undefined },
  ftruncate: { go: 'ftruncate', syscall: 'ftruncate', prepare: (fd, len) => ({ args: [fd, len || 0] }), result: () => undefined },
};

// readdir picks its Go operation per call (recursive or not).
function makeDynamicOp(def) {
  const make = (go) => makeOp(Object.assign({}, def, { go }));
  const byGo = {};
  const pick = (args) => {
    const g = def.prepare(...args).go || def.go;
    return byGo[g] || (byGo[g] = make(g));
  };
  return {
    sync: (...args) => pick(args).sync(...args),
    callback: (...args) => pick(args.slice(0, -1)).callback(...args),
    promise: (...args) => pick(args).promise(...args),
  };
}

const fs = { constants, Stats, Dirent, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };
const promises = { constants };
for (const [name, def] of Object.entries(defs)) {
  const op = name === 'readdir' ? makeDynamicOp(def) : makeOp(def);
  fs[name + 'Sync'] = op.sync;
  fs[name] = op.callback;
  promises[name] = op.promise;
}

// readFile with an fd reads the rest of the file.
const readFileByPath = { sync: fs.readFileSync, cb: fs.readFile, p: promises.readFile };
fs.readFileSync = function readFileSync(path, options) {
  if (typeof path === 'number') {
    const chunks = [];
    for (;;) {
      const chunk = readSync(path, 65536, null);
      if (chunk.length === 0) break;
      chunks.push(chunk);
    }
    return encodeResult(Buffer.concat(chunks), optionsOf(options).encoding);
  }
  return readFileByPath.sync(path, options);
};

fs.existsSync = function existsSync(path) {
  try { return b.sync('exists', [toPath(path)])[1] === true; } catch (e) { return false; }
};
fs.exists = function exists(path, callback) {
  let p;
  try { p = toPath(path); } catch (e) { queueMicrotask(() => callback(false)); return; }
  b.async('exists', [p], (err, res) => callback(res === true));
};

// util.promisify(fs.exists) resolves the boolean (exists' callback has no error argument).
Object.defineProperty(fs.exists, Symbol.for('nodejs.util.promisify.custom'), {
  value: (path) => new Promise((resolve) => fs.exists(path, resolve)),
});

// --- descriptor reads and writes ---
function readSync(fd, length, position) {
  const [err, res] = b.sync('read', [fd, length, position]);
  if (err) throw uvError(err, 'read');
  return Buffer.from(res);
}
fs.readSync = function (fd, buffer, offsetOrOptions, length, position) {
  let offset = offsetOrOptions;
  if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
  if (offset === undefined) offset = 0;
  if (length === undefined) length = buffer.byteLength - offset;
  const got = readSync(fd, length, typeof position === 'bigint' ? Number(position) : position);
  new Uint8Array(buffer.buffer, buffer.byteOffset + offset, got.length).set(got);
  return got.length;
};
fs.read = function (fd, buffer, offset, length, position, callback) {
  if (typeof buffer === 'function') { callback = buffer; buffer = Buffer.alloc(16384); offset = 0; length = buffer.length; position = null; }
  else if (typeof offset === 'function') { callback = offset; offset = 0; length = buffer.byteLength; position = null; }
  else if (offset !== null && typeof offset === 'object') { callback = length; ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset); }
  b.async('read', [fd, length, position], (err, res) => {
    if (err) return callback(uvError(err, 'read'));
    const got = Buffer.from(res);
    new Uint8Array(buffer.buffer, buffer.byteOffset + offset, got.length).set(got);
    callback(null, got.length, buffer);
  });
};
function writeArgs(buffer, a, c, d) {
  if (typeof buffer === 'string') {
    const position = a;
    return { data: Buffer.from(buffer, typeof c === 'string' ? c : 'utf8'), position: typeof position === 'number' ? position : null };
  }
  const offset = typeof a === 'number' ? a : 0;
  const length = typeof c === 'number' ? c : buffer.byteLength - offset;
  const position = typeof d === 'number' ? d : null;
  return { data: Buffer.from(buffer.buffer, buffer.byteOffset + offset, length), position };
}
fs.writeSync = function (fd, buffer, a, c, d) {
  const w = writeArgs(buffer, a, c, d);
  const [err, n] = b.sync('write', [fd, toAB(w.data), w.position]);
  if (err) throw uvError(err, 'write');
  return n;
};
fs.write = function (fd, buffer, ...rest) {
  const callback = rest.pop();
  const w = writeArgs(buffer, ...rest);
  b.async('write', [fd, toAB(w.data), w.position], (err, n) => (err ? callback(uvError(err, 'write')) : callback(null, n, buffer)));
};

// --- streams ---
class ReadStream extends Readable {
  constructor(path, options) {
    const o = optionsOf(options, { flags: 'r', highWaterMark: 64 * 1024 });
    super({ highWaterMark: o.highWaterMark, encoding: o.encoding, emitClose: o.emitClose !== false, autoDestroy: o.autoClose !== false });
    this.path = typeof o.fd === 'number' ? undefined : toPath(path);
    this.fd = typeof o.fd === 'number' ? o.fd : null;
    this.flags = o.flags;
    this.mode = toMode(o.mode, 0o666);
    this.start = o.start;
    this.end = o.end === undefined ? Infinity : o.end;
    this.pos = this.start;
    this.bytesRead = 0;
    this.pending = this.fd === null;
  }
  _construct(callback) {
    if (this.fd !== null) return callback();
    fs.open(this.path, this.flags, this.mode, (err, fd) => {
      if (err) return callback(err);
      this.fd = fd;
      this.pending = false;
      this.emit('open', fd);
      this.emit('ready');
      callback();
    });
  }
  _read(n) {
    const remaining = this.end - (this.pos === undefined ? this.bytesRead : this.pos) + 1;
    const toRead = Math.min(n, remaining);
    if (toRead <= 0) return this.push(null);
    b.async('read', [this.fd, toRead, this.pos === undefined ? null : this.pos], (err, res) => {
      if (err) return this.destroy(uvError(err, 'read'));
      const chunk = Buffer.from(res);
      if (this.pos !== undefined) this.pos += chunk.length;
      this.bytesRead += chunk.length;
      this.push(chunk.length > 0 ? chunk : null);
    });
  }
  _destroy(err, callback) {
    if (this.fd === null || this.fd === undefined) return callback(err);
    const fd = this.fd;
    this.fd = null;
    fs.close(fd, (closeErr) => callback(err || closeErr));
  }
  close(cb) { if (cb) this.once('close', cb); this.destroy(); }
}
class WriteStream extends Writable {
  constructor(path, options) {
    const o = optionsOf(options, { flags: 'w', encoding: 'utf8' });
    super({ highWaterMark: o.highWaterMark, decodeStrings: true, emitClose: o.emitClose !== false, autoDestroy: o.autoClose !== false });
    this.path = typeof o.fd === 'number' ? undefined : toPath(path);
    this.fd = typeof o.fd === 'number' ? o.fd : null;
    this.flags = o.flags;
    this.mode = toMode(o.mode, 0o666);
    this.start = o.start;
    this.pos = o.start;
    this.bytesWritten = 0;
    this.pending = this.fd === null;
  }
  _construct(callback) {
    if (this.fd !== null) return callback();
    fs.open(this.path, this.flags, this.mode, (err, fd) => {
      if (err) return callback(err);
      this.fd = fd;
      this.pending = false;
      this.emit('open', fd);
      this.emit('ready');
      callback();
    });
  }
  _write(chunk, encoding, callback) {
    b.async('write', [this.fd, toAB(chunk), this.pos === undefined ? null : this.pos], (err, n) => {
      if (err) return callback(uvError(err, 'write'));
      this.bytesWritten += n;
      if (this.pos !== undefined) this.pos += n;
      callback();
    });
  }
  _destroy(err, callback) {
    if (this.fd === null || this.fd === undefined) return callback(err);
    const fd = this.fd;
    this.fd = null;
    fs.close(fd, (closeErr) => callback(err || closeErr));
  }
  close(cb) {
    if (cb) {
      if (this.closed) { queueMicrotask(cb); return; }
      this.once('close', cb);
    }
    if (!this.writableEnded) this.end();
    else this.destroy();
  }
  destroySoon() { this.end(); }
}
fs.ReadStream = ReadStream;
fs.WriteStream = WriteStream;
fs.createReadStream = (path, options) => new ReadStream(path, options);
fs.createWriteStream = (path, options) => new WriteStream(path, options);

// fs.cp / cpSync / promises.cp (Node 16.7+): recursive copy built on the sync operations above (the
// callback and promise forms run it in one go on the loop).
function cpError(code, message, path) {
  const e = new Error(`${message}`);
  e.code = code;
  e.errno = { ERR_FS_CP_EEXIST: 17, ERR_FS_EISDIR: 21, ERR_FS_CP_EINVAL: 22 }[code];
  e.syscall = 'cp';
  e.path = path;
  e.name = 'SystemError';
  return e;
}
function cpSyncImpl(src, dest, opts) {
  if (opts.filter && !opts.filter(src, dest)) return;
  const st = opts.dereference ? fs.statSync(src) : fs.lstatSync(src);
  if (st.isDirectory()) {
    if (!opts.recursive) throw cpError('ERR_FS_EISDIR', `Recursive option not enabled, cannot copy a directory: ${src.endsWith('/') ? src : src + '/'}`, src);
    const rel = pathModule.relative(pathModule.resolve(src), pathModule.resolve(dest));
    if (rel !== '' && !rel.startsWith('..') && !pathModule.isAbsolute(rel)) {
      throw cpError('ERR_FS_CP_EINVAL', `Invalid src or dest: cp returned EINVAL (cannot copy ${src} to a subdirectory of self ${dest}) ${dest}`, dest);
    }
    fs.mkdirSync(dest, { recursive: true });
    for (const name of fs.readdirSync(src)) cpSyncImpl(pathModule.join(src, name), pathModule.join(dest, name), opts);
    return;
  }
  if (st.isSymbolicLink()) {
    const target = fs.readlinkSync(src);
    if (fs.existsSync(dest)) { if (!opts.force) return; fs.unlinkSync(dest); }
    fs.symlinkSync(target, dest);
    return;
  }
  if (fs.existsSync(dest)) {
    if (!opts.force) {
      if (opts.errorOnExist) throw cpError('ERR_FS_CP_EEXIST', `Target already exists: cp returned EEXIST (${dest} already exists) ${dest}`, dest);
      return;
    }
  }
  fs.mkdirSync(pathModule.dirname(dest), { recursive: true });
  fs.copyFileSync(src, dest);
  if (opts.preserveTimestamps) fs.utimesSync(dest, st.atime, st.mtime);
}
fs.cpSync = function cpSync(src, dest, options) {
  const opts = Object.assign({ force: true, errorOnExist: false, recursive: false, dereference: false }, options);
  cpSyncImpl(toPath(src, 'src'), toPath(dest, 'dest'), opts);
};
fs.cp = function cp(src, dest, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  let err = null;
  try { fs.cpSync(src, dest, options); } catch (e) { err = e; }
  queueMicrotask(() => callback(err));
};
promises.cp = (src, dest, options) => new Promise((resolve, reject) => fs.cp(src, dest, options, (err) => (err ? reject(err) : resolve())));

// fs.watch over fsnotify (not recursive), fs.watchFile by polling stat, fs/promises.watch as an
// async iterator of {eventType, filename}.
class FSWatcher extends EventEmitter {
  constructor(path, options, listener) {
    super();
    this._closed = false;
    if (listener) this.on('change', listener);
    const p = toPath(path);
    try {
      this._handle = b.watch(p, (eventType, filename) => {
        if (!this._closed) this.emit('change', eventType, options.encoding === 'buffer' ? Buffer.from(filename) : filename);
      }, (message) => this.emit('error', new Error(message)));
    } catch (info) {
      throw uvError(info, 'watch', p);
    }
  }
  close() {
    if (this._closed) return;
    this._closed = true;
    this._handle.close();
    queueMicrotask(() => this.emit('close'));
  }
  ref() { return this; }
  unref() { return this; }
}
fs.watch = function watch(filename, options, listener) {
  if (typeof options === 'function') { listener = options; options = {}; }
  return new FSWatcher(filename, optionsOf(options), listener);
};
const statWatchers = new Map();
fs.watchFile = function watchFile(filename, options, listener) {
  if (typeof options === 'function') { listener = options; options = {}; }
  const p = toPath(filename);
  const interval = (options && options.interval) || 5007;
  let entry = statWatchers.get(p);
  if (!entry) {
    const zero = new Stats({ dev: 0, mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, blksize: 0, ino: 0, size: 0, blocks: 0, atimeMs: 0, mtimeMs: 0, ctimeMs: 0, birthtimeMs: 0 });
    const statNow = () => { try { return fs.statSync(p); } catch (e) { return zero; } };
    entry = { listeners: [], prev: statNow() };
    entry.timer = setInterval(() => {
      const curr = statNow();
      if (curr.mtimeMs !== entry.prev.mtimeMs || curr.size !== entry.prev.size || curr.ino !== entry.prev.ino) {
        const prev = entry.prev;
        entry.prev = curr;
        for (const l of entry.listeners.slice()) l(curr, prev);
      }
    }, interval);
    statWatchers.set(p, entry);
  }
  entry.listeners.push(listener);
  return { ref() { return this; }, unref() { return this; } };
};
fs.unwatchFile = function unwatchFile(filename, listener) {
  const p = toPath(filename);
  const entry = statWatchers.get(p);
  if (!entry) return;
  entry.listeners = listener ? entry.listeners.filter((l) => l !== listener) : [];
  if (entry.listeners.length === 0) {
    clearInterval(entry.timer);
    statWatchers.delete(p);
  }
};

// --- fs/promises FileHandle ---
class FileHandle {
  constructor(fd) { this.fd = fd; }
  async read(buffer, offset, length, position) {
    if (buffer === undefined || (buffer !== null && !ArrayBuffer.isView(buffer) && typeof buffer === 'object')) {
      const o = buffer || {};
      buffer = o.buffer || Buffer.alloc(16384);
      offset = o.offset || 0; length = o.length === undefined ? buffer.byteLength - offset : o.length; position = o.position === undefined ? null : o.position;
    }
    if (offset === undefined) offset = 0;
    if (length === undefined) length = buffer.byteLength - offset;
    const res = await new Promise((resolve, reject) => b.async('read', [this.fd, length, position === undefined ? null : position], (err, r) => (err ? reject(uvError(err, 'read')) : resolve(r))));
    const got = Buffer.from(res);
    new Uint8Array(buffer.buffer, buffer.byteOffset + offset, got.length).set(got);
    return { bytesRead: got.length, buffer };
  }
  async write(data, a, c, d) {
    const w = writeArgs(data, a, c, d);
    const n = await new Promise((resolve, reject) => b.async('write', [this.fd, toAB(w.data), w.position], (err, r) => (err ? reject(uvError(err, 'write')) : resolve(r))));
    return { bytesWritten: n, buffer: data };
  }
  async readFile(options) {
    const chunks = [];
    for (;;) {
      const { bytesRead, buffer } = await this.read(Buffer.alloc(65536), 0, 65536, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return encodeResult(Buffer.concat(chunks), optionsOf(options).encoding);
  }
  async writeFile(data, options) { await this.write(toBytes(data, optionsOf(options).encoding)); }
  async appendFile(data, options) { await this.write(toBytes(data, optionsOf(options).encoding)); }
  stat() { return fdOps.fstat(this.fd); }
  truncate(len) { return fdOps.ftruncate(this.fd, len); }
  sync() { return fdOps.fsync(this.fd); }
  async close() {
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    await fdOps.close(fd);
  }
  createReadStream(options) { return new ReadStream(null, Object.assign({}, options, { fd: this.fd })); }
  createWriteStream(options) { return new WriteStream(null, Object.assign({}, options, { fd: this.fd })); }
}
// fs/promises works on FileHandles, not descriptors.
const fdOps = {};
for (const name of ['fstat', 'close', 'fsync', 'ftruncate']) {
  fdOps[name] = promises[name];
  delete promises[name];
}
const openFd = promises.open;
promises.open = async (path, flags, mode) => new FileHandle(await openFd(path, flags, mode));
promises.FileHandle = FileHandle;

promises.watch = function watch(filename, options = {}) {
  const w = fs.watch(filename, options);
  const it = EventEmitter.on(w, 'change', { signal: options.signal });
  return {
    next: () => it.next().then((r) => (r.done ? r : { value: { eventType: r.value[0], filename: r.value[1] }, done: false })),
    return: () => { w.close(); return it.return(); },
    [Symbol.asyncIterator]() { return this; },
  };
};

fs.promises = promises;
module.exports = fs;
