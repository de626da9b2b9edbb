// The parts of Node's util that knex takes at load time (promisify, callbackify, inspect). Loading
// the whole util module costs a new runtime tens of milliseconds; inspect loads it on first use.
'use strict';

const custom = Symbol.for('nodejs.util.promisify.custom');

function promisify(original) {
  if (typeof original !== 'function') throw new TypeError('The "original" argument must be of type function');
  if (original[custom]) return original[custom];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) reject(err);
        else resolve(values.length > 1 ? values : values[0]);
      });
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, custom, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = custom;

function callbackify(original) {
  if (typeof original !== 'function') throw new TypeError('The "original" argument must be of type function');
  return function callbackified(...args) {
    const cb = args.pop();
    if (typeof cb !== 'function') throw new TypeError('The last argument must be of type function');
    original.apply(this, args).then(
      (value) => process.nextTick(cb, null, value),
      (reason) => {
        if (!reason) {
          const err = new Error('Promise was rejected with a falsy value');
          err.reason = reason;
          reason = err;
        }
        process.nextTick(cb, reason);
      }
    );
  };
}

function inspect(...args) {
  return require('node:util').inspect(...args);
}

module.exports = { promisify, callbackify, inspect };
