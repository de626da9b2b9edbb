'use strict';
// Node's crypto module over Go: hashes, HMAC, random, pbkdf2, scrypt, AES ciphers, KeyObject,
// sign/verify (RSA PKCS#1 v1.5 and PSS, ECDSA, Ed25519), and webcrypto's getRandomValues/randomUUID/
// subtle.digest. Streams and encodings are JavaScript; the byte work is Go's.
const b = require('#binding');
const { Buffer } = require('buffer');
const { Transform, Writable } = require('stream');

const toAB = (u8) => u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength);
const fromAB = (ab) => Buffer.from(ab);

function invalidArg(name, expected, value) {
  const e = new TypeError(`The "${name}" argument must be ${expected}. Received ${value === null ? 'null' : value === undefined ? 'undefined' : 'type ' + typeof value}`);
  e.code = 'ERR_INVALID_ARG_TYPE';
  return e;
}
function bytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, encoding === 'buffer' ? 'utf8' : encoding);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data && data[kKey] !== undefined && data.type === 'secret') return data.export();
  throw invalidArg(name, 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', data);
}
function encodeOut(buf, encoding) {
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}
function cryptoError(err, code) {
  const e = new Error(err && err.message ? err.message.replace(/^GoError: /, '') : String(err));
  if (code) e.code = code;
  return e;
}
function wrapGo(fn, code) {
  try { return fn(); } catch (err) { throw cryptoError(err, code); }
}

// --- Hash / Hmac (Transform streams, as in Node) ---
class Hash extends Transform {
  constructor(algorithm, options, handle) {
    super(options);
    this._handle = handle || wrapGo(() => b.hash(String(algorithm)), 'ERR_OSSL_EVP_UNSUPPORTED');
    this._finalized = false;
  }
  update(data, encoding) {
    if (this._finalized) { const e = new Error('Digest already called'); e.code = 'ERR_CRYPTO_HASH_FINALIZED'; throw e; }
    this._handle.update(toAB(bytes(data, encoding)));
    return this;
  }
  digest(encoding) {
    if (this._finalized) { const e = new Error('Digest already called'); e.code = 'ERR_CRYPTO_HASH_FINALIZED'; throw e; }
    this._finalized = true;
    return encodeOut(fromAB(this._handle.digest()), encoding);
  }
  copy(options) {
    if (this._finalized) { const e = new Error('Digest already called'); e.code = 'ERR_CRYPTO_HASH_FINALIZED'; throw e; }
    return new Hash(null, options, this._handle.copy());
  }
  _transform(chunk, encoding, callback) { this.update(chunk, encoding); callback(); }
  _flush(callback) { this.push(this.digest()); callback(); }
}
class Hmac extends Transform {
  constructor(algorithm, key, options) {
    super(options);
    const k = key && key[kKey] !== undefined ? key.export() : bytes(key, options && options.encoding, 'key');
    this._handle = wrapGo(() => b.hmac(String(algorithm), toAB(k)), 'ERR_CRYPTO_INVALID_DIGEST');
    this._finalized = false;
  }
  update(data, encoding) { this._handle.update(toAB(bytes(data, encoding))); return this; }
  digest(encoding) {
    if (this._finalized) return encodeOut(Buffer.alloc(0), encoding);
    this._finalized = true;
    return encodeOut(fromAB(this._handle.digest()), encoding);
  }
  _transform(chunk, encoding, callback) { this.update(chunk, encoding); callback(); }
  _flush(callback) { this.push(this.digest()); callback(); }
}
const createHash = (algorithm, options) => new Hash(algorithm, options);
const createHmac = (algorithm, key, options) => new Hmac(algorithm, key, options);
const hash = (algorithm, data, outputEncoding = 'hex') => createHash(algorithm).update(data).digest(outputEncoding);

// --- random ---
function randomFillSync(buf, offset = 0, size) {
  const view = ArrayBuffer.isView(buf) ? buf : new Uint8Array(buf);
  const start = view.byteOffset + offset * (view.BYTES_PER_ELEMENT || 1);
  const len = size === undefined ? view.byteLength - offset * (view.BYTES_PER_ELEMENT || 1) : size * (view.BYTES_PER_ELEMENT || 1);
  b.randomFill(view.buffer, start, len);
  return buf;
}
function randomBytes(size, callback) {
  if (typeof size !== 'number' || size < 0 || size > 2 ** 31 - 1) {
    const e = new RangeError(`The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${size}`);
    e.code = typeof size !== 'number' ? 'ERR_INVALID_ARG_TYPE' : 'ERR_OUT_OF_RANGE';
    throw e;
  }
  const buf = randomFillSync(Buffer.alloc(size));
  if (typeof callback === 'function') { queueMicrotask(() => callback(null, buf)); return undefined; }
  return buf;
}
function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') { callback = offset; offset = 0; size = undefined; }
  else if (typeof size === 'function') { callback = size; size = undefined; }
  randomFillSync(buf, offset, size);
  queueMicrotask(() => callback(null, buf));
}
function randomUUID() {
  const r = randomFillSync(Buffer.alloc(16));
  r[6] = (r[6] & 0x0f) | 0x40;
  r[8] = (r[8] & 0x3f) | 0x80;
  const h = r.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
function randomInt(min, max, callback) {
  if (typeof max === 'undefined' || typeof max === 'function') { callback = max; max = min; min = 0; }
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max <= min) {
    const e = new RangeError(`The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    e.code = 'ERR_OUT_OF_RANGE';
    throw e;
  }
  const range = max - min;
  // Rejection sampling over 48 random bits, like Node, so every value is equally likely.
  const limit = 2 ** 48 - (2 ** 48 % range);
  let x;
  do { x = randomFillSync(Buffer.alloc(6)).readUIntBE(0, 6); } while (x >= limit);
  const n = min + (x % range);
  if (typeof callback === 'function') { queueMicrotask(() => callback(null, n)); return undefined; }
  return n;
}
function timingSafeEqual(a, c) {
  const x = bytes(a, undefined, 'buf1');
  const y = bytes(c, undefined, 'buf2');
  if (x.length !== y.length) {
    const e = new RangeError('Input buffers must have the same byte length');
    e.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
    throw e;
  }
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

// --- key derivation ---
function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return fromAB(wrapGo(() => b.pbkdf2(toAB(bytes(password, undefined, 'password')), toAB(bytes(salt, undefined, 'salt')), iterations, keylen, String(digest), undefined), 'ERR_CRYPTO_INVALID_DIGEST'));
}
function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') { callback = digest; digest = undefined; }
  if (typeof callback !== 'function') throw invalidArg('callback', 'of type function', callback);
  wrapGo(() => b.pbkdf2(toAB(bytes(password, undefined, 'password')), toAB(bytes(salt, undefined, 'salt')), iterations, keylen, String(digest),
    (err, ab) => (err ? callback(cryptoError(err)) : callback(null, fromAB(ab)))), 'ERR_CRYPTO_INVALID_DIGEST');
}
function scryptParams(options = {}) {
  const N = options.N || options.cost || 16384;
  const r = options.r || options.blockSize || 8;
  const p = options.p || options.parallelization || 1;
  const maxmem = options.maxmem || options.maxMemory || 32 << 20;
  return [N, r, p, maxmem];
}
function scryptSync(password, salt, keylen, options) {
  const [N, r, p, maxmem] = scryptParams(options);
  return fromAB(wrapGo(() => b.scrypt(toAB(bytes(password, undefined, 'password')), toAB(bytes(salt, undefined, 'salt')), keylen, N, r, p, maxmem, undefined), 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS'));
}
function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  const [N, r, p, maxmem] = scryptParams(options);
  wrapGo(() => b.scrypt(toAB(bytes(password, undefined, 'password')), toAB(bytes(salt, undefined, 'salt')), keylen, N, r, p, maxmem,
    (err, ab) => (err ? callback(cryptoError(err)) : callback(null, fromAB(ab)))), 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS');
}

// --- ciphers ---
class CipherBase extends Transform {
  constructor(algorithm, key, iv, options, decrypt) {
    super(options);
    const k = key && key[kKey] !== undefined ? key.export() : bytes(key, undefined, 'key');
    const v = iv === null || iv === undefined ? Buffer.alloc(0) : bytes(iv, undefined, 'iv');
    this._handle = wrapGo(() => b.cipher(String(algorithm), toAB(k), toAB(v), decrypt, (options && options.authTagLength) || 0), 'ERR_CRYPTO_INVALID_KEYLEN');
    this._decoder = null;
  }
  update(data, inputEncoding, outputEncoding) {
    const out = fromAB(wrapGo(() => this._handle.update(toAB(bytes(data, inputEncoding)))));
    return this._encode(out, outputEncoding);
  }
  final(outputEncoding) {
    const out = fromAB(wrapGo(() => this._handle.final(), 'ERR_OSSL_BAD_DECRYPT'));
    return this._encode(out, outputEncoding, true);
  }
  _encode(buf, enc, end) {
    if (!enc || enc === 'buffer') return buf;
    if (enc === 'utf8' || enc === 'utf-8') {
      if (!this._decoder) this._decoder = new (require('string_decoder').StringDecoder)('utf8');
      return end ? this._decoder.end(buf) : this._decoder.write(buf);
    }
    return buf.toString(enc);
  }
  setAutoPadding(ap = true) { this._handle.setAutoPadding(!!ap); return this; }
  setAAD(aad) { this._handle.setAAD(toAB(bytes(aad))); return this; }
  getAuthTag() { return fromAB(wrapGo(() => this._handle.getAuthTag())); }
  setAuthTag(tag) { this._handle.setAuthTag(toAB(bytes(tag))); return this; }
  _transform(chunk, encoding, callback) { try { this.push(this.update(chunk, encoding)); callback(); } catch (e) { callback(e); } }
  _flush(callback) { try { this.push(this.final()); callback(); } catch (e) { callback(e); } }
}
class Cipheriv extends CipherBase { constructor(a, k, iv, o) { super(a, k, iv, o, false); } }
class Decipheriv extends CipherBase { constructor(a, k, iv, o) { super(a, k, iv, o, true); } }
const createCipheriv = (a, k, iv, o) => new Cipheriv(a, k, iv, o);
const createDecipheriv = (a, k, iv, o) => new Decipheriv(a, k, iv, o);

// --- KeyObject ---
const kKey = Symbol('kKeyObject');
class KeyObject {
  constructor(type, handle) {
    if (handle === undefined) throw new TypeError('Illegal constructor');
    this[kKey] = handle;
    const info = b.keyInfo(handle);
    Object.defineProperty(this, '_info', { value: info });
  }
  get type() { return this._info.type; }
  get asymmetricKeyType() { return this._info.asymmetricKeyType; }
  get asymmetricKeyDetails() {
    const d = this._info.asymmetricKeyDetails;
    if (!d) return undefined;
    if (d.modulusLength !== undefined) return { modulusLength: d.modulusLength, publicExponent: BigInt(d.publicExponent.toString()) };
    if (d.namedCurve !== undefined) return { namedCurve: d.namedCurve };
    return {};
  }
  get symmetricKeySize() { return this._info.symmetricKeySize; }
  export(options = {}) {
    if (this.type === 'secret') {
      const raw = fromAB(b.keyExport(this[kKey], 'der', ''));
      return options.format === 'jwk' ? b.keyToJWK(this[kKey]) : raw;
    }
    if (options.format === 'jwk') return b.keyToJWK(this[kKey]);
    const format = options.format || 'pem';
    const type = options.type || (this.type === 'public' ? 'spki' : 'pkcs8');
    const out = fromAB(wrapGo(() => b.keyExport(this[kKey], format, type)));
    return format === 'pem' ? out.toString('utf8') : out;
  }
  equals(other) {
    if (!(other instanceof KeyObject) || other.type !== this.type) return false;
    return timingSafeEqualLoose(this.export({ format: 'der', type: this.type === 'public' ? 'spki' : 'pkcs8' }), other.export({ format: 'der', type: other.type === 'public' ? 'spki' : 'pkcs8' }));
  }
  get [Symbol.toStringTag]() { return 'KeyObject'; }
}
function timingSafeEqualLoose(x, y) { return x.length === y.length && timingSafeEqual(x, y); }
class SecretKeyObject extends KeyObject {}
class PublicKeyObject extends KeyObject {}
class PrivateKeyObject extends KeyObject {}

function keyInput(key) {
  if (key instanceof KeyObject) return { key };
  if (typeof key === 'string' || ArrayBuffer.isView(key) || key instanceof ArrayBuffer) return { data: bytes(key), format: 'pem' };
  if (key && typeof key === 'object') {
    if (key.key instanceof KeyObject) return { key: key.key, opts: key };
    if (key.format === 'jwk') {
      if (key.key === null || typeof key.key !== 'object') throw invalidArg('key.key', 'of type object', key.key);
      return { jwk: key.key, opts: key };
    }
    return { data: bytes(key.key, key.encoding, 'key'), format: key.format || 'pem', type: key.type, opts: key };
  }
  throw invalidArg('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
}
function createSecretKey(key, encoding) { return new SecretKeyObject('secret', b.keySecret(toAB(bytes(key, encoding, 'key')))); }
function createPublicKey(key) {
  const k = keyInput(key);
  if (k.key) {
    if (k.key.type === 'secret') throw invalidArg('key', 'a public or private key', k.key);
    return k.key.type === 'public' ? k.key : new PublicKeyObject('public', b.keyPublic(k.key[kKey]));
  }
  if (k.jwk) return new PublicKeyObject('public', wrapGo(() => b.keyFromJWK(k.jwk, false), 'ERR_CRYPTO_INVALID_JWK'));
  return new PublicKeyObject('public', wrapGo(() => b.keyParse(toAB(k.data), false, k.format === 'der' ? k.type || 'spki' : ''), 'ERR_OSSL_UNSUPPORTED'));
}
function createPrivateKey(key) {
  const k = keyInput(key);
  if (k.key) return k.key;
  if (k.jwk) return new PrivateKeyObject('private', wrapGo(() => b.keyFromJWK(k.jwk, true), 'ERR_CRYPTO_INVALID_JWK'));
  return new PrivateKeyObject('private', wrapGo(() => b.keyParse(toAB(k.data), true, k.format === 'der' ? k.type || 'pkcs8' : ''), 'ERR_OSSL_UNSUPPORTED'));
}
function asKey(key, wantPrivate) {
  const k = keyInput(key);
  const obj = k.key || (wantPrivate ? createPrivateKey(key) : (() => {
    try { return createPublicKey(key); } catch (e) { return createPrivateKey(key); }
  })());
  return { obj, opts: k.opts || {} };
}
function generateKeyPairSync(type, options = {}) {
  const [pubH, privH] = wrapGo(() => b.generateKeyPair(type, options.modulusLength || 2048, options.publicExponent || 65537, options.namedCurve || ''));
  let publicKey = new PublicKeyObject('public', pubH);
  let privateKey = new PrivateKeyObject('private', privH);
  if (options.publicKeyEncoding) publicKey = publicKey.export(options.publicKeyEncoding);
  if (options.privateKeyEncoding) privateKey = privateKey.export(options.privateKeyEncoding);
  return { publicKey, privateKey };
}
function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  let r;
  try { r = generateKeyPairSync(type, options); } catch (e) { queueMicrotask(() => callback(e)); return; }
  queueMicrotask(() => callback(null, r.publicKey, r.privateKey));
}
function generateKeySync(type, options) { return createSecretKey(randomBytes(Math.floor(options.length / 8))); }

// --- sign / verify ---
function signWith(algorithm, data, key) {
  const { obj, opts } = asKey(key, true);
  return fromAB(wrapGo(() => b.sign(obj[kKey], algorithm == null ? null : String(algorithm), toAB(data), opts.padding, opts.saltLength, opts.dsaEncoding || 'der'), 'ERR_OSSL_UNSUPPORTED'));
}
function verifyWith(algorithm, data, key, signature) {
  const { obj, opts } = asKey(key, false);
  return wrapGo(() => b.verify(obj[kKey], algorithm == null ? null : String(algorithm), toAB(data), toAB(signature), opts.padding, opts.saltLength, opts.dsaEncoding || 'der'));
}
class Sign extends Writable {
  constructor(algorithm, options) {
    super(options);
    this._alg = algorithm;
    this._chunks = [];
  }
  update(data, encoding) { this._chunks.push(bytes(data, encoding)); return this; }
  _write(chunk, encoding, callback) { this.update(chunk, encoding); callback(); }
  sign(key, outputEncoding) { return encodeOut(signWith(this._alg, Buffer.concat(this._chunks), key), outputEncoding); }
}
class Verify extends Writable {
  constructor(algorithm, options) {
    super(options);
    this._alg = algorithm;
    this._chunks = [];
  }
  update(data, encoding) { this._chunks.push(bytes(data, encoding)); return this; }
  _write(chunk, encoding, callback) { this.update(chunk, encoding); callback(); }
  verify(key, signature, signatureEncoding) { return verifyWith(this._alg, Buffer.concat(this._chunks), key, bytes(signature, signatureEncoding, 'signature')); }
}
const createSign = (algorithm, options) => new Sign(algorithm, options);
const createVerify = (algorithm, options) => new Verify(algorithm, options);
function sign(algorithm, data, key, callback) {
  const out = signWith(algorithm, bytes(data), key);
  if (typeof callback === 'function') { queueMicrotask(() => callback(null, out)); return undefined; }
  return out;
}
function verify(algorithm, data, key, signature, callback) {
  const ok = verifyWith(algorithm, bytes(data), key, bytes(signature, undefined, 'signature'));
  if (typeof callback === 'function') { queueMicrotask(() => callback(null, ok)); return undefined; }
  return ok;
}

// --- RSA encryption and HKDF ---
function rsaCrypt(decrypt, wantPrivate) {
  return (key, buffer) => {
    const { obj, opts } = asKey(key, wantPrivate);
    const padding = opts.padding === undefined ? constants.RSA_PKCS1_OAEP_PADDING : opts.padding;
    if (decrypt && padding === constants.RSA_PKCS1_PADDING) {
      // Node 22 refuses it (the Marvin timing attack), and so do we.
      const e = new TypeError('RSA_PKCS1_PADDING is no longer supported for private decryption');
      e.code = 'ERR_INVALID_ARG_VALUE';
      throw e;
    }
    const label = opts.oaepLabel ? bytes(opts.oaepLabel) : Buffer.alloc(0);
    return fromAB(wrapGo(() => b.rsaCrypt(obj[kKey], decrypt, toAB(bytes(buffer, undefined, 'buffer')), padding, String(opts.oaepHash || 'sha1'), toAB(label)), 'ERR_OSSL_RSA_OAEP_DECODING_ERROR'));
  };
}
const publicEncrypt = rsaCrypt(false, false);
const privateDecrypt = rsaCrypt(true, true);
function hkdfArgs(ikm, salt, info) {
  const key = ikm && ikm[kKey] !== undefined ? ikm.export() : bytes(ikm, undefined, 'ikm');
  return [toAB(key), toAB(bytes(salt, undefined, 'salt')), toAB(bytes(info, undefined, 'info'))];
}
function hkdfSync(digest, ikm, salt, info, keylen) {
  return wrapGo(() => b.hkdf(String(digest), ...hkdfArgs(ikm, salt, info), keylen, undefined), 'ERR_CRYPTO_INVALID_DIGEST');
}
function hkdf(digest, ikm, salt, info, keylen, callback) {
  wrapGo(() => b.hkdf(String(digest), ...hkdfArgs(ikm, salt, info), keylen, (err, ab) => (err ? callback(cryptoError(err)) : callback(null, ab))), 'ERR_CRYPTO_INVALID_DIGEST');
}

// --- webcrypto (the parts dxhost offers: getRandomValues, randomUUID, subtle.digest) ---
function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (array.byteLength > 65536) throw new DOMException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, 'QuotaExceededError');
  return randomFillSync(array);
}
// SubtleCrypto over the same Go primitives: digest, HMAC, RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA, Ed25519,
// AES-GCM/CBC/CTR, RSA-OAEP, PBKDF2 and HKDF, with raw/jwk/spki/pkcs8 keys.
const subtleNames = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const kCryptoKey = Symbol('kCryptoKey');
function notSupported(what) { return new DOMException(`Unrecognized algorithm name: ${what}`, 'NotSupportedError'); }
function algName(a) { return String(typeof a === 'string' ? a : a && a.name); }
function normalizeAlg(a) {
  const name = algName(a);
  const canonical = ['HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'ECDSA', 'ECDH', 'Ed25519', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'PBKDF2', 'HKDF', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']
    .find((n) => n.toUpperCase() === name.toUpperCase());
  if (!canonical) throw notSupported(name);
  return Object.assign({}, typeof a === 'object' ? a : {}, { name: canonical });
}
function hashOf(h) {
  const n = subtleNames[algName(h).toUpperCase()];
  if (!n) throw notSupported(algName(h));
  return n;
}
class CryptoKey {
  constructor() { throw new TypeError('Illegal constructor'); }
  get type() { return this[kCryptoKey].type; }
  get extractable() { return this[kCryptoKey].extractable; }
  get algorithm() { return this[kCryptoKey].algorithm; }
  get usages() { return this[kCryptoKey].usages.slice(); }
  get [Symbol.toStringTag]() { return 'CryptoKey'; }
}
function makeKey(keyObject, algorithm, extractable, usages) {
  const k = Object.create(CryptoKey.prototype);
  Object.defineProperty(k, kCryptoKey, { value: { keyObject, algorithm, extractable: !!extractable, usages: Array.from(usages || []), type: keyObject.type } });
  return k;
}
function keyAlgorithm(alg, ko) {
  const out = { name: alg.name };
  if (alg.hash) out.hash = { name: normalizeAlg(alg.hash).name };
  if (alg.name === 'HMAC') out.length = (alg.length || ko.symmetricKeySize * 8);
  if (alg.name.startsWith('AES')) out.length = ko.symmetricKeySize * 8;
  if (alg.name.startsWith('RSA')) {
    const d = ko.asymmetricKeyDetails;
    out.modulusLength = d.modulusLength;
    out.publicExponent = new Uint8Array([1, 0, 1]);
  }
  if (alg.name === 'ECDSA' || alg.name === 'ECDH') out.namedCurve = alg.namedCurve || { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[ko.asymmetricKeyDetails.namedCurve];
  return out;
}
function checkUsage(key, usage) {
  if (!(key instanceof CryptoKey)) throw new TypeError('The "key" argument must be an instance of CryptoKey');
  if (!key.usages.includes(usage)) throw new DOMException(`Unable to use this key to ${usage}`, 'InvalidAccessError');
}
const ko = (key) => key[kCryptoKey].keyObject;
// The JWK "alg" member webcrypto writes for each algorithm (RFC 7518).
function jwkAlg(algorithm, k) {
  const bits = (algorithm.hash && algorithm.hash.name || '').replace('SHA-', '');
  switch (algorithm.name) {
    case 'HMAC': return bits === '1' ? 'HS1' : `HS${bits}`;
    case 'RSASSA-PKCS1-v1_5': return bits === '1' ? 'RS1' : `RS${bits}`;
    case 'RSA-PSS': return bits === '1' ? 'PS1' : `PS${bits}`;
    case 'RSA-OAEP': return bits === '1' ? 'RSA-OAEP' : `RSA-OAEP-${bits}`;
    case 'AES-GCM': return `A${k.symmetricKeySize * 8}GCM`;
    case 'AES-CBC': return `A${k.symmetricKeySize * 8}CBC`;
    case 'AES-CTR': return `A${k.symmetricKeySize * 8}CTR`;
    case 'AES-KW': return `A${k.symmetricKeySize * 8}KW`;
  }
  return undefined;
}
function ecSize(key) { return { 'P-256': 32, 'P-384': 48, 'P-521': 66 }[key.algorithm.namedCurve]; }

const subtle = {
  async digest(algorithm, data) {
    const d = createHash(hashOf(algorithm)).update(bytes(data)).digest();
    return toAB(d);
  },
  async importKey(format, keyData, algorithm, extractable, usages) {
    const alg = normalizeAlg(algorithm);
    let keyObject;
    if (format === 'raw') {
      if (['HMAC', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'PBKDF2', 'HKDF'].includes(alg.name)) keyObject = createSecretKey(bytes(keyData));
      else throw new DOMException(`Unable to import ${alg.name} key with format raw`, 'NotSupportedError');
    } else if (format === 'jwk') {
      keyObject = keyData.kty === 'oct' ? createSecretKey(Buffer.from(keyData.k, 'base64url'))
        : keyData.d !== undefined ? createPrivateKey({ key: keyData, format: 'jwk' }) : createPublicKey({ key: keyData, format: 'jwk' });
    } else if (format === 'spki') {
      keyObject = createPublicKey({ key: bytes(keyData), format: 'der', type: 'spki' });
    } else if (format === 'pkcs8') {
      keyObject = createPrivateKey({ key: bytes(keyData), format: 'der', type: 'pkcs8' });
    } else {
      throw new DOMException(`Unsupported key format: ${format}`, 'NotSupportedError');
    }
    return makeKey(keyObject, keyAlgorithm(alg, keyObject), extractable, usages);
  },
  async exportKey(format, key) {
    // (Node 22 names this one InvalidAccessException.)
    if (!key.extractable) throw new DOMException('key is not extractable', 'InvalidAccessException');
    const k = ko(key);
    if (format === 'raw' && k.type === 'secret') return toAB(k.export());
    if (format === 'jwk') {
      const jwk = k.export({ format: 'jwk' });
      const alg = jwkAlg(key.algorithm, k);
      return Object.assign({ key_ops: key.usages, ext: true }, jwk, alg ? { alg } : {});
    }
    if (format === 'spki') return toAB(k.export({ format: 'der', type: 'spki' }));
    if (format === 'pkcs8') return toAB(k.export({ format: 'der', type: 'pkcs8' }));
    throw new DOMException(`Unsupported key format: ${format}`, 'NotSupportedError');
  },
  async generateKey(algorithm, extractable, usages) {
    const alg = normalizeAlg(algorithm);
    if (alg.name === 'HMAC') {
      const len = alg.length || { sha1: 512, sha256: 512, sha384: 1024, sha512: 1024 }[hashOf(alg.hash)];
      const k = createSecretKey(randomBytes(len / 8));
      return makeKey(k, { name: 'HMAC', length: len, hash: { name: normalizeAlg(alg.hash).name } }, extractable, usages);
    }
    if (alg.name.startsWith('AES')) {
      const k = createSecretKey(randomBytes(alg.length / 8));
      return makeKey(k, keyAlgorithm(alg, k), extractable, usages);
    }
    let pair;
    if (alg.name.startsWith('RSA')) pair = generateKeyPairSync('rsa', { modulusLength: alg.modulusLength });
    else if (alg.name === 'ECDSA' || alg.name === 'ECDH') pair = generateKeyPairSync('ec', { namedCurve: { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' }[alg.namedCurve] });
    else if (alg.name === 'Ed25519') pair = generateKeyPairSync('ed25519');
    else throw notSupported(alg.name);
    const pubUsages = usages.filter((u) => u === 'verify' || u === 'encrypt' || u === 'wrapKey');
    const privUsages = usages.filter((u) => u === 'sign' || u === 'decrypt' || u === 'unwrapKey' || u === 'deriveBits' || u === 'deriveKey');
    return {
      publicKey: makeKey(pair.publicKey, keyAlgorithm(alg, pair.publicKey), true, pubUsages),
      privateKey: makeKey(pair.privateKey, keyAlgorithm(alg, pair.privateKey), extractable, privUsages),
    };
  },
  async sign(algorithm, key, data) {
    checkUsage(key, 'sign');
    const alg = normalizeAlg(algorithm);
    const d = bytes(data);
    switch (alg.name) {
      case 'HMAC': return toAB(createHmac(hashOf(key.algorithm.hash), ko(key).export()).update(d).digest());
      case 'RSASSA-PKCS1-v1_5': return toAB(sign(hashOf(key.algorithm.hash), d, ko(key)));
      case 'RSA-PSS': return toAB(sign(hashOf(key.algorithm.hash), d, { key: ko(key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength }));
      case 'ECDSA': return toAB(sign(hashOf(alg.hash), d, { key: ko(key), dsaEncoding: 'ieee-p1363' }));
      case 'Ed25519': return toAB(sign(null, d, ko(key)));
    }
    throw notSupported(alg.name);
  },
  async verify(algorithm, key, signature, data) {
    checkUsage(key, 'verify');
    const alg = normalizeAlg(algorithm);
    const d = bytes(data);
    const sig = bytes(signature);
    switch (alg.name) {
      case 'HMAC': {
        const mac = createHmac(hashOf(key.algorithm.hash), ko(key).export()).update(d).digest();
        return mac.length === sig.length && timingSafeEqual(mac, sig);
      }
      case 'RSASSA-PKCS1-v1_5': return verify(hashOf(key.algorithm.hash), d, ko(key), sig);
      case 'RSA-PSS': return verify(hashOf(key.algorithm.hash), d, { key: ko(key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength }, sig);
      case 'ECDSA': return sig.length === 2 * ecSize(key) && verify(hashOf(alg.hash), d, { key: ko(key), dsaEncoding: 'ieee-p1363' }, sig);
      case 'Ed25519': return verify(null, d, ko(key), sig);
    }
    throw notSupported(alg.name);
  },
  async encrypt(algorithm, key, data) {
    checkUsage(key, 'encrypt');
    return aesOrRsa(normalizeAlg(algorithm), key, bytes(data), false);
  },
  async decrypt(algorithm, key, data) {
    checkUsage(key, 'decrypt');
    return aesOrRsa(normalizeAlg(algorithm), key, bytes(data), true);
  },
  async deriveBits(algorithm, baseKey, length) {
    checkUsage(baseKey, 'deriveBits');
    const alg = normalizeAlg(algorithm);
    const bytesLen = length / 8;
    if (alg.name === 'PBKDF2') return toAB(pbkdf2Sync(ko(baseKey).export(), bytes(alg.salt), alg.iterations, bytesLen, hashOf(alg.hash)));
    if (alg.name === 'HKDF') return hkdfSync(hashOf(alg.hash), ko(baseKey).export(), bytes(alg.salt), bytes(alg.info), bytesLen);
    throw notSupported(alg.name);
  },
  async deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, usages) {
    const dk = normalizeAlg(derivedKeyAlgorithm);
    const length = dk.length || (dk.name === 'HMAC' ? { sha1: 512, sha256: 512, sha384: 1024, sha512: 1024 }[hashOf(dk.hash)] : 256);
    const bits = await subtle.deriveBits(algorithm, Object.assign(Object.create(CryptoKey.prototype), { [kCryptoKey]: Object.assign({}, baseKey[kCryptoKey], { usages: ['deriveBits'] }) }), length);
    return subtle.importKey('raw', bits, dk, extractable, usages);
  },
};
function aesOrRsa(alg, key, data, decrypt) {
  if (alg.name === 'RSA-OAEP') {
    const opts = { key: ko(key), oaepHash: hashOf(key.algorithm.hash), oaepLabel: alg.label ? bytes(alg.label) : undefined };
    return toAB(decrypt ? privateDecrypt(opts, data) : publicEncrypt(opts, data));
  }
  const raw = ko(key).export();
  const size = raw.length * 8;
  if (alg.name === 'AES-GCM') {
    const tagLength = (alg.tagLength || 128) / 8;
    const c = (decrypt ? createDecipheriv : createCipheriv)(`aes-${size}-gcm`, raw, bytes(alg.iv), { authTagLength: tagLength });
    if (alg.additionalData) c.setAAD(bytes(alg.additionalData));
    if (decrypt) {
      c.setAuthTag(data.subarray(data.length - tagLength));
      try {
        return toAB(Buffer.concat([c.update(data.subarray(0, data.length - tagLength)), c.final()]));
      } catch (e) {
        throw new DOMException('The operation failed for an operation-specific reason', 'OperationError');
      }
    }
    return toAB(Buffer.concat([c.update(data), c.final(), c.getAuthTag()]));
  }
  if (alg.name === 'AES-CBC' || alg.name === 'AES-CTR') {
    const mode = alg.name === 'AES-CBC' ? 'cbc' : 'ctr';
    const c = (decrypt ? createDecipheriv : createCipheriv)(`aes-${size}-${mode}`, raw, bytes(alg.iv || alg.counter));
    try {
      return toAB(Buffer.concat([c.update(data), c.final()]));
    } catch (e) {
      throw new DOMException('The operation failed for an operation-specific reason', 'OperationError');
    }
  }
  throw notSupported(alg.name);
}
const webcrypto = {
  getRandomValues,
  randomUUID,
  subtle,
  CryptoKey,
  get [Symbol.toStringTag]() { return 'Crypto'; },
};

const constants = {
  RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
  POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
};

module.exports = {
  createHash, createHmac, hash, Hash, Hmac,
  randomBytes, randomFillSync, randomFill, randomUUID, randomInt, pseudoRandomBytes: randomBytes, getRandomValues,
  timingSafeEqual,
  pbkdf2, pbkdf2Sync, scrypt, scryptSync,
  createCipheriv, createDecipheriv, Cipheriv, Decipheriv,
  KeyObject, createSecretKey, createPublicKey, createPrivateKey, generateKeyPairSync, generateKeyPair, generateKeySync,
  createSign, createVerify, sign, verify, Sign, Verify, publicEncrypt, privateDecrypt, hkdf, hkdfSync,
  getHashes: () => b.hashNames(),
  getCiphers: () => ['aes-128-cbc', 'aes-128-ctr', 'aes-128-ecb', 'aes-128-gcm', 'aes-192-cbc', 'aes-192-ctr', 'aes-192-ecb', 'aes-192-gcm', 'aes-256-cbc', 'aes-256-ctr', 'aes-256-ecb', 'aes-256-gcm'],
  getCurves: () => ['prime256v1', 'secp224r1', 'secp384r1', 'secp521r1'],
  getFips: () => 0,
  constants,
  webcrypto,
  subtle,
  CryptoKey,
};
