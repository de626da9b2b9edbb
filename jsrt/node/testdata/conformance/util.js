// util conformance: inspect of common values, format, promisify, types, deprecate, inherits.
const util = require('util');
module.exports = {
  inspectPrimitives: () => [1, -0, 1.5, 'str', "it's", true, null, undefined, 10n, Symbol('s'), NaN, Infinity].map((v) => util.inspect(v)).join(' | '),
  inspectObjects: () => [
    { a: 1, b: 'two', c: [1, 2, 3], d: { e: { f: { g: 1 } } } },
    [1, 'a', { x: null }],
    new Map([['k', 1], ['j', { z: 2 }]]),
    new Set([1, 'two']),
    new Date(0),
    /ab+c/gi,
    function named() {},
    class Foo {},
    () => {},
    [undefined, , 3],
    { 'key with space': 1, valid_id: 2 },
    Object.create(null),
    new (class Point { constructor() { this.x = 1; } })(),
    new Uint8Array([1, 2, 3]),
    new ArrayBuffer(3),
    [new Array(120).fill(7)],
    'x'.repeat(100),
    { long: 'a'.repeat(30), other: 'b'.repeat(30), third: 'c'.repeat(30) },
  ].map((v) => util.inspect(v)).join('\n'),
  inspectOptions: () => [
    util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }),
    util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: Infinity }),
    util.inspect({ b: 1, a: 2 }, { sorted: true }),
    util.inspect({ a: [1, 2] }, { compact: false }),
    util.inspect('str', { colors: true }),
    util.inspect([1, 2, 3, 4], { maxArrayLength: 2 }),
    util.inspect({ [util.inspect.custom]: () => 'CUSTOM' }),
  ].join('\n'),
  promises: () => {
    const rejected = Promise.reject(new Error('no'));
    rejected.catch(() => {});
    return [util.inspect(Promise.resolve(42)), util.inspect(new Promise(() => {})), util.inspect(Promise.resolve({ a: [1] })), util.inspect(rejected).split('\n')[0]].join(' | ');
  },
  circular: () => { const o = { name: 'o' }; o.self = o; o.list = [o]; return util.inspect(o); },
  format: () => [
    util.format('%s:%d:%i:%f:%j:%o:%O:%%', 'str', 42.5, 42.5, '1.5', { a: 1 }, [1], { b: 2 }),
    util.format('a', 'b', 1, { c: 1 }),
    util.format('%s', null, undefined),
    util.format('%d', '0x10'),
    util.format(1, 2),
    util.format('%s', Symbol('x')),
  ].join('\n'),
  promisify: async () => {
    const cb = (a, b, done) => setTimeout(() => done(null, a + b), 1);
    const fail = (done) => done(new Error('nope'));
    const sum = await util.promisify(cb)(1, 2);
    let msg;
    try { await util.promisify(fail)(); } catch (e) { msg = e.message; }
    const custom = () => {};
    custom[util.promisify.custom] = () => Promise.resolve('custom!');
    return [sum, msg, await util.promisify(custom)(), typeof util.promisify.custom].join(',');
  },
  promisifyTimers: async () => {
    const sleep = util.promisify(setTimeout);
    const v = await sleep(5, 'slept');
    const imm = await util.promisify(setImmediate)('imm');
    const customSym = Symbol.for('nodejs.util.promisify.custom');
    const f = (cb) => cb(null, 'plain');
    f[customSym] = () => Promise.resolve('custom via Symbol.for');
    const multi = (cb) => cb(null, 1, 2);
    return [v, imm, await util.promisify(f)(), await util.promisify(multi)(), util.promisify.custom === customSym, util.promisify(f) === f[customSym]].join(',');
  },
  callbackify: () => new Promise((resolve) => {
    util.callbackify(async (x) => x * 2)(21, (err, v) => resolve(String(err) + ' ' + v));
  }),
  types: () => {
    const t = util.types;
    return [t.isPromise(Promise.resolve()), t.isDate(new Date()), t.isRegExp(/x/), t.isMap(new Map()), t.isSet(new Set()),
      t.isTypedArray(new Uint8Array()), t.isUint8Array(Buffer.alloc(1)), t.isArrayBuffer(new ArrayBuffer(1)), t.isAsyncFunction(async () => {}),
      t.isGeneratorFunction(function* () {}), t.isNativeError(new TypeError()), t.isBoxedPrimitive(Object(1)), t.isAnyArrayBuffer(new ArrayBuffer(0))].join(',');
  },
  inherits: () => {
    function A() {}
    A.prototype.hi = () => 'hi';
    function B() { A.call(this); }
    util.inherits(B, A);
    return [new B().hi(), B.super_ === A, new B() instanceof A].join(',');
  },
  misc: () => [util.isDeepStrictEqual({ a: [1] }, { a: [1] }), util.isDeepStrictEqual({ a: 1 }, { a: '1' }), util.stripVTControlCharacters('\u001b[31mred\u001b[39m'),
    typeof util.deprecate(() => 1, 'msg'), util.deprecate(() => 7, 'msg')(), util.inspect.custom.toString(), typeof util.TextEncoder].join(','),
};
