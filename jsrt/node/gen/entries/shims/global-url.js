'use strict';
// node-fetch falls back to whatwg-url@5 when url.URL is missing; ours always has the WHATWG URL.
exports.URL = globalThis.URL;
