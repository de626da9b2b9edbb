'use strict';
// Node's timers and timers/promises. The event loop (jsrt) provides Node's Timeout/Immediate timers
// as globals; this module re-exports them and builds the promise forms on top.
const raw = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
};

const { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate } = raw;

function abortError(signal) {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) e.cause = signal.reason;
  return e;
}

function validateSignal(options) {
  if (options == null) return undefined;
  if (typeof options !== 'object') {
    const e = new TypeError(`The "options" argument must be of type object. Received type ${typeof options} (${String(options)})`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  return options.signal;
}

const promises = {
  setTimeout(delay, value, options) {
    let signal;
    try { signal = validateSignal(options); } catch (e) { return Promise.reject(e); }
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const onAbort = () => { clearTimeout(t); reject(abortError(signal)); };
      const t = setTimeout(() => {
        if (signal) signal.removeEventListener('abort', onAbort);
        resolve(value);
      }, delay);
      if (options && options.ref === false) t.unref();
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
  },
  setImmediate(value, options) {
    let signal;
    try { signal = validateSignal(options); } catch (e) { return Promise.reject(e); }
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const onAbort = () => { clearImmediate(i); reject(abortError(signal)); };
      const i = setImmediate(() => {
        if (signal) signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
  },
  setInterval(delay, value, options) {
    const signal = validateSignal(options);
    let pending = 0;
    let waiter = null;
    let done = false;
    let timer = null;
    const onAbort = () => {
      done = true;
      clearTimeout(timer);
      if (waiter) { const w = waiter; waiter = null; w.reject(abortError(signal)); }
    };
    return {
      next() {
        if (signal && signal.aborted) { done = true; return Promise.reject(abortError(signal)); }
        if (done) return Promise.resolve({ value: undefined, done: true });
        if (timer === null) {
          timer = setInterval(() => {
            pending++;
            if (waiter) { const w = waiter; waiter = null; pending--; w.resolve({ value, done: false }); }
          }, delay);
          if (signal) signal.addEventListener('abort', onAbort, { once: true });
        }
        if (pending > 0) { pending--; return Promise.resolve({ value, done: false }); }
        return new Promise((resolve, reject) => { waiter = { resolve, reject }; });
      },
      return() {
        done = true;
        clearTimeout(timer);
        if (signal) signal.removeEventListener('abort', onAbort);
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() { return this; },
    };
  },
  scheduler: {
    wait: (delay, options) => promises.setTimeout(delay, undefined, options),
    yield: () => promises.setImmediate(),
  },
};

module.exports = {
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
  setImmediate,
  clearImmediate,
  promises,
};
