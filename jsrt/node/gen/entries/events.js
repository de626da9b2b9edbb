'use strict';
// Node's events module: the npm "events" port of Node's EventEmitter.
const EventEmitter = require('../node_modules/events/events.js');

// Node >= 13: listeners of errorMonitor see 'error' events before the regular listeners.
const errorMonitor = Symbol('events.errorMonitor');
const emit = EventEmitter.prototype.emit;
EventEmitter.prototype.emit = function (type, ...args) {
  if (type === 'error' && this._events !== undefined && this._events[errorMonitor] !== undefined) {
    emit.call(this, errorMonitor, ...args);
  }
  return emit.call(this, type, ...args);
};
EventEmitter.errorMonitor = errorMonitor;

EventEmitter.getEventListeners = function getEventListeners(target, name) {
  if (typeof target.listeners === 'function') return target.listeners(name);
  return [];
};
EventEmitter.setMaxListeners = function setMaxListeners(n = EventEmitter.defaultMaxListeners, ...targets) {
  if (targets.length === 0) EventEmitter.defaultMaxListeners = n;
  for (const t of targets) if (typeof t.setMaxListeners === 'function') t.setMaxListeners(n);
};

// events.on: an async iterator over the emitted events' arguments, as in Node.
EventEmitter.on = function on(emitter, event, options = {}) {
  const queue = [];
  const waiting = [];
  let error = null;
  let done = false;
  const signal = options.signal;
  const onEvent = (...args) => {
    if (waiting.length) waiting.shift().resolve({ value: args, done: false });
    else queue.push(args);
  };
  const onError = (err) => {
    done = true;
    if (waiting.length) waiting.shift().reject(err);
    else error = err;
    iterator.return();
  };
  const cleanup = () => {
    emitter.removeListener(event, onEvent);
    if (event !== 'error') emitter.removeListener('error', onError);
  };
  const iterator = {
    next() {
      if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
      if (error) { const e = error; error = null; return Promise.reject(e); }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      cleanup();
      done = true;
      for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      error = err;
      cleanup();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() { return this; },
  };
  emitter.on(event, onEvent);
  if (event !== 'error') emitter.on('error', onError);
  if (signal) signal.addEventListener('abort', () => onError(signal.reason), { once: true });
  return iterator;
};

module.exports = EventEmitter;
