'use strict';
// The fetch family (fetch, Request, Response, Headers, FormData) for Node 22's globals:
// node-fetch v2 (the long-standing Node implementation) over our http/https/zlib, with Node 22's
// defaults and errors around it, plus a spec-following FormData (Blob and File live in buffer).
const nodeFetch = require('../node_modules/node-fetch/lib/index.js');
const { Buffer } = require('buffer');
const { Readable } = require('stream');
const http = require('http');
const https = require('https');

const { Blob, File } = require('buffer');
const kBytes = Symbol.for('dxhost.blob.bytes');
function partBytes(part) {
  if (part instanceof ArrayBuffer) return Buffer.from(part);
  if (ArrayBuffer.isView(part)) return Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  return Buffer.from(String(part));
}

// --- FormData ---
const kEntries = Symbol('entries');
function formValue(value, filename) {
  if (value instanceof Blob) {
    if (!(value instanceof File) || filename !== undefined) return new File([value], filename === undefined ? 'blob' : String(filename), { type: value.type });
    return value;
  }
  return String(value);
}
class FormData {
  constructor(form) {
    if (form !== undefined) {
      const e = new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
      throw e;
    }
    this[kEntries] = [];
  }
  append(name, value, filename) { this[kEntries].push([String(name), formValue(value, filename)]); }
  set(name, value, filename) {
    name = String(name);
    const v = formValue(value, filename);
    const i = this[kEntries].findIndex(([n]) => n === name);
    if (i < 0) return this.append(name, v);
    this[kEntries][i] = [name, v];
    this[kEntries] = this[kEntries].filter(([n], j) => n !== name || j === i);
  }
  get(name) { const e = this[kEntries].find(([n]) => n === String(name)); return e ? e[1] : null; }
  getAll(name) { return this[kEntries].filter(([n]) => n === String(name)).map(([, v]) => v); }
  has(name) { return this[kEntries].some(([n]) => n === String(name)); }
  delete(name) { this[kEntries] = this[kEntries].filter(([n]) => n !== String(name)); }
  *entries() { yield* this[kEntries].map(([n, v]) => [n, v]); }
  *keys() { for (const [n] of this[kEntries]) yield n; }
  *values() { for (const [, v] of this[kEntries]) yield v; }
  forEach(cb, thisArg) { for (const [n, v] of this[kEntries]) cb.call(thisArg, v, n, this); }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return 'FormData'; }
}
// multipart/form-data encoding as the HTML standard (and undici) writes it.
function encodeForm(form) {
  const boundary = '----formdata-undici-0' + String(Math.random()).slice(2, 13).padStart(11, '0');
  const esc = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  const norm = (s) => s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');
  const parts = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${esc(norm(name))}"\r\n\r\n${norm(value)}\r\n`));
    } else {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${esc(norm(name))}"; filename="${esc(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`));
      parts.push(value[kBytes], Buffer.from('\r\n'));
    }
  }
  parts.push(Buffer.from(`--${boundary}--`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

// --- fetch with Node 22's defaults and errors ---
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
const defaults = { 'accept': '*/*', 'accept-language': '*', 'sec-fetch-mode': 'cors', 'user-agent': 'node', 'accept-encoding': 'gzip, deflate' };

function prepareInit(init) {
  const out = Object.assign({}, init);
  const headers = new nodeFetch.Headers(init && init.headers);
  if (out.body instanceof FormData) {
    const { body, type } = encodeForm(out.body);
    out.body = body;
    headers.set('content-type', type);
  } else if (out.body instanceof Blob) {
    if (out.body.type && !headers.has('content-type')) headers.set('content-type', out.body.type);
    out.body = out.body[kBytes];
  } else if (out.body && typeof out.body.getReader === 'function') {
    out.body = require('stream').Readable.fromWeb(out.body);
  } else if (out.body instanceof ArrayBuffer || (ArrayBuffer.isView(out.body) && !Buffer.isBuffer(out.body))) {
    out.body = partBytes(out.body);
  }
  out.headers = headers;
  return out;
}

async function fetch(input, init = {}) {
  const request = new nodeFetch.Request(input instanceof URL ? input.href : input, prepareInit(init));
  for (const [k, v] of Object.entries(defaults)) if (!request.headers.has(k)) request.headers.set(k, v);
  const signal = init.signal || (input && input.signal);
  if (signal && signal.aborted) throw signal.reason;
  try {
    const res = await nodeFetch(request, { agent: (u) => agents[u.protocol] });
    Object.defineProperty(res, 'type', { value: 'basic' });
    return res;
  } catch (err) {
    if (err && err.name === 'AbortError' && signal) throw signal.reason;
    if (err && err.name === 'FetchError') {
      const reason = String(err.message).replace(/^request to .* failed, reason: /, '');
      const cause = new Error(reason);
      if (err.code) { cause.code = err.code; cause.errno = err.errno; }
      const e = new TypeError('fetch failed');
      e.cause = err.type === 'system' ? cause : err;
      throw e;
    }
    throw err;
  }
}

// Response.body is a WHATWG ReadableStream, as in Node 22 (made on first access over node-fetch's
// Node stream, which its own text()/json()/arrayBuffer() keep reading).
const kBodyInternals = Object.getOwnPropertySymbols(new nodeFetch.Response('')).find((s) => s.description === 'Body internals');
const kWebBody = Symbol('webBody');
Object.defineProperty(nodeFetch.Response.prototype, 'body', {
  get() {
    const inner = this[kBodyInternals].body;
    if (inner === null || inner === undefined) return null;
    if (!this[kWebBody]) {
      const { Readable } = require('stream');
      const nodeStream = Buffer.isBuffer(inner) ? Readable.from([inner]) : inner;
      Object.defineProperty(this, kWebBody, { value: Readable.toWeb(nodeStream) });
      this[kBodyInternals].disturbed = true;
    }
    return this[kWebBody];
  },
  configurable: true,
  enumerable: true,
});

// Response.type: 'default' for constructed responses ('basic' is set on fetched ones).
Object.defineProperty(nodeFetch.Response.prototype, 'type', { get() { return 'default'; }, configurable: true });
// Headers.getSetCookie (Node 19.7+): every Set-Cookie value on its own.
nodeFetch.Headers.prototype.getSetCookie = function getSetCookie() { return this.raw()['set-cookie'] || []; };

module.exports = {
  fetch,
  Request: nodeFetch.Request,
  Response: nodeFetch.Response,
  Headers: nodeFetch.Headers,
  FormData,
};
