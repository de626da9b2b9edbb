// os, dns and module conformance (machine-independent answers only).
const os = require('os');
const dns = require('dns');
const { createRequire, builtinModules, isBuiltin } = require('module');
module.exports = {
  osShape: () => [os.EOL === '\n', os.platform(), os.type(), os.arch(), os.endianness(), typeof os.hostname(), os.cpus().length > 0, os.totalmem() > os.freemem(),
    os.loadavg().length, typeof os.uptime(), typeof os.userInfo().username, os.constants.signals.SIGTERM, os.constants.errno.ENOENT, typeof os.networkInterfaces(),
    os.availableParallelism() > 0, os.tmpdir().endsWith('/'), os.devNull].join(','),
  lookupLocalhost: () => new Promise((resolve) => dns.lookup('127.0.0.1', (err, address, family) => resolve([err, address, family].join(',')))),
  lookupAll: () => new Promise((resolve) => dns.lookup('::1', { all: true }, (err, list) => resolve(JSON.stringify([err, list])))),
  promisesLookup: async () => JSON.stringify(await dns.promises.lookup('127.0.0.1')),
  notFound: () => new Promise((resolve) => dns.lookup('does-not-exist.invalid', (err) => resolve([err.code, err.syscall, err.hostname, err.message].join(' | ')))),
  createRequire: () => {
    const req = createRequire(__filename);
    const sameDir = createRequire('file://' + __dirname + '/x.js');
    return [typeof req, req('./keys.json') === sameDir('./keys.json'), typeof req('path').join, typeof req.resolve].join(',');
  },
  builtins: () => [isBuiltin('fs'), isBuiltin('node:path'), isBuiltin('left-pad'), builtinModules.includes('crypto')].join(','),
};
module.exports.realValues = () => {
  const cpus = require('os').cpus();
  const t = cpus[0].times;
  const m = process.umask();
  return [Object.keys(t).join(','), t.user + t.sys + t.idle > 0, typeof m, m >= 0 && m <= 0o777, require('os').getPriority(), Array.isArray(dns.getServers()), dns.getDefaultResultOrder()].join(' | ');
};
