// jsonwebtoken: HS256 and RS256 sign/verify with fixed timestamps (deterministic tokens).
const jwt = require('jsonwebtoken');
const keys = require('../../conformance/keys.json');
const payload = { sub: 'user-1', role: 'admin', iat: 1700000000 };

module.exports = {
  hs256: () => {
    const token = jwt.sign(payload, 'secret', { algorithm: 'HS256', expiresIn: '1h', issuer: 'directus' });
    const decoded = jwt.verify(token, 'secret', { issuer: 'directus', clockTimestamp: 1700000100 });
    return [token, JSON.stringify(decoded)].join(' ');
  },
  rs256: () => {
    const token = jwt.sign(payload, keys.rsaPrivate, { algorithm: 'RS256', keyid: 'k1' });
    const decoded = jwt.verify(token, keys.rsaPublic, { algorithms: ['RS256'] });
    return [token, JSON.stringify(decoded), JSON.stringify(jwt.decode(token, { complete: true }).header)].join(' ');
  },
  es256: () => {
    const token = jwt.sign(payload, keys.ecPrivate, { algorithm: 'ES256' });
    const decoded = jwt.verify(token, keys.ecPublic);
    return [token.split('.').length, token.split('.')[2].length, JSON.stringify(decoded)].join(' ');
  },
  errors: () => {
    const out = [];
    const tryIt = (fn) => { try { fn(); out.push('ok'); } catch (e) { out.push(`${e.name}: ${e.message}`); } };
    const expired = jwt.sign({ sub: 'x', iat: 1000, exp: 2000 }, 'secret');
    tryIt(() => jwt.verify(expired, 'secret', { clockTimestamp: 3000 }));
    tryIt(() => jwt.verify(jwt.sign(payload, 'secret'), 'wrong'));
    tryIt(() => jwt.verify('not.a.token', 'secret'));
    tryIt(() => jwt.verify(jwt.sign(payload, 'secret'), 'secret', { algorithms: ['RS256'] }));
    tryIt(() => jwt.verify(jwt.sign(payload, 'secret', { audience: 'a' }), 'secret', { audience: 'b' }));
    tryIt(() => jwt.sign(payload, keys.rsaPublic, { algorithm: 'RS256' }));
    return out.join('\n');
  },
  asyncCallback: () => new Promise((resolve, reject) => {
    jwt.sign(payload, 'secret', { algorithm: 'HS512' }, (err, token) => {
      if (err) return reject(err);
      jwt.verify(token, 'secret', (err2, decoded) => (err2 ? reject(err2) : resolve(token + ' ' + decoded.sub)));
    });
  }),
};
