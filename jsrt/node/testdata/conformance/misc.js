// Smaller modules: stream/consumers, diagnostics_channel, perf_hooks, sys.
const { Readable } = require('stream');
const consumers = require('stream/consumers');
const dc = require('diagnostics_channel');
module.exports = {
  consumers: async () => [await consumers.text(Readable.from(['a', 'b'])), JSON.stringify(await consumers.json(Readable.from(['{"x":', '1}']))),
    (await consumers.buffer(Readable.from([Buffer.from('hi')]))).toString('hex'), (await consumers.arrayBuffer(Readable.from(['abc']))).byteLength].join(','),
  diagnosticsChannel: () => {
    const seen = [];
    const ch = dc.channel('dxhost:test');
    const before = ch.hasSubscribers;
    const fn = (msg, name) => seen.push(`${name}:${msg.v}`);
    dc.subscribe('dxhost:test', fn);
    ch.publish({ v: 1 });
    const after = dc.hasSubscribers('dxhost:test');
    ch.unsubscribe(fn);
    ch.publish({ v: 2 });
    const tc = dc.tracingChannel('dxhost:trace');
    tc.subscribe({ start: () => seen.push('start'), end: () => seen.push('end') });
    const r = tc.traceSync(() => 42);
    return [before, after, seen.join(' '), r, ch.hasSubscribers].join(',');
  },
  perfHooks: () => { const ph = require('perf_hooks'); return [ph.performance === performance, typeof ph.performance.now()].join(','); },
  sys: () => String(require('sys').format === require('util').format),
};
module.exports.promisifyCustoms = async () => {
  const util = require('util');
  const exists = await util.promisify(require('fs').exists)('/');
  const found = await util.promisify(require('dns').lookup)('127.0.0.1');
  return [exists, JSON.stringify(found)].join(' ');
};
