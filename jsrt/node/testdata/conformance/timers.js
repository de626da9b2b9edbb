// timers and timers/promises conformance: ordering, Timeout objects, abort.
const timersPromises = require('timers/promises');
const timers = require('timers');
module.exports = {
  order: () => new Promise((resolve) => {
    const seen = [];
    setTimeout(() => seen.push('timeout10'), 10);
    setTimeout(() => seen.push('timeout0'), 0);
    setImmediate(() => seen.push('immediate'));
    process.nextTick(() => seen.push('tick'));
    Promise.resolve().then(() => seen.push('micro'));
    queueMicrotask(() => seen.push('queueMicrotask'));
    setTimeout(() => resolve(seen.join(',')), 30);
  }),
  timeoutObject: () => {
    const t = setTimeout(() => {}, 1000);
    const shape = [typeof t, typeof t.ref, typeof t.unref, t.hasRef(), t.unref().hasRef(), typeof t.refresh, typeof +t];
    clearTimeout(t);
    return shape.join(',');
  },
  clearByNumber: () => new Promise((resolve) => {
    let fired = false;
    const t = setTimeout(() => { fired = true; }, 5);
    clearTimeout(+t);
    setTimeout(() => resolve('fired=' + fired), 20);
  }),
  interval: () => new Promise((resolve) => {
    let n = 0;
    const i = setInterval(() => { n++; if (n === 3) { clearInterval(i); resolve('ticks=' + n); } }, 2);
  }),
  promisesTimeout: async () => {
    const v = await timersPromises.setTimeout(5, 'value');
    const w = await timersPromises.setImmediate('imm');
    return v + ',' + w + ',' + (timers.setTimeout === setTimeout);
  },
  promisesAbort: async () => {
    const ac = new AbortController();
    const p = timersPromises.setTimeout(1000, 'never', { signal: ac.signal });
    ac.abort();
    try { await p; } catch (e) { return `${e.name} ${e.code} ${e.message}`; }
    return 'resolved';
  },
  promisesInterval: async () => {
    const got = [];
    for await (const v of timersPromises.setInterval(2, 'tick')) {
      got.push(v);
      if (got.length === 3) break;
    }
    return got.join(',');
  },
  callbackThis: () => new Promise((resolve) => {
    const t = setTimeout(function (a, b) { resolve([this === t, a, b].join(',')); }, 1, 'x', 'y');
  }),
};
