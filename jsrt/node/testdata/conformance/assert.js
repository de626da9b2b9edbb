// assert conformance: passing and failing assertions, error codes and messages.
const assert = require('assert');
const fails = (fn) => { try { fn(); return 'passed'; } catch (e) { return `${e.name}|${e.code}|${e.operator}|${e.generatedMessage}`; } };
module.exports = {
  passing: () => {
    assert(true);
    assert.ok(1);
    assert.equal(1, '1');
    assert.strictEqual(1, 1);
    assert.deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });
    assert.deepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]]));
    assert.notDeepStrictEqual({ a: 1 }, { a: '1' });
    assert.throws(() => { throw new TypeError('bad'); }, TypeError);
    assert.throws(() => { throw new Error('msg here'); }, /msg/);
    assert.doesNotThrow(() => {});
    assert.match('abc', /b/);
    return 'ok';
  },
  failing: () => [
    fails(() => assert.strictEqual(1, 2)),
    fails(() => assert.deepStrictEqual({ a: 1 }, { a: 2 })),
    fails(() => assert.ok(false)),
    fails(() => assert.notStrictEqual(1, 1)),
    fails(() => assert.throws(() => {})),
    fails(() => assert.fail('boom')),
    fails(() => assert.strictEqual(1, 2, 'custom message')),
  ].join('\n'),
  messages: () => {
    try { assert.strictEqual(1, 2, 'custom message'); } catch (e) { return e.message + '|' + e.actual + '|' + e.expected; }
  },
  rejects: async () => {
    await assert.rejects(Promise.reject(new Error('x')), /x/);
    await assert.doesNotReject(Promise.resolve(1));
    return 'ok';
  },
  strict: () => [typeof assert.strict, assert.strict.equal === assert.strictEqual, fails(() => assert.strict.equal(1, '1')), typeof assert.AssertionError].join(','),
};
