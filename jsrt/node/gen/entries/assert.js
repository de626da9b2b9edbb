'use strict';
// Node's assert module: the npm "assert" port of Node's assert (with assert.strict).
module.exports = require('../node_modules/assert/build/assert.js');
