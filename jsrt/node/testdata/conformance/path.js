// path conformance (POSIX).
const path = require('path');
module.exports = {
  join: () => [path.join('/a', 'b', '../c', './d'), path.join('a', '', 'b/'), path.join(), path.join('..', 'x')].join(' '),
  resolveAbs: () => [path.resolve('/a/b', '../c'), path.resolve('/a', '/b', 'c'), path.resolve('/x/', './y/')].join(' '),
  normalize: () => [path.normalize('/a//b/../c/.'), path.normalize('a/../../b'), path.normalize(''), path.normalize('./')].join(' '),
  parts: () => [path.basename('/a/b/c.txt'), path.basename('/a/b/c.txt', '.txt'), path.dirname('/a/b/c'), path.dirname('a'), path.extname('x.tar.gz'), path.extname('.bashrc'), path.extname('a.')].join(' '),
  relative: () => [path.relative('/a/b/c', '/a/d'), path.relative('/a', '/a'), path.relative('/a/b', '/a/b/c/d')].join(' '),
  parseFormat: () => JSON.stringify(path.parse('/home/u/file.txt')) + ' ' + path.format({ dir: '/x', name: 'f', ext: '.js' }) + ' ' + JSON.stringify(path.parse('rel')),
  misc: () => [path.sep, path.delimiter, path.isAbsolute('/a'), path.isAbsolute('a'), path.posix === path, typeof path.posix.join].join(' '),
};
