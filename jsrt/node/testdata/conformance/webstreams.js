// WHATWG streams: ReadableStream/WritableStream/TransformStream, readers, piping, text streams,
// bridges to Node streams.
const { Readable, Writable } = require('stream');
const web = require('stream/web');
module.exports = {
  present: () => ['ReadableStream', 'WritableStream', 'TransformStream', 'TextEncoderStream', 'TextDecoderStream', 'CountQueuingStrategy'].map((n) => typeof globalThis[n]).join(',') + ' ' + (web.ReadableStream === ReadableStream),
  readAll: async () => {
    const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
    const reader = rs.getReader();
    const got = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) got.push(r.value);
    return got.join('') + ' ' + rs.locked;
  },
  pipeThrough: async () => {
    const upper = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } });
    const out = [];
    await new ReadableStream({ start(c) { c.enqueue('x'); c.enqueue('y'); c.close(); } })
      .pipeThrough(upper)
      .pipeTo(new WritableStream({ write(chunk) { out.push(chunk); } }));
    return out.join(',');
  },
  textStreams: async () => {
    const rs = new ReadableStream({ start(c) { c.enqueue('héllo '); c.enqueue('wörld'); c.close(); } });
    const chunks = [];
    const reader = rs.pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    return chunks.join('');
  },
  asyncIterate: async () => {
    const got = [];
    for await (const v of new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } })) got.push(v);
    return got.join(',');
  },
  fromWeb: async () => {
    const r = Readable.fromWeb(new ReadableStream({ start(c) { c.enqueue(Buffer.from('web')); c.enqueue(Buffer.from('->node')); c.close(); } }));
    let s = '';
    for await (const chunk of r) s += chunk;
    return s;
  },
  toWeb: async () => {
    const rs = Readable.toWeb(Readable.from([Buffer.from('node'), Buffer.from('->web')]));
    const got = [];
    for await (const chunk of rs) got.push(Buffer.from(chunk).toString());
    return got.join('');
  },
  errors: async () => {
    const rs = new ReadableStream({ start(c) { c.error(new Error('boom')); } });
    try { await rs.getReader().read(); } catch (e) { return e.message; }
    return 'no error';
  },
  compression: async () => {
    const input = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('compress me '.repeat(50))); c.close(); } });
    const chunks = [];
    for await (const chunk of input.pipeThrough(new CompressionStream('gzip')).pipeThrough(new DecompressionStream('gzip'))) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString().length + ' ' + typeof CompressionStream;
  },
  backpressure: () => {
    const ws = new WritableStream({}, new CountQueuingStrategy({ highWaterMark: 2 }));
    const w = ws.getWriter();
    const before = w.desiredSize;
    w.write('a');
    w.write('b');
    return [before, w.desiredSize].join(',');
  },
};
