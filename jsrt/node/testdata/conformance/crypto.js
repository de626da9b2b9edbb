// crypto conformance: digests in every encoding, HMAC, pbkdf2, scrypt, AES modes with fixed keys,
// deterministic signatures (RSA PKCS#1 v1.5, Ed25519) and verification of Node-made ECDSA signatures.
// Keys were generated once by Node (keys.json, test material only).
const crypto = require('crypto');
const keys = require('./keys.json');
const key32 = Buffer.alloc(32, 7);
const iv16 = Buffer.alloc(16, 9);
module.exports = {
  hashes: () => ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256', 'sha3-256', 'ripemd160', 'RSA-SHA256', 'SHA256']
    .map((a) => `${a}=${crypto.createHash(a).update('héllo').update(Buffer.from([0, 1, 2])).digest('hex')}`).join('\n'),
  encodings: () => ['hex', 'base64', 'base64url', 'latin1', undefined].map((e) => {
    const d = crypto.createHash('sha256').update('x').digest(e);
    return Buffer.isBuffer(d) ? 'buffer:' + d.toString('hex') : d.length + ':' + Buffer.from(d, e === 'latin1' ? 'latin1' : e).toString('hex');
  }).join(','),
  hashCopy: () => {
    const h = crypto.createHash('sha256').update('a');
    const c = h.copy();
    return h.update('b').digest('hex') + ' ' + c.digest('hex');
  },
  hmac: () => [crypto.createHmac('sha256', 'secret').update('msg').digest('hex'), crypto.createHmac('sha512', Buffer.from('k')).update('m').digest('base64'),
    crypto.createHmac('sha1', crypto.createSecretKey(Buffer.from('key'))).update('data').digest('base64url'), crypto.createHmac('md5', '').update('').digest('hex')].join(','),
  hashErrors: () => { try { crypto.createHash('nope'); } catch (e) { return e.message; } },
  pbkdf2: () => crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex') + ' ' + crypto.pbkdf2Sync('p', Buffer.from('s'), 1, 20, 'sha1').toString('hex'),
  pbkdf2Async: () => new Promise((resolve, reject) => crypto.pbkdf2('pw', 'salt', 10, 16, 'sha512', (err, k) => (err ? reject(err) : resolve(k.toString('hex'))))),
  scrypt: () => crypto.scryptSync('password', 'salt', 32).toString('hex') + ' ' + crypto.scryptSync('pw', 'NaCl', 16, { N: 1024, r: 8, p: 2 }).toString('hex'),
  scryptAsync: () => new Promise((resolve, reject) => crypto.scrypt('pw', 'salt', 16, (err, k) => (err ? reject(err) : resolve(k.toString('base64'))))),
  aesCbc: () => {
    const c = crypto.createCipheriv('aes-256-cbc', key32, iv16);
    const enc = Buffer.concat([c.update('the quick brown fox jumps over', 'utf8'), c.final()]);
    const d = crypto.createDecipheriv('aes-256-cbc', key32, iv16);
    return enc.toString('hex') + ' ' + d.update(enc, undefined, 'utf8') + d.final('utf8');
  },
  aesCbcNoPad: () => {
    const c = crypto.createCipheriv('aes-128-cbc', Buffer.alloc(16, 1), iv16).setAutoPadding(false);
    return c.update(Buffer.alloc(32, 2)).toString('hex') + c.final('hex');
  },
  aesCtr: () => {
    const c = crypto.createCipheriv('aes-192-ctr', Buffer.alloc(24, 3), iv16);
    return c.update('stream cipher text', 'utf8', 'base64') + c.final('base64');
  },
  aesGcm: () => {
    const iv = Buffer.alloc(12, 5);
    const c = crypto.createCipheriv('aes-256-gcm', key32, iv);
    c.setAAD(Buffer.from('aad'));
    const enc = Buffer.concat([c.update('secret message'), c.final()]);
    const tag = c.getAuthTag();
    const d = crypto.createDecipheriv('aes-256-gcm', key32, iv);
    d.setAAD(Buffer.from('aad'));
    d.setAuthTag(tag);
    const plain = Buffer.concat([d.update(enc), d.final()]).toString();
    const bad = crypto.createDecipheriv('aes-256-gcm', key32, iv);
    bad.setAuthTag(Buffer.alloc(16));
    bad.update(enc);
    let err;
    try { bad.final(); } catch (e) { err = e.message; }
    return [enc.toString('hex'), tag.toString('hex'), plain, err].join(' ');
  },
  badDecrypt: () => {
    const d = crypto.createDecipheriv('aes-256-cbc', key32, iv16);
    d.update(Buffer.alloc(16, 1));
    try { d.final(); } catch (e) { return e.message.includes('bad decrypt'); }
    return 'no error';
  },
  rsaSign: () => {
    const s1 = crypto.createSign('RSA-SHA256').update('hello').sign(keys.rsaPrivate, 'base64');
    const s2 = crypto.sign('sha512', Buffer.from('hello'), keys.rsaPrivatePkcs1).toString('base64');
    const ok = crypto.createVerify('RSA-SHA256').update('hello').verify(keys.rsaPublic, s1, 'base64');
    const bad = crypto.verify('sha256', Buffer.from('hellO'), keys.rsaPublic, Buffer.from(s1, 'base64'));
    const pss = crypto.sign('sha256', Buffer.from('x'), { key: keys.rsaPrivate, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    const pssOk = crypto.verify('sha256', Buffer.from('x'), { key: keys.rsaPublic, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, pss);
    return [s1, s2, ok, bad, pss.length, pssOk].join(' ');
  },
  ecVerify: () => {
    const nodeSig = Buffer.from(keys.ecSignatureOfHello, 'base64');
    const own = crypto.sign('sha256', Buffer.from('hello'), { key: keys.ecPrivate, dsaEncoding: 'ieee-p1363' });
    return [crypto.verify('sha256', Buffer.from('hello'), keys.ecPublic, nodeSig), crypto.verify('sha256', Buffer.from('hellx'), keys.ecPublic, nodeSig),
      own.length, crypto.verify('sha256', Buffer.from('hello'), { key: keys.ecPublic, dsaEncoding: 'ieee-p1363' }, own),
      crypto.createVerify('SHA256').update('hello').verify(crypto.createPublicKey(keys.ecPrivate), nodeSig)].join(',');
  },
  ed25519: () => [crypto.sign(null, Buffer.from('hello'), keys.edPrivate).toString('base64') === keys.edSignatureOfHello,
    crypto.verify(null, Buffer.from('hello'), keys.edPublic, Buffer.from(keys.edSignatureOfHello, 'base64'))].join(','),
  keyObjects: () => {
    const pub = crypto.createPublicKey(keys.rsaPublic);
    const priv = crypto.createPrivateKey(keys.rsaPrivate);
    const ec = crypto.createPublicKey(keys.ecPublic);
    const sec = crypto.createSecretKey(Buffer.from('abc'));
    const derived = crypto.createPublicKey(priv);
    return [pub.type, pub.asymmetricKeyType, pub.asymmetricKeyDetails.modulusLength, pub.asymmetricKeyDetails.publicExponent, priv.type,
      ec.asymmetricKeyType, ec.asymmetricKeyDetails.namedCurve, sec.type, sec.symmetricKeySize, sec.export().toString(),
      derived.export({ type: 'spki', format: 'pem' }) === keys.rsaPublic, priv.export({ type: 'pkcs1', format: 'pem' }) === keys.rsaPrivatePkcs1,
      pub.equals(derived), crypto.createPublicKey(keys.edPublic).asymmetricKeyType, pub instanceof crypto.KeyObject].join(',');
  },
  jwk: () => {
    const out = [];
    for (const [pub, priv] of [[keys.rsaPublic, keys.rsaPrivate], [keys.ecPublic, keys.ecPrivate], [keys.edPublic, keys.edPrivate]]) {
      const pj = crypto.createPublicKey(pub).export({ format: 'jwk' });
      const sj = crypto.createPrivateKey(priv).export({ format: 'jwk' });
      out.push(Object.keys(pj).join('+'), Object.keys(sj).join('+'));
      out.push(crypto.createPublicKey({ key: pj, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) === pub);
      out.push(crypto.createPrivateKey({ key: sj, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }) === priv);
    }
    out.push(JSON.stringify(crypto.createSecretKey(Buffer.from('hi')).export({ format: 'jwk' })));
    const sig = crypto.sign('sha256', Buffer.from('jwk'), { key: crypto.createPrivateKey(keys.rsaPrivate).export({ format: 'jwk' }), format: 'jwk' }).toString('base64').slice(0, 16);
    out.push(sig);
    return out.join(' ');
  },
  rsaEncryption: () => {
    const secret = Buffer.from('top secret');
    const oaep = crypto.publicEncrypt(keys.rsaPublic, secret);
    const pkcs1 = crypto.publicEncrypt({ key: keys.rsaPublic, padding: crypto.constants.RSA_PKCS1_PADDING }, secret);
    const sha256 = crypto.publicEncrypt({ key: keys.rsaPublic, oaepHash: 'sha256' }, secret);
    let refused;
    try { crypto.privateDecrypt({ key: keys.rsaPrivate, padding: crypto.constants.RSA_PKCS1_PADDING }, pkcs1); } catch (e) { refused = e.code; }
    return [oaep.length, pkcs1.length, crypto.privateDecrypt(keys.rsaPrivate, oaep).toString(), refused,
      crypto.privateDecrypt({ key: keys.rsaPrivate, oaepHash: 'sha256' }, sha256).toString()].join(',');
  },
  hkdf: () => new Promise((resolve, reject) => {
    const sync = Buffer.from(crypto.hkdfSync('sha256', 'key', 'salt', 'info', 42)).toString('hex');
    crypto.hkdf('sha512', Buffer.from('k'), Buffer.alloc(0), 'i', 16, (err, ab) => (err ? reject(err) : resolve([sync, Buffer.from(ab).toString('hex'), ab instanceof ArrayBuffer].join(' '))));
  }),
  random: () => {
    const a = crypto.randomBytes(16);
    const u = crypto.randomUUID();
    const n = crypto.randomInt(10, 20);
    const arr = crypto.getRandomValues(new Uint32Array(4));
    return [a.length, Buffer.isBuffer(a), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u), n >= 10 && n < 20,
      arr.length, typeof globalThis.crypto.randomUUID, globalThis.crypto.getRandomValues(new Uint8Array(2)).length].join(',');
  },
  timingSafeEqual: () => {
    let err;
    try { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); } catch (e) { err = e.code; }
    return [crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), err].join(',');
  },
  subtleDigest: async () => Buffer.from(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode('hi'))).toString('hex'),
  hashStream: () => new Promise((resolve) => {
    const h = crypto.createHash('sha1');
    h.on('readable', () => { const d = h.read(); if (d) resolve(d.toString('hex')); });
    h.write('streamed ');
    h.end('data');
  }),
};
