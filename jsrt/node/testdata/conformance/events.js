// EventEmitter conformance: ordering, once, prepend, error handling, listener counts, events.once.
const EventEmitter = require('events');
const { once } = require('events');
module.exports = {
  order: () => {
    const e = new EventEmitter();
    const seen = [];
    e.on('x', (a) => seen.push('on1:' + a));
    e.prependListener('x', (a) => seen.push('pre:' + a));
    e.once('x', (a) => seen.push('once:' + a));
    e.emit('x', 1);
    e.emit('x', 2);
    return seen.join(' ') + ' | ' + e.listenerCount('x') + ' ' + e.eventNames().join(',');
  },
  errors: () => {
    const e = new EventEmitter();
    try { e.emit('error', new Error('boom')); } catch (err) { return err.message; }
    return 'no throw';
  },
  errorMonitor: () => {
    const e = new EventEmitter();
    const seen = [];
    e.on(EventEmitter.errorMonitor, (err) => seen.push('monitor:' + err.message));
    e.on('error', (err) => seen.push('handler:' + err.message));
    e.emit('error', new Error('x'));
    return seen.join(',');
  },
  removeAll: () => {
    const e = new EventEmitter();
    const f = () => {};
    e.on('a', f); e.on('a', f); e.on('b', f);
    e.removeListener('a', f);
    const one = e.listenerCount('a');
    e.removeAllListeners('a');
    return [one, e.listenerCount('a'), e.listenerCount('b'), e.getMaxListeners(), EventEmitter.defaultMaxListeners].join(',');
  },
  onceAsync: async () => {
    const e = new EventEmitter();
    setTimeout(() => e.emit('ready', 1, 2), 1);
    const args = await once(e, 'ready');
    return JSON.stringify(args);
  },
  newListener: () => {
    const e = new EventEmitter();
    const seen = [];
    e.on('newListener', (name) => seen.push(name));
    e.on('foo', () => {});
    return seen.join(',') + ' ' + (e instanceof EventEmitter) + ' ' + (typeof EventEmitter.EventEmitter);
  },
};
