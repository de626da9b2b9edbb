// string_decoder conformance: multi-byte characters split across writes.
const { StringDecoder } = require('string_decoder');
module.exports = {
  utf8Split: () => {
    const d = new StringDecoder('utf8');
    const euro = Buffer.from('€𝄞');
    const parts = [d.write(euro.subarray(0, 1)), d.write(euro.subarray(1, 4)), d.write(euro.subarray(4, 6)), d.end(euro.subarray(6))];
    return JSON.stringify(parts);
  },
  incompleteEnd: () => {
    const d = new StringDecoder('utf8');
    return JSON.stringify([d.write(Buffer.from([0xe2, 0x82])), d.end()]);
  },
  base64: () => {
    const d = new StringDecoder('base64');
    return JSON.stringify([d.write(Buffer.from('ab')), d.write(Buffer.from('cd')), d.end()]);
  },
  utf16: () => {
    const d = new StringDecoder('utf16le');
    const b = Buffer.from('h€', 'utf16le');
    return JSON.stringify([d.write(b.subarray(0, 3)), d.end(b.subarray(3))]);
  },
  hex: () => new StringDecoder('hex').write(Buffer.from('hi')),
};
