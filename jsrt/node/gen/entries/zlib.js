'use strict';
// Node's zlib over Go's compress/* and andybalholm/brotli: sync, callback and promise-less stream
// forms of gzip, deflate, deflateRaw, unzip and brotli. Compression streams emit output as Go
// produces it; decompression streams inflate once their input has ended.
const b = require('#binding');
const { Buffer } = require('buffer');
const { Transform } = require('stream');

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2,
  Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0,
  Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4,
  Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64,
  Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1,
  Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
  BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2,
  BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11,
  BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_SIZE_HINT: 5,
};

const toAB = (u8) => u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength);
function input(data) {
  if (typeof data === 'string') return Buffer.from(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const e = new TypeError('The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ' + (data === null ? 'null' : typeof data));
  e.code = 'ERR_INVALID_ARG_TYPE';
  throw e;
}
function zError(err) {
  const e = new Error(err.message);
  e.errno = err.errno;
  e.code = err.code;
  return e;
}
function levelOf(format, options = {}) {
  if (format === 'brotli') {
    const p = options.params || {};
    return p[constants.BROTLI_PARAM_QUALITY] !== undefined ? p[constants.BROTLI_PARAM_QUALITY] : constants.BROTLI_DEFAULT_QUALITY;
  }
  return options.level === undefined ? -1 : options.level;
}

function compressSync(format, data, options) {
  const c = b.compressor(format, levelOf(format, options));
  try {
    return Buffer.concat([Buffer.from(c.write(toAB(input(data)))), Buffer.from(c.close())]);
  } catch (err) { throw zError(err); }
}
function decompressSync(format, data) {
  try {
    return Buffer.from(b.decompress(format, toAB(input(data))));
  } catch (err) { throw zError(err); }
}

class ZlibBase extends Transform {
  constructor(format, decompress, options = {}) {
    super(Object.assign({}, options, { writableObjectMode: false, readableObjectMode: false }));
    this._format = format;
    this._decompress = decompress;
    this._chunks = [];
    this._handle = decompress ? null : b.compressor(format, levelOf(format, options));
    this._inflater = null;
    this._flushCallback = null;
    this._ended = false;
    this.bytesWritten = 0;
    this._level = levelOf(format, options);
  }
  // Decompression streams feed Go's decompressor as data arrives and push its output as it comes.
  _startInflater() {
    if (this._inflater) return;
    this._inflater = b.inflater(this._format,
      (ab) => { if (!this.destroyed) this.push(Buffer.from(ab)); },
      (err) => {
        this._ended = true;
        const cb = this._flushCallback;
        const e = err ? zError(err) : null;
        if (cb) { this._flushCallback = null; cb(e); } else if (e) this.destroy(e);
      });
  }
  _transform(chunk, encoding, callback) {
    this.bytesWritten += chunk.length;
    if (this._decompress) {
      this._startInflater();
      if (this._ended) return callback();
      this._inflater.write(toAB(chunk), () => callback());
      return;
    }
    try {
      const out = Buffer.from(this._handle.write(toAB(chunk)));
      callback(null, out.length ? out : undefined);
    } catch (err) { callback(zError(err)); }
  }
  _flush(callback) {
    try {
      if (this._decompress) {
        this._startInflater();
        if (this._ended) return callback();
        this._flushCallback = callback;
        this._inflater.end();
        return;
      }
      const out = Buffer.from(this._handle.close());
      callback(null, out.length ? out : undefined);
    } catch (err) { callback(err.code ? err : zError(err)); }
  }
  flush(kind, callback) {
    if (typeof kind === 'function') callback = kind;
    if (!this._decompress) {
      const out = Buffer.from(this._handle.flush());
      if (out.length) this.push(out);
    }
    if (callback) queueMicrotask(callback);
  }
  params() {
    const e = new Error('zlib params() (changing level mid-stream) is not supported in dxhost');
    e.code = 'ERR_DXHOST_UNAVAILABLE';
    throw e;
  }
  reset() {
    const e = new Error('zlib reset() is not supported in dxhost');
    e.code = 'ERR_DXHOST_UNAVAILABLE';
    throw e;
  }
  _destroy(err, callback) {
    if (this._inflater && !this._ended) this._inflater.destroy();
    callback(err);
  }
  close(callback) { if (callback) this.once('close', callback); this.destroy(); }
}

const kinds = {
  Gzip: ['gzip', false], Gunzip: ['gzip', true], Deflate: ['deflate', false], Inflate: ['deflate', true],
  DeflateRaw: ['deflateRaw', false], InflateRaw: ['deflateRaw', true], Unzip: ['unzip', true],
  BrotliCompress: ['brotli', false], BrotliDecompress: ['brotli', true],
};
const zlib = { constants, codes: { Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6 } };
for (const [k, v] of Object.entries(constants)) if (k.startsWith('Z_')) zlib[k] = v;
for (const [name, [format, decompress]] of Object.entries(kinds)) {
  const Cls = { [name]: class extends ZlibBase { constructor(options) { super(format, decompress, options); } } }[name];
  zlib[name] = Cls;
  zlib['create' + name] = (options) => new Cls(options);
  const lower = name[0].toLowerCase() + name.slice(1);
  const sync = decompress ? (data) => decompressSync(format, data) : (data, options) => compressSync(format, data, options);
  zlib[lower + 'Sync'] = sync;
  zlib[lower] = function (data, options, callback) {
    if (typeof options === 'function') { callback = options; options = undefined; }
    let out;
    let err = null;
    try { out = sync(data, options); } catch (e) { err = e; }
    queueMicrotask(() => callback(err, out));
  };
}
zlib.crc32 = function crc32(data, value = 0) {
  const buf = input(data);
  let crc = ~value >>> 0;
  for (let i = 0; i < buf.length; i++) {
    crc ^= buf[i];
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
};
module.exports = zlib;
