// Node 22 globals conformance: text codecs, base64, structuredClone, abort, events, misc.
const show = (v) => require('util').inspect(v);
module.exports = {
  present: () => ['global', 'globalThis', 'process', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'structuredClone',
    'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'AbortController', 'AbortSignal', 'Event', 'EventTarget', 'DOMException', 'performance',
    'WeakRef', 'FinalizationRegistry'].map((n) => `${n}:${typeof globalThis[n]}`).join(','),
  textEncoder: () => {
    const te = new TextEncoder();
    const bytes = te.encode('héllo €𝄞');
    const into = new Uint8Array(5);
    const r = te.encodeInto('a€b', into);
    return [Array.from(bytes).join(' '), te.encoding, JSON.stringify(r), Array.from(into).join(' ')].join(' | ');
  },
  textDecoder: () => {
    const td = new TextDecoder();
    const bad = new Uint8Array([0x61, 0xff, 0xe2, 0x82, 0x62, 0xf0, 0x9f]);
    let fatal;
    try { new TextDecoder('utf-8', { fatal: true }).decode(bad); } catch (e) { fatal = e.name + ' ' + e.code; }
    const s = new TextDecoder();
    const euro = new TextEncoder().encode('€');
    const streamed = s.decode(euro.subarray(0, 1), { stream: true }) + s.decode(euro.subarray(1), { stream: true }) + s.decode();
    return [JSON.stringify(td.decode(bad)), fatal, streamed, new TextDecoder('utf-16le').decode(new Uint8Array([104, 0, 105, 0])),
      new TextDecoder('latin1').encoding, JSON.stringify(td.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))), td.decode()].join(' | ');
  },
  base64: () => {
    let err;
    try { atob('***'); } catch (e) { err = e.name + ' ' + e.code; }
    let err2;
    try { btoa('€'); } catch (e) { err2 = e.name; }
    return [btoa('hello'), atob('aGVsbG8='), atob(' aGVs bG8 '), JSON.stringify(atob('/w==')), btoa('\u00ff\u00fe'), err, err2, atob('YQ')].join(' | ');
  },
  structuredClone: () => {
    const src = { d: new Date(5), m: new Map([[1, { a: 1 }]]), s: new Set([1]), r: /x/g, arr: [1, [2]], u8: new Uint8Array([1, 2]), n: null, e: new RangeError('bad') };
    src.self = src;
    const c = structuredClone(src);
    let err;
    try { structuredClone({ s: Symbol('sym') }); } catch (e) { err = e.name + ' ' + e.message; }
    return [c !== src, c.self === c, c.d.getTime(), c.m.get(1).a, c.m.get(1) !== src.m.get(1), c.s.has(1), c.r.source + c.r.flags, JSON.stringify(c.arr),
      Array.from(c.u8).join(''), c.u8 !== src.u8, c.e instanceof RangeError, c.e.message, err].join(',');
  },
  abort: () => {
    const ac = new AbortController();
    const seen = [];
    ac.signal.addEventListener('abort', (e) => seen.push('listener:' + e.type));
    ac.signal.onabort = () => seen.push('onabort');
    ac.abort();
    ac.abort();
    const r = ac.signal.reason;
    let thrown;
    try { ac.signal.throwIfAborted(); } catch (e) { thrown = e.name; }
    const custom = AbortSignal.abort('why');
    return [seen.join(' '), ac.signal.aborted, r.name, r.message, r.code, r instanceof DOMException, r instanceof Error, thrown, custom.reason].join(',');
  },
  abortTimeout: () => new Promise((resolve) => {
    const s = AbortSignal.timeout(5);
    s.addEventListener('abort', () => resolve([s.aborted, s.reason.name, s.reason.message, s.reason.code].join(',')));
  }),
  abortAny: () => {
    const a = new AbortController();
    const b = new AbortController();
    const any = AbortSignal.any([a.signal, b.signal]);
    b.abort('b-reason');
    return [any.aborted, any.reason].join(',');
  },
  eventTarget: () => {
    const t = new EventTarget();
    const seen = [];
    const h = (e) => seen.push(e.type + ':' + (e.target === t));
    t.addEventListener('ping', h);
    t.addEventListener('ping', h);
    t.addEventListener('ping', () => seen.push('once'), { once: true });
    t.dispatchEvent(new Event('ping'));
    t.dispatchEvent(new Event('ping'));
    t.removeEventListener('ping', h);
    t.dispatchEvent(new Event('ping'));
    const ev = new Event('x', { cancelable: true });
    ev.preventDefault();
    return seen.join(' ') + ' ' + ev.defaultPrevented + ' ' + new CustomEvent('c', { detail: 5 }).detail;
  },
  domException: () => {
    const e = new DOMException('msg', 'NotFoundError');
    return [e.name, e.message, e.code, e instanceof Error, DOMException.ABORT_ERR, new DOMException('x').name, Object.prototype.toString.call(e)].join(',');
  },
  performance: () => {
    const a = performance.now();
    const b = performance.now();
    performance.mark('m1');
    const m = performance.measure('meas', 'm1');
    return [typeof a, b >= a, a >= 0, typeof performance.timeOrigin, m.entryType, m.name, performance.getEntriesByName('m1').length].join(',');
  },
  captureStackTrace: () => {
    const o = { message: 'hi', name: 'MyErr' };
    Error.captureStackTrace(o);
    function MyError(msg) { this.message = msg; Error.captureStackTrace(this, MyError); }
    MyError.prototype = Object.create(Error.prototype);
    MyError.prototype.name = 'MyError';
    const e = new MyError('boom');
    return [typeof o.stack, o.stack.split('\n')[0], e.stack.split('\n')[0], typeof Error.stackTraceLimit].join(',');
  },
  languageGaps: () => {
    const { promise, resolve } = Promise.withResolvers();
    resolve(1);
    const g = Object.groupBy([1, 2, 3, 4], (x) => (x % 2 ? 'odd' : 'even'));
    const mg = Map.groupBy([1, 2, 3], (x) => x > 1);
    return promise.then((v) => [v, JSON.stringify(g), mg.get(true).join(''), typeof Symbol.asyncIterator, new WeakRef({ a: 1 }).deref().a].join(','));
  },
  navigator: () => [navigator.userAgent, navigator.language, JSON.stringify(navigator.languages), navigator.platform, typeof navigator.hardwareConcurrency, Object.keys(navigator).length].join(','),
  queueMicrotask: () => new Promise((resolve) => {
    const seen = [];
    queueMicrotask(() => seen.push(1));
    Promise.resolve().then(() => seen.push(2));
    queueMicrotask(() => { seen.push(3); resolve(seen.join(',')); });
  }),
};
