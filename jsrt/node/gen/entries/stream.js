'use strict';
// Node's stream module: readable-stream v4, the port of Node 18's streams. require('stream') is the
// legacy Stream constructor carrying the classes, exactly as in Node.
const Stream = require('../node_modules/readable-stream/lib/stream.js');
Stream.Stream = Stream;
module.exports = Stream;

// stream/consumers: read a whole stream (Node or async iterable) into one value.
async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
const { Buffer } = require('buffer');
Stream.consumers = {
  buffer: (stream) => collect(stream),
  arrayBuffer: async (stream) => { const b = await collect(stream); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); },
  text: async (stream) => (await collect(stream)).toString('utf8'),
  json: async (stream) => JSON.parse((await collect(stream)).toString('utf8')),
  blob: async (stream) => new (require('buffer').Blob)([await collect(stream)]),
};
