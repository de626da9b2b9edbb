'use strict';
// Node's buffer module: feross/buffer (the port browsers and bundlers use), plus the encodings and
// helpers Node gained after the port froze (base64url, constants, atob/btoa, isUtf8, isAscii).
const impl = require('../node_modules/buffer/index.js');
const { Buffer } = impl;

const isB64url = (enc) => typeof enc === 'string' && enc.toLowerCase() === 'base64url';
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
  const args = Array.prototype.slice.call(arguments).map((a) => (isB64url(a) ? 'base64' : a));
  return write.apply(this, args);
};

const fill = Buffer.prototype.fill;
Buffer.prototype.fill = function (val, offset, end, enc) {
  const args = Array.prototype.slice.call(arguments).map((a, i) => (i > 0 && isB64url(a) ? 'base64' : a));
  return fill.apply(this, args);
};

const alloc = Buffer.alloc;
Buffer.alloc = function (size, fillValue, enc) {
  return alloc.call(this, size, fillValue, isB64url(enc) ? 'base64' : enc);
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
Object.defineProperty(impl, 'Blob', { enumerable: true, get: () => globalThis.Blob });
Object.defineProperty(impl, 'File', { enumerable: true, get: () => globalThis.File });

module.exports = impl;
