'use strict';
// Node's string_decoder module: the npm port of Node's StringDecoder.
module.exports = require('../node_modules/string_decoder/lib/string_decoder.js');
