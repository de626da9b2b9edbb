'use strict';
// Node's path module (POSIX): path-browserify, the port of Node's posix path.
const path = require('../node_modules/path-browserify/index.js');
// The port resolves relative paths against process.cwd(), which is ours.
path.posix = path;
path.toNamespacedPath = (p) => p;
module.exports = path;
