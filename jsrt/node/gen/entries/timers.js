'use strict';
// Node's timers and timers/promises on top of the event loop's raw timer functions. Node returns
// Timeout/Immediate objects (ref/unref/hasRef/refresh/close, a numeric id via Symbol.toPrimitive) that
// libraries rely on; the raw loop timers are wrapped to give exactly that.
const raw = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
};
if (typeof raw.setTimeout !== 'function') throw new Error('timers: the event loop provides no setTimeout');

const TIMEOUT_MAX = 2 ** 31 - 1;
const byId = new Map();
let nextId = 1;

function invalidCallback(cb) {
  const e = new TypeError(`The "callback" argument must be of type function. Received ${cb === null ? 'null' : typeof cb === 'object' ? 'an instance of ' + ((cb.constructor && cb.constructor.name) || 'Object') : `type ${typeof cb} (${String(cb)})`}`);
  e.code = 'ERR_INVALID_ARG_TYPE';
  return e;
}

function normalizeDelay(ms) {
  ms = Number(ms);
  if (!(ms >= 1 && ms <= TIMEOUT_MAX)) return 1;
  return Math.trunc(ms);
}

class Timeout {
  constructor(callback, after, args, repeat) {
    this._idleTimeout = after;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = repeat ? after : null;
    this._destroyed = false;
    this._ref = true;
    this._id = nextId++;
    this._handle = null;
    byId.set(this._id, this);
    this._arm();
  }
  _arm() {
    const fire = () => {
      if (this._repeat === null) {
        this._destroyed = true;
        byId.delete(this._id);
      }
      this._onTimeout.apply(this, this._timerArgs);
    };
    this._handle = this._repeat === null ? raw.setTimeout(fire, this._idleTimeout) : raw.setInterval(fire, this._idleTimeout);
  }
  _disarm() {
    if (this._handle === null) return;
    if (this._repeat === null) raw.clearTimeout(this._handle);
    else raw.clearInterval(this._handle);
    this._handle = null;
  }
  refresh() {
    if (!this._destroyed) {
      this._disarm();
      this._arm();
    }
    return this;
  }
  // dxhost's loop lives as long as the extension, so a timer's ref only changes what hasRef reports.
  ref() { this._ref = true; return this; }
  unref() { this._ref = false; return this; }
  hasRef() { return this._ref; }
  close() { clearTimeout(this); return this; }
  [Symbol.toPrimitive]() { return this._id; }
}

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._ref = true;
    const fire = () => {
      if (this._destroyed) return;
      this._destroyed = true;
      callback.apply(this, args);
    };
    this._handle = typeof raw.setImmediate === 'function' ? raw.setImmediate(fire) : raw.setTimeout(fire, 0);
  }
  ref() { this._ref = true; return this; }
  unref() { this._ref = false; return this; }
  hasRef() { return this._ref; }
}

function setTimeout(callback, after, ...args) {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  return new Timeout(callback, normalizeDelay(after), args, false);
}
function setInterval(callback, repeat, ...args) {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  return new Timeout(callback, normalizeDelay(repeat), args, true);
}
function clearTimeout(timer) {
  if (timer == null) return;
  if (!(timer instanceof Timeout)) timer = byId.get(Number(timer));
  if (!(timer instanceof Timeout)) return;
  timer._destroyed = true;
  byId.delete(timer._id);
  timer._disarm();
}
function setImmediate(callback, ...args) {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  return new Immediate(callback, args);
}
function clearImmediate(immediate) {
  if (immediate instanceof Immediate) immediate._destroyed = true;
}

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
  clearInterval: clearTimeout,
  setImmediate,
  clearImmediate,
  Timeout,
  Immediate,
  promises,
};
