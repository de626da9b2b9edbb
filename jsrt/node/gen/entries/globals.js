'use strict';
// The Node 22 globals goja lacks, installed on globalThis when this module is evaluated (once per
// runtime, before any extension code). Go does the byte work (TextEncoder/TextDecoder, atob/btoa, the
// clock) through the binding; the DOM-ish classes are plain JavaScript following the WHATWG specs.
const b = require('#binding');
const g = globalThis;

function define(obj, name, value) {
  if (obj[name] === undefined) Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
}

define(g, 'global', g);

// --- language gaps that are cheap to close ---
if (typeof Symbol.asyncIterator !== 'symbol') {
  // Same symbol esbuild's lowered async iteration helpers fall back to.
  Object.defineProperty(Symbol, 'asyncIterator', { value: Symbol.for('Symbol.asyncIterator') });
}
define(Promise, 'withResolvers', function withResolvers() {
  let resolve, reject;
  const promise = new this((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
});
define(Object, 'groupBy', function groupBy(items, callback) {
  const out = Object.create(null);
  let i = 0;
  for (const item of items) {
    const key = callback(item, i++);
    const k = typeof key === 'symbol' ? key : String(key);
    (out[k] || (out[k] = [])).push(item);
  }
  return out;
});
define(Map, 'groupBy', function groupBy(items, callback) {
  const out = new Map();
  let i = 0;
  for (const item of items) {
    const key = callback(item, i++);
    if (!out.has(key)) out.set(key, []);
    out.get(key).push(item);
  }
  return out;
});
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
define(String.prototype, 'isWellFormed', function isWellFormed() { return !loneSurrogates.test(String(this)); });
define(String.prototype, 'toWellFormed', function toWellFormed() {
  return String(this).replace(new RegExp(loneSurrogates.source, 'g'), '\ufffd');
});
define(Array, 'fromAsync', async function fromAsync(items, mapFn, thisArg) {
  const out = [];
  let i = 0;
  const it = items[Symbol.asyncIterator] ? items[Symbol.asyncIterator]() : null;
  if (it) {
    for (let r = await it.next(); !r.done; r = await it.next()) out.push(mapFn ? await mapFn.call(thisArg, r.value, i++) : r.value);
  } else {
    for (const v of Array.from(items)) out.push(mapFn ? await mapFn.call(thisArg, await v, i++) : await v);
  }
  return out;
});

// Annex B accessors goja lacks (pg and other older libraries use them).
define(Object.prototype, '__defineGetter__', function __defineGetter__(name, getter) {
  Object.defineProperty(this, name, { get: getter, enumerable: true, configurable: true });
});
define(Object.prototype, '__defineSetter__', function __defineSetter__(name, setter) {
  Object.defineProperty(this, name, { set: setter, enumerable: true, configurable: true });
});
define(Object.prototype, '__lookupGetter__', function __lookupGetter__(name) {
  for (let o = this; o != null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d.get;
  }
  return undefined;
});
define(Object.prototype, '__lookupSetter__', function __lookupSetter__(name) {
  for (let o = this; o != null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d.set;
  }
  return undefined;
});

// goja has no weak references. WeakRef keeps its target alive (deref never returns undefined) and
// FinalizationRegistry never calls back, both of which the spec allows an engine to do.
define(g, 'WeakRef', class WeakRef {
  constructor(target) {
    if (target === null || (typeof target !== 'object' && typeof target !== 'function')) throw new TypeError('WeakRef: target must be an object');
    this._target = target;
  }
  deref() { return this._target; }
  get [Symbol.toStringTag]() { return 'WeakRef'; }
});
define(g, 'FinalizationRegistry', class FinalizationRegistry {
  constructor(cleanup) {
    if (typeof cleanup !== 'function') throw new TypeError('FinalizationRegistry: cleanup must be callable');
  }
  register() {}
  unregister() { return false; }
  get [Symbol.toStringTag]() { return 'FinalizationRegistry'; }
});

// Error.captureStackTrace(target, ctor): V8's API, used by many libraries to set err.stack, and with
// Error.prepareStackTrace by others (depd, callsites) to read structured call sites. Frames come from
// the engine (file, line, column, function); those above ctor are dropped, as V8 does.
class CallSite {
  constructor(f) { this._f = f; }
  getFileName() { return this._f.file || undefined; }
  getLineNumber() { return this._f.line || null; }
  getColumnNumber() { return this._f.column || null; }
  getFunctionName() { return this._f.fn || null; }
  getMethodName() { return null; }
  getTypeName() { return null; }
  getThis() { return undefined; }
  getFunction() { return undefined; }
  getEvalOrigin() { return undefined; }
  getScriptNameOrSourceURL() { return this.getFileName(); }
  isNative() { return !this._f.file; }
  isToplevel() { return !this._f.fn; }
  isEval() { return false; }
  isConstructor() { return false; }
  isAsync() { return false; }
  isPromiseAll() { return false; }
  getPromiseIndex() { return null; }
  toString() {
    const where = this._f.file ? `${this._f.file}:${this._f.line}:${this._f.column}` : 'native';
    return this._f.fn ? `${this._f.fn} (${where})` : where;
  }
}
function callSites(ctor) {
  // b.frames skips the frames of this helper and captureStackTrace.
  let frames = b.frames();
  if (typeof ctor === 'function' && ctor.name) {
    const i = frames.findIndex((f) => f.fn === ctor.name);
    if (i >= 0) frames = frames.slice(i + 1);
  }
  const limit = typeof Error.stackTraceLimit === 'number' ? Error.stackTraceLimit : 10;
  return frames.slice(0, Math.max(0, limit)).map((f) => new CallSite(f));
}
if (typeof Error.captureStackTrace !== 'function') {
  Object.defineProperty(Error, 'captureStackTrace', {
    value: function captureStackTrace(target, ctor) {
      if (target === null || typeof target !== 'object') throw new TypeError('Invalid argument: target must be an object');
      const sites = callSites(ctor);
      let stack;
      if (typeof Error.prepareStackTrace === 'function') {
        stack = Error.prepareStackTrace(target, sites);
      } else {
        let head;
        try {
          head = Error.prototype.toString.call(target);
        } catch (e) {
          head = 'Error';
        }
        stack = [head].concat(sites.map((s) => `    at ${s}`)).join('\n');
      }
      Object.defineProperty(target, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
    },
    writable: true,
    configurable: true,
  });
  if (Error.stackTraceLimit === undefined) Error.stackTraceLimit = 10;
}

// --- DOMException, Event, EventTarget ---
const domCodes = {
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5, NoModificationAllowedError: 7,
  NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
  InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
  QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};
class DOMException extends Error {
  constructor(message = '', options = 'Error') {
    super(message);
    let name = options;
    if (options !== null && typeof options === 'object') {
      name = 'name' in options ? String(options.name) : 'Error';
      if ('cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
    }
    Object.defineProperty(this, 'name', { value: String(name), writable: true, configurable: true });
    Object.defineProperty(this, 'code', { value: domCodes[String(name)] || 0, configurable: true });
  }
  get [Symbol.toStringTag]() { return 'DOMException'; }
}
for (const [name, code] of Object.entries(domCodes)) {
  const constName = name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() + '_ERR';
  Object.defineProperty(DOMException, constName, { value: code, enumerable: true });
}
define(g, 'DOMException', DOMException);

const kStop = Symbol('stop');
class Event {
  constructor(type, init = {}) {
    if (arguments.length === 0) throw new TypeError('The "type" argument must be specified');
    this._type = String(type);
    this._bubbles = !!init.bubbles;
    this._cancelable = !!init.cancelable;
    this._composed = !!init.composed;
    this._defaultPrevented = false;
    this._timeStamp = b.now();
    this._target = null;
    this._currentTarget = null;
    this[kStop] = false;
  }
  get type() { return this._type; }
  get bubbles() { return this._bubbles; }
  get cancelable() { return this._cancelable; }
  get composed() { return this._composed; }
  get defaultPrevented() { return this._cancelable && this._defaultPrevented; }
  get timeStamp() { return this._timeStamp; }
  get target() { return this._target; }
  get currentTarget() { return this._currentTarget; }
  get srcElement() { return this._target; }
  get isTrusted() { return false; }
  get eventPhase() { return this._currentTarget ? 2 : 0; }
  get returnValue() { return !this.defaultPrevented; }
  get cancelBubble() { return this[kStop]; }
  composedPath() { return this._currentTarget ? [this._currentTarget] : []; }
  preventDefault() { this._defaultPrevented = true; }
  stopPropagation() {}
  stopImmediatePropagation() { this[kStop] = true; }
  get [Symbol.toStringTag]() { return 'Event'; }
}
Event.NONE = 0; Event.CAPTURING_PHASE = 1; Event.AT_TARGET = 2; Event.BUBBLING_PHASE = 3;
define(g, 'Event', Event);

class CustomEvent extends Event {
  constructor(type, init = {}) {
    super(type, init);
    this._detail = init.detail === undefined ? null : init.detail;
  }
  get detail() { return this._detail; }
  get [Symbol.toStringTag]() { return 'CustomEvent'; }
}
define(g, 'CustomEvent', CustomEvent);

const kListeners = Symbol('listeners');
class EventTarget {
  constructor() { this[kListeners] = new Map(); }
  addEventListener(type, listener, options) {
    if (listener == null) return;
    const opts = typeof options === 'boolean' ? { capture: options } : options || {};
    if (opts.signal && opts.signal.aborted) return;
    if (!this[kListeners]) this[kListeners] = new Map();
    let list = this[kListeners].get(type);
    if (!list) this[kListeners].set(type, (list = []));
    const capture = !!opts.capture;
    if (list.some((l) => l.listener === listener && l.capture === capture)) return;
    const entry = { listener, capture, once: !!opts.once, removed: false };
    list.push(entry);
    if (opts.signal) opts.signal.addEventListener('abort', () => this.removeEventListener(type, listener, options), { once: true });
  }
  removeEventListener(type, listener, options) {
    const list = this[kListeners] && this[kListeners].get(type);
    if (!list) return;
    const capture = typeof options === 'boolean' ? options : !!(options && options.capture);
    const i = list.findIndex((l) => l.listener === listener && l.capture === capture);
    if (i >= 0) {
      list[i].removed = true;
      list.splice(i, 1);
    }
  }
  dispatchEvent(event) {
    if (!(event instanceof Event)) throw new TypeError('The "event" argument must be an instance of Event. Received ' + typeof event);
    event._target = this;
    event._currentTarget = this;
    const list = this[kListeners] && this[kListeners].get(event.type);
    if (list) {
      for (const entry of list.slice()) {
        if (entry.removed) continue;
        if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
        try {
          if (typeof entry.listener === 'function') entry.listener.call(this, event);
          else if (entry.listener && typeof entry.listener.handleEvent === 'function') entry.listener.handleEvent(event);
        } catch (err) {
          // As in Node: a throwing listener is reported as an uncaught exception, later listeners still run.
          queueMicrotask(() => { throw err; });
        }
        if (event[kStop]) break;
      }
    }
    event._currentTarget = null;
    return !event.defaultPrevented;
  }
  get [Symbol.toStringTag]() { return 'EventTarget'; }
}
define(g, 'EventTarget', EventTarget);

// --- AbortController / AbortSignal ---
const kAborted = Symbol('aborted');
const kReason = Symbol('reason');
class AbortSignal extends EventTarget {
  constructor(key) {
    if (key !== kAborted) throw new TypeError('Illegal constructor');
    super();
    this[kAborted] = false;
    this[kReason] = undefined;
    this._onabort = null;
  }
  // An event handler attribute: a listener that takes its place in order when first set.
  get onabort() { return this._onabort; }
  set onabort(fn) {
    if (this._onabort === null && fn != null) this.addEventListener('abort', (e) => this._onabort && this._onabort.call(this, e));
    this._onabort = typeof fn === 'function' ? fn : null;
  }
  get aborted() { return this[kAborted]; }
  get reason() { return this[kReason]; }
  throwIfAborted() { if (this[kAborted]) throw this[kReason]; }
  static abort(reason) {
    const s = new AbortSignal(kAborted);
    s[kAborted] = true;
    s[kReason] = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    return s;
  }
  static timeout(ms) {
    const s = new AbortSignal(kAborted);
    const t = setTimeout(() => abortSignal(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
    if (t && typeof t.unref === 'function') t.unref();
    return s;
  }
  static any(signals) {
    const s = new AbortSignal(kAborted);
    for (const other of signals) {
      if (other.aborted) {
        s[kAborted] = true;
        s[kReason] = other.reason;
        return s;
      }
    }
    for (const other of signals) other.addEventListener('abort', () => abortSignal(s, other.reason), { once: true });
    return s;
  }
  get [Symbol.toStringTag]() { return 'AbortSignal'; }
}
function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
  signal.dispatchEvent(new Event('abort'));
}
class AbortController {
  constructor() { this._signal = new AbortSignal(kAborted); }
  get signal() { return this._signal; }
  abort(reason) { abortSignal(this._signal, reason); }
  get [Symbol.toStringTag]() { return 'AbortController'; }
}
define(g, 'AbortSignal', AbortSignal);
define(g, 'AbortController', AbortController);

// --- TextEncoder / TextDecoder (UTF-8, UTF-16LE and latin1 decoding done in Go) ---
class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(input = '') { return new Uint8Array(b.encodeUTF8(String(input))); }
  encodeInto(src, dest) {
    const bytes = new Uint8Array(b.encodeUTF8(String(src)));
    // Only whole characters are written: stop at the last code point boundary that fits.
    let n = Math.min(bytes.length, dest.length);
    while (n < bytes.length && n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
    dest.set(bytes.subarray(0, n));
    const read = b.decodeUTF8(bytes.buffer.slice(0, n), false, true).length;
    return { read, written: n };
  }
  get [Symbol.toStringTag]() { return 'TextEncoder'; }
}
const labels = {
  'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
  'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
  'windows-1252': ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252'],
};
function encodingFor(label) {
  const l = String(label).trim().toLowerCase();
  for (const [enc, names] of Object.entries(labels)) if (names.includes(l)) return enc;
  const e = new RangeError(`The "${label}" encoding is not supported`);
  e.code = 'ERR_ENCODING_NOT_SUPPORTED';
  throw e;
}
function bytesOf(input) {
  if (input === undefined) return new ArrayBuffer(0);
  if (input instanceof ArrayBuffer) return input;
  if (ArrayBuffer.isView(input)) return input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength);
  const e = new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView. Received ' + (input === null ? 'null' : typeof input));
  e.code = 'ERR_INVALID_ARG_TYPE';
  throw e;
}
class TextDecoder {
  constructor(label = 'utf-8', options = {}) {
    this._encoding = encodingFor(label);
    this._fatal = !!options.fatal;
    this._ignoreBOM = !!options.ignoreBOM;
    this._pending = null; // bytes of an incomplete trailing sequence in stream mode
    this._bomSeen = false;
  }
  get encoding() { return this._encoding; }
  get fatal() { return this._fatal; }
  get ignoreBOM() { return this._ignoreBOM; }
  decode(input, options = {}) {
    let buf = bytesOf(input);
    if (this._pending) {
      const joined = new Uint8Array(this._pending.byteLength + buf.byteLength);
      joined.set(new Uint8Array(this._pending), 0);
      joined.set(new Uint8Array(buf), this._pending.byteLength);
      buf = joined.buffer;
      this._pending = null;
    }
    const stream = !!options.stream;
    if (stream) {
      const keep = b.incompleteTail(buf, this._encoding);
      if (keep > 0) {
        this._pending = buf.slice(buf.byteLength - keep);
        buf = buf.slice(0, buf.byteLength - keep);
      }
    }
    let out;
    try {
      out = b.decode(buf, this._encoding, this._fatal);
    } catch (err) {
      const e = new TypeError('The encoded data was not valid for encoding ' + this._encoding);
      e.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
      throw e;
    }
    if (!this._ignoreBOM && !this._bomSeen && out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    if (out.length > 0 || buf.byteLength > 0) this._bomSeen = stream;
    if (!stream) this._bomSeen = false;
    return out;
  }
  get [Symbol.toStringTag]() { return 'TextDecoder'; }
}
define(g, 'TextEncoder', TextEncoder);
define(g, 'TextDecoder', TextDecoder);

// --- atob / btoa (forgiving-base64, in Go) ---
define(g, 'atob', function atob(data) {
  if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
  const r = b.atob(String(data));
  if (r === null) throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  return r;
});
define(g, 'btoa', function btoa(data) {
  if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
  const r = b.btoa(String(data));
  if (r === null) throw new DOMException('Invalid character', 'InvalidCharacterError');
  return r;
});

// --- structuredClone (the HTML structured clone algorithm for the types Node supports) ---
function cloneError(msg) { return new DOMException(msg, 'DataCloneError'); }
function structuredCloneImpl(value, memory) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')) return value;
  if (typeof value === 'symbol') throw cloneError(`${String(value)} could not be cloned.`);
  if (typeof value === 'function') throw cloneError(`${Function.prototype.toString.call(value)} could not be cloned.`);
  if (memory.has(value)) return memory.get(value);
  const tag = Object.prototype.toString.call(value);
  let out;
  switch (tag) {
    case '[object Boolean]': out = Object(Boolean.prototype.valueOf.call(value)); break;
    case '[object Number]': out = Object(Number.prototype.valueOf.call(value)); break;
    case '[object String]': out = Object(String.prototype.valueOf.call(value)); break;
    case '[object BigInt]': out = Object(BigInt.prototype.valueOf.call(value)); break;
    case '[object Date]': out = new Date(Date.prototype.getTime.call(value)); break;
    case '[object RegExp]': out = new RegExp(value.source, value.flags); break;
    case '[object ArrayBuffer]': out = value.slice(0); break;
    case '[object DataView]': {
      const buf = structuredCloneImpl(value.buffer, memory);
      out = new DataView(buf, value.byteOffset, value.byteLength);
      break;
    }
    case '[object Map]':
      out = new Map();
      memory.set(value, out);
      for (const [k, v] of value) out.set(structuredCloneImpl(k, memory), structuredCloneImpl(v, memory));
      return out;
    case '[object Set]':
      out = new Set();
      memory.set(value, out);
      for (const v of value) out.add(structuredCloneImpl(v, memory));
      return out;
    case '[object Error]': {
      const names = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
      const name = names[value.name] ? value.name : 'Error';
      out = new names[name](value.message);
      memory.set(value, out);
      if ('stack' in value) Object.defineProperty(out, 'stack', { value: value.stack, writable: true, configurable: true });
      if ('cause' in value) Object.defineProperty(out, 'cause', { value: structuredCloneImpl(value.cause, memory), writable: true, configurable: true });
      return out;
    }
    case '[object Array]':
      out = new Array(value.length);
      memory.set(value, out);
      for (const k of Object.keys(value)) out[k] = structuredCloneImpl(value[k], memory);
      return out;
    case '[object Object]':
      out = {};
      memory.set(value, out);
      for (const k of Object.keys(value)) out[k] = structuredCloneImpl(value[k], memory);
      return out;
    default:
      if (ArrayBuffer.isView(value)) {
        const buf = structuredCloneImpl(value.buffer, memory);
        // Buffer clones as a plain Uint8Array, as in Node.
        const Ctor = Object.getPrototypeOf(Uint8Array.prototype).constructor === Object.getPrototypeOf(Object.getPrototypeOf(value)).constructor ? value.constructor : Uint8Array;
        out = new (g[Ctor.name] || Uint8Array)(buf, value.byteOffset, value.length);
        break;
      }
      if (typeof Blob === 'function' && value instanceof Blob) { out = value.slice(0, value.size, value.type); break; }
      throw cloneError(`${tag === '[object Object]' ? 'Object' : tag.slice(8, -1)} object could not be cloned.`);
  }
  memory.set(value, out);
  return out;
}
define(g, 'structuredClone', function structuredClone(value, options) {
  if (arguments.length === 0) throw new TypeError('The "value" argument must be specified');
  return structuredCloneImpl(value, new Map());
});

// --- performance ---
class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    this.name = name; this.entryType = entryType; this.startTime = startTime; this.duration = duration;
    if (detail !== undefined) this.detail = detail;
  }
  toJSON() { return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail }; }
}
const entries = [];
const performance = {
  timeOrigin: b.timeOrigin,
  now: () => b.now(),
  mark(name, options = {}) {
    const e = new PerformanceEntry(String(name), 'mark', options.startTime !== undefined ? options.startTime : b.now(), 0, options.detail === undefined ? null : options.detail);
    entries.push(e);
    return e;
  },
  measure(name, start, end) {
    const at = (m, dflt) => {
      if (m === undefined) return dflt;
      if (typeof m === 'number') return m;
      const found = entries.filter((e) => e.name === m && e.entryType === 'mark').pop();
      if (!found) {
        const err = new DOMException(`The "${m}" performance mark has not been set`, 'SyntaxError');
        throw err;
      }
      return found.startTime;
    };
    let s, f, detail;
    if (start !== null && typeof start === 'object') {
      s = at(start.start, 0); f = at(start.end, b.now()); detail = start.detail;
    } else {
      s = at(start, 0); f = at(end, b.now());
    }
    const e = new PerformanceEntry(String(name), 'measure', s, f - s, detail === undefined ? null : detail);
    entries.push(e);
    return e;
  },
  getEntries: () => entries.slice(),
  getEntriesByName: (name, type) => entries.filter((e) => e.name === name && (type === undefined || e.entryType === type)),
  getEntriesByType: (type) => entries.filter((e) => e.entryType === type),
  clearMarks: (name) => { for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && (name === undefined || entries[i].name === name)) entries.splice(i, 1); },
  clearMeasures: (name) => { for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'measure' && (name === undefined || entries[i].name === name)) entries.splice(i, 1); },
  toJSON() { return { timeOrigin: this.timeOrigin }; },
  get [Symbol.toStringTag]() { return 'Performance'; },
};
define(g, 'performance', performance);
define(g, 'PerformanceEntry', PerformanceEntry);

// --- navigator (Node 21+) ---
class Navigator {
  get hardwareConcurrency() { return b.cpus; }
  get language() { return 'en-US'; }
  get languages() { return ['en-US']; }
  get platform() { return b.navigatorPlatform; }
  get userAgent() { return 'Node.js/22'; }
}
define(g, 'navigator', new Navigator());
define(g, 'Navigator', Navigator);

// --- URL / URLSearchParams: whatwg-url, the WHATWG URL Standard's reference implementation,
// loaded on first use (its Unicode tables are most of this bundle's start-up cost) ---
{
  let whatwgUrl;
  const load = () => whatwgUrl || (whatwgUrl = require('../node_modules/whatwg-url/index.js'));
  for (const name of ['URL', 'URLSearchParams']) {
    Object.defineProperty(g, name, {
      get() { return load()[name]; },
      set(v) { Object.defineProperty(g, name, { value: v, writable: true, configurable: true, enumerable: false }); },
      configurable: true,
      enumerable: false,
    });
  }
}

module.exports = {};
