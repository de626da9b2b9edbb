'use strict';
// Node's diagnostics_channel: named channels with subscribers, as libraries publish to them.
const channels = new Map();
class Channel {
  constructor(name) { this.name = name; this._subscribers = []; this._stores = new Map(); }
  get hasSubscribers() { return this._subscribers.length > 0; }
  subscribe(fn) { this._subscribers.push(fn); }
  unsubscribe(fn) {
    const i = this._subscribers.indexOf(fn);
    if (i < 0) return false;
    this._subscribers.splice(i, 1);
    return true;
  }
  publish(message) {
    for (const fn of this._subscribers.slice()) {
      try { fn(message, this.name); } catch (err) { queueMicrotask(() => { throw err; }); }
    }
  }
  bindStore(store, transform) { this._stores.set(store, transform); }
  unbindStore(store) { return this._stores.delete(store); }
  runStores(data, fn, thisArg, ...args) { this.publish(data); return fn.apply(thisArg, args); }
}
function channel(name) {
  let c = channels.get(name);
  if (!c) channels.set(name, (c = new Channel(name)));
  return c;
}
class TracingChannel {
  constructor(nameOrChannels) {
    for (const k of ['start', 'end', 'asyncStart', 'asyncEnd', 'error']) {
      this[k] = typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${k}`) : nameOrChannels[k];
    }
  }
  get hasSubscribers() { return ['start', 'end', 'asyncStart', 'asyncEnd', 'error'].some((k) => this[k].hasSubscribers); }
  subscribe(handlers) { for (const [k, fn] of Object.entries(handlers)) if (this[k]) this[k].subscribe(fn); }
  unsubscribe(handlers) { let ok = true; for (const [k, fn] of Object.entries(handlers)) if (this[k]) ok = this[k].unsubscribe(fn) && ok; return ok; }
  traceSync(fn, context = {}, thisArg, ...args) {
    this.start.publish(context);
    try {
      const result = fn.apply(thisArg, args);
      context.result = result;
      return result;
    } catch (error) {
      context.error = error;
      this.error.publish(context);
      throw error;
    } finally {
      this.end.publish(context);
    }
  }
  tracePromise(fn, context = {}, thisArg, ...args) {
    this.start.publish(context);
    try {
      const p = fn.apply(thisArg, args);
      this.end.publish(context);
      return Promise.resolve(p).then((result) => {
        context.result = result;
        this.asyncStart.publish(context);
        this.asyncEnd.publish(context);
        return result;
      }, (error) => {
        context.error = error;
        this.error.publish(context);
        this.asyncStart.publish(context);
        this.asyncEnd.publish(context);
        throw error;
      });
    } catch (error) {
      context.error = error;
      this.error.publish(context);
      this.end.publish(context);
      throw error;
    }
  }
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    const cb = args.at(position);
    const self = this;
    args.splice(position < 0 ? args.length + position : position, 1, function (err, res) {
      if (err) { context.error = err; self.error.publish(context); } else context.result = res;
      self.asyncStart.publish(context);
      try { return cb.apply(this, arguments); } finally { self.asyncEnd.publish(context); }
    });
    return this.traceSync(fn, context, thisArg, ...args);
  }
}
module.exports = {
  channel,
  hasSubscribers: (name) => channels.has(name) && channels.get(name).hasSubscribers,
  subscribe: (name, fn) => channel(name).subscribe(fn),
  unsubscribe: (name, fn) => channel(name).unsubscribe(fn),
  tracingChannel: (name) => new TracingChannel(name),
  Channel,
};
