// crypto.subtle (webcrypto) with fixed keys: deterministic answers compared with Node 22.
const keys = require('./keys.json');
const { subtle } = globalThis.crypto;
const hex = (ab) => Buffer.from(ab).toString('hex');
const enc = (s) => new TextEncoder().encode(s);
const pemBody = (pem) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

module.exports = {
  hmac: async () => {
    const key = await subtle.importKey('raw', enc('secret'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
    const sig = await subtle.sign('HMAC', key, enc('message'));
    const jwk = await subtle.exportKey('jwk', key);
    return [hex(sig), await subtle.verify('HMAC', key, sig, enc('message')), await subtle.verify('HMAC', key, sig, enc('other')), JSON.stringify(key.algorithm), key.type, key.extractable, key.usages.join('+'), JSON.stringify(jwk)].join(' | ');
  },
  aesGcm: async () => {
    const key = await subtle.importKey('raw', new Uint8Array(32).fill(7), 'AES-GCM', false, ['encrypt', 'decrypt']);
    const iv = new Uint8Array(12).fill(1);
    const ct = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc('aad') }, key, enc('hello gcm'));
    const pt = await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: enc('aad') }, key, ct);
    let failed;
    try { await subtle.decrypt({ name: 'AES-GCM', iv }, key, ct); } catch (e) { failed = e.name; }
    return [hex(ct), Buffer.from(pt).toString(), failed].join(' | ');
  },
  aesCbc: async () => {
    const key = await subtle.importKey('raw', new Uint8Array(16).fill(3), { name: 'AES-CBC' }, true, ['encrypt', 'decrypt']);
    const iv = new Uint8Array(16).fill(2);
    const ct = await subtle.encrypt({ name: 'AES-CBC', iv }, key, enc('sixteen bytes!!! and more'));
    return [hex(ct), Buffer.from(await subtle.decrypt({ name: 'AES-CBC', iv }, key, ct)).toString(), hex(await subtle.exportKey('raw', key))].join(' | ');
  },
  rsa: async () => {
    const priv = await subtle.importKey('pkcs8', pemBody(keys.rsaPrivate), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const pub = await subtle.importKey('spki', pemBody(keys.rsaPublic), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
    const sig = await subtle.sign('RSASSA-PKCS1-v1_5', priv, enc('rsa data'));
    const jwk = await subtle.exportKey('jwk', pub);
    const fromJwk = await subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    return [hex(sig).slice(0, 32), await subtle.verify('RSASSA-PKCS1-v1_5', pub, sig, enc('rsa data')), await subtle.verify('RSASSA-PKCS1-v1_5', fromJwk, sig, enc('rsa data')), pub.algorithm.modulusLength, jwk.kty, jwk.alg].join(' | ');
  },
  ecdsa: async () => {
    const priv = await subtle.importKey('pkcs8', pemBody(keys.ecPrivate), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const pub = await subtle.importKey('spki', pemBody(keys.ecPublic), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, priv, enc('ec data'));
    return [sig.byteLength, await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, enc('ec data')), await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, enc('ec datx')), pub.algorithm.namedCurve].join(' | ');
  },
  derive: async () => {
    const base = await subtle.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
    const bits = await subtle.deriveBits({ name: 'PBKDF2', salt: enc('salt'), iterations: 1000, hash: 'SHA-256' }, base, 256);
    const aes = await subtle.deriveKey({ name: 'PBKDF2', salt: enc('salt'), iterations: 1000, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    const h = await subtle.importKey('raw', enc('ikm'), 'HKDF', false, ['deriveBits']);
    const hk = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: enc('s'), info: enc('i') }, h, 128);
    return [hex(bits), hex(await subtle.exportKey('raw', aes)), hex(hk), JSON.stringify(aes.algorithm)].join(' | ');
  },
  generate: async () => {
    const hmac = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
    const ec = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
    return [JSON.stringify(hmac.algorithm), ec.publicKey.type, ec.privateKey.type, ec.publicKey.usages.join('+'), ec.privateKey.usages.join('+'), typeof CryptoKey, ec.publicKey instanceof CryptoKey].join(' | ');
  },
  errors: async () => {
    const out = [];
    try { await subtle.digest('MD5', enc('x')); } catch (e) { out.push(e.name); }
    const key = await subtle.importKey('raw', enc('k'), { name: 'HMAC', hash: 'SHA-1' }, false, ['verify']);
    try { await subtle.sign('HMAC', key, enc('x')); } catch (e) { out.push(e.name); }
    try { await subtle.exportKey('raw', key); } catch (e) { out.push(e.name); }
    return out.join(',');
  },
};
