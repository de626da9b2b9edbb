'use strict';
// Node's util module. inspect/format come from node-inspect-extracted (Node's own util.inspect,
// extracted and kept current); promisify, callbackify, deprecate, inherits, types and the legacy is*
// helpers come from the npm "util" port.
// The extracted inspect reads the primordials of every intrinsic at load time, Atomics included, which
// goja lacks (no SharedArrayBuffer): lend it an empty namespace while it loads.
const lendAtomics = typeof globalThis.Atomics === 'undefined';
if (lendAtomics) globalThis.Atomics = {};
const inspectLib = require('../node_modules/node-inspect-extracted/dist/inspect.js');
if (lendAtomics) delete globalThis.Atomics;
const legacy = require('../node_modules/util/util.js');

const util = Object.assign({}, legacy);
util.inspect = inspectLib.inspect;
util.format = inspectLib.format;
util.formatWithOptions = inspectLib.formatWithOptions;
util.stripVTControlCharacters = inspectLib.stripVTControlCharacters;

// promisify with Node's well-known symbol (the npm port uses a private one, so custom forms such as
// setTimeout's were invisible to it).
const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
util.promisify = function promisify(original) {
  if (typeof original !== 'function') {
    const e = new TypeError('The "original" argument must be of type function. Received ' + (original === null ? 'null' : typeof original));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (original[kCustomPromisify]) {
    const fn = original[kCustomPromisify];
    if (typeof fn !== 'function') {
      const e = new TypeError('The "util.promisify.custom" argument must be of type function');
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => (err ? reject(err) : resolve(values[0])));
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
};
util.promisify.custom = kCustomPromisify;

util.isDeepStrictEqual = function isDeepStrictEqual(a, b) {
  try {
    require('assert').deepStrictEqual(a, b);
    return true;
  } catch (e) {
    if (e && e.code === 'ERR_ASSERTION') return false;
    throw e;
  }
};

util.types = Object.assign({}, legacy.types, {
  isNativeError: (v) => v instanceof Error,
  isKeyObject: (v) => v != null && typeof v === 'object' && typeof v.export === 'function' && typeof v.type === 'string' && 'asymmetricKeyType' in v,
  isCryptoKey: (v) => v != null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object CryptoKey]',
});
util.isError = (v) => v instanceof Error;
util.isArray = Array.isArray;

util.TextEncoder = globalThis.TextEncoder;
util.TextDecoder = globalThis.TextDecoder;

util.toUSVString = (s) => String(s).toWellFormed ? String(s).toWellFormed() : String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

util.getSystemErrorName = (code) => {
  const names = { '-2': 'ENOENT', '-13': 'EACCES', '-17': 'EEXIST', '-20': 'ENOTDIR', '-21': 'EISDIR', '-22': 'EINVAL', '-39': 'ENOTEMPTY', '-98': 'EADDRINUSE', '-104': 'ECONNRESET', '-110': 'ETIMEDOUT', '-111': 'ECONNREFUSED', '-32': 'EPIPE' };
  return names[String(code)];
};

util.aborted = function aborted(signal, resource) {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
};

// styleText(format, text): ANSI styles from inspect's colour table.
util.styleText = function styleText(format, text) {
  const formats = Array.isArray(format) ? format : [format];
  let left = '';
  let right = '';
  for (const f of formats) {
    const code = inspectLib.inspect.colors[f];
    if (code === undefined) throw new TypeError(`The argument 'format' must be one of: ${Object.keys(inspectLib.inspect.colors).join(', ')}. Received '${f}'`);
    left += `\u001b[${code[0]}m`;
    right = `\u001b[${code[1]}m` + right;
  }
  return `${left}${text}${right}`;
};

util.debug = util.debuglog;
module.exports = util;
