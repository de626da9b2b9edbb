// Buffer conformance: encodings, views, numeric reads/writes, comparisons.
const { Buffer } = require('buffer');
const hex = (b) => b.toString('hex');
module.exports = {
  encodings: () => ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le', 'binary', 'ucs2']
    .map((e) => `${e}=${Buffer.from('héllo wörld ✓ 𝄞', 'utf8').toString(e)}`).join('\n'),
  decode: () => [
    Buffer.from('aGVsbG8gd29ybGQ=', 'base64'), Buffer.from('aGVsbG8_-w', 'base64url'), Buffer.from('68656c6c6f', 'hex'),
    Buffer.from('héllo', 'latin1'), Buffer.from('hi', 'utf16le'), Buffer.from([256, -1, 3.7, '9']),
  ].map(hex).join(','),
  byteLength: () => [Buffer.byteLength('héllo'), Buffer.byteLength('aGVsbG8=', 'base64'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('𝄞', 'utf16le')].join(','),
  inspect: () => require('util').inspect(Buffer.from('hello world, this is a long buffer of more than fifty bytes in length')),
  concatSlice: () => {
    const b = Buffer.concat([Buffer.from('abc'), Buffer.from('def')], 5);
    const s = b.subarray(1, 4);
    s[0] = 0x7a;
    return [b.toString(), s.toString(), b.slice(-2).toString(), Buffer.isBuffer(s), s instanceof Uint8Array].join(',');
  },
  numbers: () => {
    const b = Buffer.alloc(16);
    b.writeUInt32BE(0xdeadbeef, 0);
    b.writeInt16LE(-2, 4);
    b.writeDoubleLE(Math.PI, 6);
    b.writeUInt8(255, 14);
    return [hex(b), b.readUInt32LE(0), b.readInt16LE(4), b.readDoubleLE(6), b.readIntBE(0, 3), b.readBigUInt64BE(0)].join(',');
  },
  compare: () => [Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('abc').equals(Buffer.from('abc')),
    Buffer.from('hello world').indexOf('o'), Buffer.from('hello world').lastIndexOf('o'), Buffer.from('hello').includes('ell'),
    Buffer.from('abc').compare(Buffer.from('abd'))].join(','),
  fillCopy: () => {
    const a = Buffer.alloc(6, 'ab');
    const b = Buffer.alloc(4);
    a.copy(b, 1, 2, 5);
    return [a.toString(), hex(b), Buffer.alloc(3, 0x41).toString(), hex(Buffer.from('abcd').swap16())].join(',');
  },
  json: () => JSON.stringify(Buffer.from('hi')) + ' ' + JSON.stringify(Buffer.from(JSON.parse(JSON.stringify(Buffer.from('hi')))).toString()),
  isEncoding: () => ['utf8', 'UTF-8', 'hex', 'base64url', 'nope'].map((e) => Buffer.isEncoding(e)).join(','),
  edgeCodecs: () => {
    const b = Buffer.alloc(4);
    const partial = b.write('a€', 0, 3);
    const hexStop = Buffer.from('12zz34', 'hex').toString('hex');
    const b64 = Buffer.from(' aGVs\nbG8=garbage', 'base64').toString();
    const lone = Buffer.from('a\ud800b').toString('hex');
    const invalid = JSON.stringify(Buffer.from([0x61, 0xe2, 0x82, 0x62, 0xc0, 0xff, 0xf0, 0x9f, 0x98]).toString());
    const big = Buffer.alloc(100000, 'xyz').toString('base64').length;
    const filled = Buffer.alloc(7).fill('ab', 1, 6).toString('hex');
    const latin = Buffer.from('ÿ€', 'latin1').toString('hex');
    const odd = Buffer.from([0x61, 0x00, 0x62]).toString('utf16le');
    return [partial, b.toString('hex'), hexStop, b64, lone, invalid, big, filled, latin, JSON.stringify(odd), Buffer.byteLength('€𝄞'), Buffer.from('aGk', 'base64').toString()].join(' | ');
  },
  errors: () => {
    try { Buffer.alloc(-1); } catch (e) { return e.name + ':' + e.code; }
    return 'no error';
  },
};
