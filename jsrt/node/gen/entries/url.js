'use strict';
// Node's url module: the WHATWG URL and URLSearchParams are the host's (Go, WHATWG-conformant);
// the legacy parse/format/resolve come from the npm "url" port of Node's url.js.
const legacy = require('../node_modules/url/url.js');
const path = require('path');

const URLImpl = globalThis.URL;
const URLSearchParamsImpl = globalThis.URLSearchParams;

function fileURLToPath(u) {
  const url = typeof u === 'string' ? new URLImpl(u) : u;
  if (url == null || typeof url.href !== 'string') {
    const e = new TypeError('The "path" argument must be of type string or an instance of URL. Received ' + String(u));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (url.protocol !== 'file:') {
    const e = new TypeError('The URL must be of scheme file');
    e.code = 'ERR_INVALID_URL_SCHEME';
    throw e;
  }
  if (url.hostname !== '') {
    const e = new TypeError('File URL host must be "localhost" or empty on linux');
    e.code = 'ERR_INVALID_FILE_URL_HOST';
    throw e;
  }
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) {
    const e = new TypeError('File URL path must not include encoded / characters');
    e.code = 'ERR_INVALID_FILE_URL_PATH';
    throw e;
  }
  return decodeURIComponent(pathname);
}

function pathToFileURL(filepath) {
  let resolved = path.resolve(filepath);
  if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  const encoded = resolved
    .replace(/%/g, '%25')
    .replace(/\\/g, '%5C')
    .replace(/\n/g, '%0A')
    .replace(/\r/g, '%0D')
    .replace(/\t/g, '%09');
  const url = new URLImpl('file://');
  url.pathname = encoded;
  return url;
}

function format(urlObject, options) {
  if (urlObject instanceof URLImpl) {
    const o = Object.assign({ auth: true, fragment: true, search: true, unicode: false }, options);
    const u = new URLImpl(urlObject.href);
    if (!o.auth) { u.username = ''; u.password = ''; }
    if (!o.fragment) u.hash = '';
    if (!o.search) u.search = '';
    return u.href;
  }
  return legacy.format(urlObject);
}

function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return options;
}

module.exports = {
  URL: URLImpl,
  URLSearchParams: URLSearchParamsImpl,
  Url: legacy.Url,
  parse: legacy.parse,
  resolve: legacy.resolve,
  resolveObject: legacy.resolveObject,
  format,
  fileURLToPath,
  pathToFileURL,
  urlToHttpOptions,
  domainToASCII: (d) => { try { return new URLImpl('http://' + d).hostname; } catch (e) { return ''; } },
  domainToUnicode: (d) => require('../node_modules/punycode/punycode.js').toUnicode(d),
};
