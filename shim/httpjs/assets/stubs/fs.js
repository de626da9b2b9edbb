// mime.load(file) reads custom type files; dxhost offers no file loading there.
module.exports = {};
