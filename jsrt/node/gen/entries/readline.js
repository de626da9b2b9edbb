'use strict';
// Node's readline (non-terminal use): lines from any Readable, as events or an async iterator,
// question() over an input/output pair, and readline/promises.
const EventEmitter = require('events');
const { StringDecoder } = require('string_decoder');

class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    let options = input;
    if (!input || typeof input.on !== 'function' || input.input !== undefined) options = input || {};
    else options = { input, output, completer, terminal };
    this.input = options.input;
    this.output = options.output;
    this.terminal = false;
    this.crlfDelay = Math.max(100, options.crlfDelay || 100);
    this.closed = false;
    this.paused = false;
    this.line = '';
    this._prompt = options.prompt === undefined ? '> ' : String(options.prompt);
    this._decoder = new StringDecoder('utf8');
    this._buffer = '';
    this._sawCR = false;
    this._questions = [];
    this._onData = (chunk) => this._write(typeof chunk === 'string' ? chunk : this._decoder.write(chunk));
    this._onEnd = () => {
      const rest = this._buffer + this._decoder.end();
      this._buffer = '';
      if (rest.length > 0) this._emitLine(rest);
      this.close();
    };
    if (this.input) {
      this.input.on('data', this._onData);
      this.input.on('end', this._onEnd);
      this.input.on('error', (err) => this.emit('error', err));
      if (typeof this.input.resume === 'function') this.input.resume();
    }
  }
  _write(s) {
    let text = this._buffer + s;
    if (this._sawCR && text[0] === '\n') text = text.slice(1);
    this._sawCR = false;
    const parts = text.split(/\r\n|\n|\r/);
    this._buffer = parts.pop();
    if (text.endsWith('\r')) this._sawCR = true;
    for (const line of parts) {
      if (this.closed) return;
      this._emitLine(line);
    }
  }
  _emitLine(line) {
    const q = this._questions.shift();
    if (q) q(line);
    else this.emit('line', line);
  }
  setPrompt(p) { this._prompt = String(p); }
  getPrompt() { return this._prompt; }
  prompt() { if (this.output && typeof this.output.write === 'function') this.output.write(this._prompt); }
  question(query, options, cb) {
    if (typeof options === 'function') cb = options;
    if (this.closed) {
      const e = new Error('readline was closed');
      e.code = 'ERR_USE_AFTER_CLOSE';
      throw e;
    }
    if (this.output && typeof this.output.write === 'function') this.output.write(String(query));
    this._questions.push(cb);
  }
  write(data) { if (!this.closed) this._write(String(data)); }
  pause() {
    if (this.paused) return this;
    if (this.input && typeof this.input.pause === 'function') this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }
  resume() {
    if (!this.paused) return this;
    if (this.input && typeof this.input.resume === 'function') this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.input) {
      this.input.removeListener('data', this._onData);
      this.input.removeListener('end', this._onEnd);
    }
    this.emit('close');
  }
  getCursorPos() { return { rows: 0, cols: 0 }; }
  [Symbol.asyncIterator]() {
    const queue = [];
    const waiting = [];
    let done = false;
    let error = null;
    this.on('line', (line) => {
      if (waiting.length) waiting.shift().resolve({ value: line, done: false });
      else queue.push(line);
    });
    this.on('close', () => {
      done = true;
      for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
    });
    this.on('error', (err) => {
      error = err;
      for (const w of waiting.splice(0)) w.reject(err);
    });
    const rl = this;
    return {
      next() {
        if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
        if (error) return Promise.reject(error);
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() { rl.close(); return Promise.resolve({ value: undefined, done: true }); },
      [Symbol.asyncIterator]() { return this; },
    };
  }
}

function createInterface(input, output, completer, terminal) { return new Interface(input, output, completer, terminal); }

class PromisesInterface extends Interface {
  question(query, options = {}) {
    return new Promise((resolve, reject) => {
      if (options.signal) {
        if (options.signal.aborted) return reject(options.signal.reason);
        options.signal.addEventListener('abort', () => reject(options.signal.reason), { once: true });
      }
      super.question(query, resolve);
    });
  }
}

const noTTY = () => true;
module.exports = {
  Interface,
  createInterface,
  clearLine: noTTY,
  clearScreenDown: noTTY,
  cursorTo: noTTY,
  moveCursor: noTTY,
  emitKeypressEvents: () => {},
  promises: {
    Interface: PromisesInterface,
    createInterface: (input, output, completer, terminal) => new PromisesInterface(input, output, completer, terminal),
  },
};
