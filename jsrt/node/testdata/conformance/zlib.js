// zlib conformance: round trips through every format, decompression of Node-made data, streams,
// errors. (Compressed bytes differ between zlib and Go's encoders, so only round trips are compared.)
const zlib = require('zlib');
const { pipeline, Readable, Writable } = require('stream');
const text = 'Node zlib conformance text '.repeat(20);
const nodeMade = {"gzip": "H4sIAAAAAAAAA/PLT0lVqMrJTFJIzs9Lyy/KTcxLTlUoSa0oUfAblRrZUgCVTYR5HAIAAA==", "deflate": "eJzzy09JVajKyUxSSM7PS8svyk3MS05VKEmtKFHwG5Ua2VIA9y/IjQ==", "raw": "88tPSVWoyslMUkjOz0vLL8pNzEtOVShJrShR8BuVGtlSAA==", "br": "GxsC+EVPlupjeug/gs3oUpNeCEsVLOKovCz8tNtFG+fzLg=="};

module.exports = {
  roundTrips: () => [
    zlib.gunzipSync(zlib.gzipSync(text)).toString() === text,
    zlib.inflateSync(zlib.deflateSync(Buffer.from(text), { level: 9 })).toString() === text,
    zlib.inflateRawSync(zlib.deflateRawSync(text)).toString() === text,
    zlib.brotliDecompressSync(zlib.brotliCompressSync(text)).toString() === text,
    zlib.unzipSync(zlib.gzipSync(text)).toString() === text,
    zlib.unzipSync(zlib.deflateSync(text)).toString() === text,
    zlib.gzipSync(text).length < text.length,
    zlib.gzipSync(text).subarray(0, 2).toString('hex'),
  ].join(','),
  nodeMade: () => [zlib.gunzipSync(Buffer.from(nodeMade.gzip, 'base64')), zlib.inflateSync(Buffer.from(nodeMade.deflate, 'base64')),
    zlib.inflateRawSync(Buffer.from(nodeMade.raw, 'base64')), zlib.brotliDecompressSync(Buffer.from(nodeMade.br, 'base64'))]
    .map((b) => b.toString() === text).join(','),
  callbacks: () => new Promise((resolve, reject) => {
    zlib.gzip(text, (err, gz) => {
      if (err) return reject(err);
      zlib.gunzip(gz, (err2, out) => (err2 ? reject(err2) : resolve(out.toString() === text)));
    });
  }),
  streams: () => new Promise((resolve, reject) => {
    const chunks = [];
    pipeline(Readable.from([text.slice(0, 100), text.slice(100)]), zlib.createGzip(), zlib.createGunzip(),
      new Writable({ write(c, e, cb) { chunks.push(c); cb(); } }),
      (err) => (err ? reject(err) : resolve(Buffer.concat(chunks).toString() === text)));
  }),
  errors: () => {
    const out = [];
    for (const fn of [() => zlib.gunzipSync(Buffer.from('not gzip at all')), () => zlib.inflateSync(Buffer.from('xx')), () => zlib.gunzipSync(zlib.gzipSync(text).subarray(0, 20))]) {
      try { fn(); out.push('ok'); } catch (e) { out.push(`${e.code} ${e.errno} ${e.message}`); }
    }
    return out.join(' | ');
  },
  streamError: () => new Promise((resolve) => {
    const g = zlib.createGunzip();
    g.on('error', (e) => resolve(`${e.code} ${e.errno}`));
    g.on('data', () => {});
    g.end(Buffer.from('garbage data here'));
  }),
  constants: () => [zlib.constants.Z_BEST_COMPRESSION, zlib.constants.BROTLI_PARAM_QUALITY, zlib.Z_SYNC_FLUSH, typeof zlib.createBrotliCompress, typeof zlib.crc32 === 'function' ? zlib.crc32('hello') : 'n/a'].join(','),
};
module.exports.decompressionStreams = () => new Promise((resolve, reject) => {
  // Output must flow before the input ends (responses are decompressed as they arrive).
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = Array.from({ length: 200000 }, () => Math.floor(rnd() * 5000).toString(36)).join(' ');
  const gz = zlib.gzipSync(words);
  const g = zlib.createGunzip();
  let bytes = 0;
  let beforeEnd = 0;
  let ended = false;
  g.on('data', (c) => { bytes += c.length; if (!ended) beforeEnd += c.length; });
  g.on('end', () => resolve([bytes === Buffer.byteLength(words), beforeEnd > 0].join(',')));
  g.on('error', reject);
  g.write(gz.subarray(0, gz.length >> 1));
  setTimeout(() => { ended = true; g.end(gz.subarray(gz.length >> 1)); }, 100);
});
