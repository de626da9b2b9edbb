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

// Node's bridges between its streams and WHATWG streams (stream/web).
Stream.Readable.fromWeb = function fromWeb(readableStream, options) {
  const reader = readableStream.getReader();
  return new Stream.Readable(Object.assign({}, options, {
    read() {
      reader.read().then(({ value, done }) => this.push(done ? null : value), (err) => this.destroy(err));
    },
    destroy(err, cb) { reader.cancel(err).then(() => cb(err), cb); },
  }));
};
Stream.Readable.toWeb = function toWeb(readable) {
  const { ReadableStream } = require('stream/web');
  return new ReadableStream({
    start(controller) {
      readable.on('data', (chunk) => { controller.enqueue(typeof chunk === 'string' ? Buffer.from(chunk) : chunk); if (controller.desiredSize <= 0) readable.pause(); });
      readable.on('end', () => controller.close());
      readable.on('error', (err) => controller.error(err));
    },
    pull() { readable.resume(); },
    cancel(reason) { readable.destroy(reason); },
  });
};
Stream.Writable.fromWeb = function fromWeb(writableStream, options) {
  const writer = writableStream.getWriter();
  return new Stream.Writable(Object.assign({}, options, {
    write(chunk, enc, cb) { writer.write(chunk).then(() => cb(), cb); },
    final(cb) { writer.close().then(() => cb(), cb); },
  }));
};
Stream.Writable.toWeb = function toWeb(writable) {
  const { WritableStream } = require('stream/web');
  return new WritableStream({
    write(chunk) { return new Promise((resolve, reject) => writable.write(chunk, (err) => (err ? reject(err) : resolve()))); },
    close() { return new Promise((resolve) => writable.end(resolve)); },
    abort(reason) { writable.destroy(reason); },
  });
};
