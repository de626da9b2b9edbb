// http-errors (and depd, which reads V8 call sites through Error.prepareStackTrace at load time).
const createError = require('http-errors');
const depd = require('depd');

module.exports = {
  errors: () => {
    const e = createError(404, 'No such item');
    const e2 = new createError.Forbidden();
    const e3 = createError(500, new Error('db down'));
    return [e.status, e.statusCode, e.message, e.name, e.expose, e instanceof createError.HttpError, e2.message, e2.status, e3.message, e3.expose, typeof e.stack].join(' | ');
  },
  depd: () => {
    const deprecate = depd('my-module');
    const fn = deprecate.function(function old() { return 'still works'; }, 'old() is deprecated');
    return [typeof deprecate, deprecate._namespace, fn(), typeof deprecate._file].join(' | ');
  },
  callSites: () => {
    const prep = Error.prepareStackTrace;
    Error.prepareStackTrace = (obj, sites) => sites;
    const holder = {};
    (function namedCaller() { Error.captureStackTrace(holder); })();
    const sites = holder.stack;
    Error.prepareStackTrace = prep;
    return [Array.isArray(sites), sites[0].getFunctionName(), typeof sites[0].getFileName(), typeof sites[0].getLineNumber(), sites[0].isNative()].join(' | ');
  },
};
