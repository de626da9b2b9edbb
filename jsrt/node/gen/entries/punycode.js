'use strict';
// Node's (deprecated) punycode module: the npm punycode package it was copied from.
module.exports = require('../node_modules/punycode/punycode.js');
