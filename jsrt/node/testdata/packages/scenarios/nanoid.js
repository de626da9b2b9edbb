// nanoid (ESM, bundled): ids from crypto random bytes.
const { nanoid, customAlphabet } = require('nanoid');
module.exports = {
  ids: () => {
    const a = nanoid();
    const b = nanoid(10);
    const hex = customAlphabet('0123456789abcdef', 16)();
    return [a.length, /^[A-Za-z0-9_-]+$/.test(a), b.length, /^[0-9a-f]{16}$/.test(hex), a !== nanoid()].join(',');
  },
};
