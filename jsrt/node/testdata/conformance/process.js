// process conformance: the shape Node gives (values that do not depend on the machine).
module.exports = {
  shape: () => [typeof process.env, typeof process.nextTick, typeof process.cwd(), process.version.startsWith('v'), typeof process.versions.node,
    Array.isArray(process.argv), typeof process.pid, process.release.name, typeof process.hrtime.bigint(),
    Array.isArray(process.hrtime()), process.hrtime().length, typeof process.memoryUsage().heapUsed, typeof process.uptime(),
    process instanceof require('events'), typeof process.on, typeof process.emitWarning, process.platform, process.arch,
    Object.prototype.toString.call(process)].join(','),
  envStrings: () => {
    process.env.DXHOST_TEST_NUM = 42;
    process.env.DXHOST_TEST_BOOL = true;
    const r = [typeof process.env.DXHOST_TEST_NUM, process.env.DXHOST_TEST_NUM, process.env.DXHOST_TEST_BOOL, process.env.DXHOST_MISSING];
    delete process.env.DXHOST_TEST_NUM;
    r.push('DXHOST_TEST_NUM' in process.env);
    return r.join(',');
  },
  hrtimeDiff: () => {
    const start = process.hrtime();
    const d = process.hrtime(start);
    return [d.length, d[0] >= 0, d[1] >= 0, d[1] < 1e9].join(',');
  },
  nextTickArgs: () => new Promise((resolve) => process.nextTick((a, b) => resolve(a + b), 'x', 'y')),
  events: () => new Promise((resolve) => {
    process.once('dxhost-test', (v) => resolve('got ' + v));
    process.emit('dxhost-test', 7);
  }),
  warning: () => new Promise((resolve) => {
    const onWarning = (w) => { process.removeListener('warning', onWarning); resolve(`${w.name}|${w.message}|${w.code}`); };
    process.on('warning', onWarning);
    process.emitWarning('careful', 'CustomWarning', 'DX001');
  }),
};
