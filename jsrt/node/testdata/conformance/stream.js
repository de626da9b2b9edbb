// stream conformance: Readable/Writable/Transform/Duplex/PassThrough, pipe, pipeline, finished,
// object mode, backpressure, async iteration, stream/promises.
const { Readable, Writable, Transform, PassThrough, Duplex, pipeline, finished } = require('stream');
const streamPromises = require('stream/promises');

const collect = () => {
  const chunks = [];
  const w = new Writable({ write(chunk, enc, cb) { chunks.push(chunk.toString()); cb(); } });
  w.chunks = chunks;
  return w;
};
const upper = () => new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });

module.exports = {
  pipelineCb: () => new Promise((resolve) => {
    const w = collect();
    pipeline(Readable.from(['a', 'b', 'c']), upper(), w, (err) => resolve(`${err} ${w.chunks.join('|')}`));
  }),
  pipelinePromise: async () => {
    const w = collect();
    await streamPromises.pipeline(Readable.from(['x', 'y']), upper(), w);
    return w.chunks.join('|');
  },
  pipelineError: () => new Promise((resolve) => {
    const bad = new Transform({ transform(chunk, enc, cb) { cb(new Error('transform failed')); } });
    pipeline(Readable.from(['a']), bad, collect(), (err) => resolve(err && err.message));
  }),
  pipe: () => new Promise((resolve) => {
    const w = collect();
    w.on('finish', () => resolve(w.chunks.join('|')));
    Readable.from(['1', '2', '3']).pipe(new PassThrough()).pipe(w);
  }),
  customReadable: () => new Promise((resolve) => {
    let n = 0;
    const r = new Readable({ read() { n++; this.push(n <= 3 ? `chunk${n}` : null); } });
    const got = [];
    r.on('data', (d) => got.push(d.toString()));
    r.on('end', () => resolve(got.join(',') + ' ended ' + r.readableEnded));
  }),
  objectMode: () => new Promise((resolve) => {
    const out = [];
    const t = new Transform({ objectMode: true, transform(o, e, cb) { cb(null, { v: o.v * 2 }); } });
    t.on('data', (o) => out.push(o.v));
    t.on('end', () => resolve(out.join(',')));
    Readable.from([{ v: 1 }, { v: 2 }]).pipe(t);
  }),
  asyncIterate: async () => {
    const parts = [];
    for await (const chunk of Readable.from(['p', 'q', 'r'])) parts.push(chunk);
    return parts.join('');
  },
  backpressure: () => {
    const w = new Writable({ highWaterMark: 4, write(c, e, cb) { setTimeout(cb, 1); } });
    const results = [w.write('ab'), w.write('cd'), w.write('ef'), w.writableLength, w.writableHighWaterMark];
    return results.join(',');
  },
  finishedErr: () => new Promise((resolve) => {
    const r = new Readable({ read() {} });
    finished(r, (err) => resolve(err ? `${err.message} ${err.code}` : 'no error'));
    r.destroy(new Error('destroyed!'));
  }),
  duplex: () => new Promise((resolve) => {
    const written = [];
    const d = new Duplex({
      read() { this.push('from-read'); this.push(null); },
      write(c, e, cb) { written.push(c.toString()); cb(); },
    });
    d.on('data', (c) => written.push('data:' + c));
    d.on('end', () => resolve(written.join(',')));
    d.write('w1');
    d.end();
  }),
  readableMethods: async () => {
    const r = Readable.from([1, 2, 3, 4]);
    const arr = await r.filter((x) => x % 2 === 0).map((x) => x * 10).toArray();
    return arr.join(',') + ' ' + typeof Readable.prototype.map;
  },
  setEncoding: () => new Promise((resolve) => {
    const r = new PassThrough();
    r.setEncoding('hex');
    let s = '';
    r.on('data', (d) => { s += typeof d + ':' + d + ';'; });
    r.on('end', () => resolve(s));
    r.end(Buffer.from('hi'));
  }),
  shape: () => [typeof require('stream'), require('stream').Stream === require('stream'), typeof require('stream').Readable, new (require('stream'))() instanceof require('events'), typeof require('stream').promises.finished].join(','),
};
