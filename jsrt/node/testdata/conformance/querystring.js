// querystring conformance.
const qs = require('querystring');
module.exports = {
  parse: () => JSON.stringify(qs.parse('a=1&b=2&a=3&c=%20x+y&d&e=')),
  stringify: () => [qs.stringify({ a: [1, 2], b: 'x y', c: '', d: 'é&=' }), qs.stringify({ a: 1, b: 2 }, ';', ':')].join(' '),
  escape: () => [qs.escape('a b&c/é'), qs.unescape('a%20b%2Fc+d'), qs.unescape('%E0%A4%A')].join(' '),
  custom: () => JSON.stringify(qs.parse('a:1;b:2', ';', ':')) + JSON.stringify(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })),
};
