'use strict';
// WHATWG streams for Node 22's globals and stream/web: web-streams-polyfill (the spec's streams as a
// library), plus TextEncoderStream/TextDecoderStream and Readable.fromWeb/toWeb style helpers.
const ws = require('../node_modules/web-streams-polyfill/dist/ponyfill.js');

class TextEncoderStream extends ws.TransformStream {
  constructor() {
    const encoder = new TextEncoder();
    super({ transform(chunk, controller) { const b = encoder.encode(String(chunk)); if (b.length) controller.enqueue(b); } });
  }
  get encoding() { return 'utf-8'; }
}
class TextDecoderStream extends ws.TransformStream {
  constructor(label = 'utf-8', options = {}) {
    const decoder = new TextDecoder(label, options);
    super({
      transform(chunk, controller) { const s = decoder.decode(chunk, { stream: true }); if (s) controller.enqueue(s); },
      flush(controller) { const s = decoder.decode(); if (s) controller.enqueue(s); },
    });
    this._decoder = decoder;
  }
  get encoding() { return this._decoder.encoding; }
  get fatal() { return this._decoder.fatal; }
  get ignoreBOM() { return this._decoder.ignoreBOM; }
}

// CompressionStream / DecompressionStream over the Go-backed zlib streams.
const formats = { gzip: ['createGzip', 'createGunzip'], deflate: ['createDeflate', 'createInflate'], 'deflate-raw': ['createDeflateRaw', 'createInflateRaw'] };
function zlibPair(format, which) {
  const f = formats[format];
  if (!f) {
    const e = new TypeError(`The argument 'format' is invalid. Received '${format}'`);
    e.code = 'ERR_INVALID_ARG_VALUE';
    throw e;
  }
  const { Readable, Writable } = require('stream');
  const z = require('zlib')[f[which]]();
  return { readable: Readable.toWeb(z), writable: Writable.toWeb(z) };
}
class CompressionStream {
  constructor(format) { Object.assign(this, zlibPair(format, 0)); }
  get [Symbol.toStringTag]() { return 'CompressionStream'; }
}
class DecompressionStream {
  constructor(format) { Object.assign(this, zlibPair(format, 1)); }
  get [Symbol.toStringTag]() { return 'DecompressionStream'; }
}

module.exports = Object.assign({}, ws, { TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream });
