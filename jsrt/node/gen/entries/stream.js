'use strict';
// Node's stream module: readable-stream v4, the port of Node 18's streams. require('stream') is the
// legacy Stream constructor carrying the classes, exactly as in Node.
const Stream = require('../node_modules/readable-stream/lib/stream.js');
Stream.Stream = Stream;
module.exports = Stream;
