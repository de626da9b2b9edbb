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
