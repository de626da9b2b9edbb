'use strict';
// Node's querystring module: querystring-es3 (the port of Node's legacy querystring) plus escape/unescape.
const qs = require('../node_modules/querystring-es3/index.js');

function unescape(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return unescapeBuffer(s);
  }
}
// Like Node: malformed %XX sequences stay as they are and the rest is decoded byte by byte.
function unescapeBuffer(s) {
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length + 0 && /^[0-9a-fA-F]{2}$/.test(s.substr(i + 1, 2))) {
      bytes.push(parseInt(s.substr(i + 1, 2), 16));
      i += 2;
    } else {
      const enc = new TextEncoder().encode(s[i]);
      for (const b of enc) bytes.push(b);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

qs.escape = (s) => encodeURIComponent(s);
qs.unescape = unescape;
qs.unescapeBuffer = (s) => require('buffer').Buffer.from(unescapeBuffer(s));
module.exports = qs;
