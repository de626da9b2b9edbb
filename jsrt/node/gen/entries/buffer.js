'use strict';
// Node's buffer module: feross/buffer (the port browsers and bundlers use), plus the encodings and
// helpers Node gained after the port froze (base64url, constants, atob/btoa, isUtf8, isAscii).
const impl = require('../node_modules/buffer/index.js');
const { Buffer } = impl;

// (Checked by length first: the data string passes through the same argument lists.)
const isB64url = (enc) => typeof enc === 'string' && enc.length === 9 && enc.toLowerCase() === 'base64url';
const toB64url = (s) => s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

const isEncoding = Buffer.isEncoding;
Buffer.isEncoding = function (enc) { return isB64url(enc) || isEncoding.call(this, enc); };

const from = Buffer.from;
Buffer.from = function (value, encOrOffset, length) {
  if (typeof value === 'string' && isB64url(encOrOffset)) return from.call(this, value, 'base64');
  return from.call(this, value, encOrOffset, length);
};

const byteLength = Buffer.byteLength;
Buffer.byteLength = function (value, enc) {
  return byteLength.call(this, value, isB64url(enc) ? 'base64' : enc);
};

const toString = Buffer.prototype.toString;
Buffer.prototype.toString = function (enc, start, end) {
  if (isB64url(enc)) return toB64url(toString.call(this, 'base64', start, end));
  return toString.apply(this, arguments);
};
Buffer.prototype.toLocaleString = Buffer.prototype.toString;

const write = Buffer.prototype.write;
Buffer.prototype.write = function (string, offset, length, enc) {
  const args = Array.prototype.slice.call(arguments).map((a, i) => (i > 0 && isB64url(a) ? 'base64' : a));
  return write.apply(this, args);
};

const fill = Buffer.prototype.fill;
Buffer.prototype.fill = function (val, offset, end, enc) {
  const args = Array.prototype.slice.call(arguments).map((a, i) => (i > 0 && isB64url(a) ? 'base64' : a));
  return fill.apply(this, args);
};

// Node's per-encoding fast paths (buf.latin1Slice, buf.utf8Write...), which libraries such as busboy call.
for (const [name, enc] of [['utf8', 'utf8'], ['latin1', 'latin1'], ['ascii', 'ascii'], ['hex', 'hex'], ['base64', 'base64'], ['base64url', 'base64url'], ['ucs2', 'ucs2']]) {
  Buffer.prototype[name + 'Slice'] = function (start = 0, end = this.length) { return this.toString(enc, start, end); };
  Buffer.prototype[name + 'Write'] = function (string, offset = 0, length = this.length - offset) { return this.write(string, offset, length, enc); };
}

// Node validates sizes with its own error codes.
function validateSize(size) {
  if (typeof size !== 'number') {
    const e = new TypeError(`The "size" argument must be of type number. Received ${size === null ? 'null' : 'type ' + typeof size + ' (' + String(size) + ')'}`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (!(size >= 0 && size <= impl.kMaxLength)) {
    const e = new RangeError(`The value of "size" is out of range. It must be >= 0 && <= ${impl.kMaxLength}. Received ${String(size).replace(/\B(?=(\d{3})+(?!\d))/g, '_')}`);
    e.code = 'ERR_OUT_OF_RANGE';
    throw e;
  }
}
const alloc = Buffer.alloc;
Buffer.alloc = function (size, fillValue, enc) {
  validateSize(size);
  return alloc.call(this, size, fillValue, isB64url(enc) ? 'base64' : enc);
};
for (const name of ['allocUnsafe', 'allocUnsafeSlow']) {
  const orig = Buffer[name];
  Buffer[name] = function (size) {
    validateSize(size);
    return orig.call(this, size);
  };
}

// util.inspect(buffer) as Node prints it.
Buffer.prototype[Symbol.for('nodejs.util.inspect.custom')] = function inspect() {
  const max = impl.INSPECT_MAX_BYTES;
  let str = toString.call(this, 'hex', 0, max).replace(/(.{2})/g, '$1 ').trim();
  const remaining = this.length - max;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return `<${this.constructor.name} ${str}>`;
};

impl.constants = { MAX_LENGTH: impl.kMaxLength, MAX_STRING_LENGTH: 0x1fffffe8 };
impl.kStringMaxLength = impl.constants.MAX_STRING_LENGTH;
impl.atob = (s) => globalThis.atob(s);
impl.btoa = (s) => globalThis.btoa(s);
impl.isUtf8 = function isUtf8(input) {
  try {
    new globalThis.TextDecoder('utf-8', { fatal: true }).decode(input);
    return true;
  } catch (e) {
    return false;
  }
};
impl.isAscii = function isAscii(input) {
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
};
// --- Blob / File (the WHATWG File API; their bytes are a Buffer) ---
const kBytes = Symbol.for('dxhost.blob.bytes');
function partBytes(part) {
  if (part instanceof Blob) return part[kBytes];
  if (part instanceof ArrayBuffer) return Buffer.from(part);
  if (ArrayBuffer.isView(part)) return Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  return Buffer.from(String(part));
}
class Blob {
  constructor(parts = [], options = {}) {
    if (typeof parts !== 'object' || parts === null || typeof parts[Symbol.iterator] !== 'function') {
      const e = new TypeError('The "sources" argument must be a sequence. Received ' + (parts === null ? 'null' : typeof parts));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    Object.defineProperty(this, kBytes, { value: Buffer.concat(Array.from(parts, partBytes)) });
    const type = options.type === undefined ? '' : String(options.type);
    Object.defineProperty(this, '_type', { value: /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : '' });
  }
  get size() { return this[kBytes].length; }
  get type() { return this._type; }
  async text() { return this[kBytes].toString('utf8'); }
  async arrayBuffer() { const b = this[kBytes]; return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); }
  async bytes() { return new Uint8Array(await this.arrayBuffer()); }
  slice(start = 0, end = this.size, type = '') {
    const size = this.size;
    const rel = (n) => (n < 0 ? Math.max(size + n, 0) : Math.min(n, size));
    const s = rel(start);
    const e = Math.max(rel(end), s);
    return new Blob([this[kBytes].subarray(s, e)], { type });
  }
  // A Node Readable: goja has no WHATWG ReadableStream.
  stream() { return require('stream').Readable.from([this[kBytes]]); }
  get [Symbol.toStringTag]() { return 'Blob'; }
}
class File extends Blob {
  constructor(parts, name, options = {}) {
    if (arguments.length < 2) {
      const e = new TypeError('The "fileName" argument must be specified');
      e.code = 'ERR_MISSING_ARGS';
      throw e;
    }
    super(parts, options);
    Object.defineProperty(this, '_name', { value: String(name) });
    Object.defineProperty(this, '_lastModified', { value: options.lastModified === undefined ? Date.now() : Number(options.lastModified) });
  }
  get name() { return this._name; }
  get lastModified() { return this._lastModified; }
  get [Symbol.toStringTag]() { return 'File'; }
}
impl.Blob = Blob;
impl.File = File;

module.exports = impl;
