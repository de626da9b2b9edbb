// knex's debug output (DEBUG=knex:*) is not offered in dxhost: every debugger is disabled.
module.exports = function createDebug() {
  const debug = function () {};
  debug.enabled = false;
  return debug;
};
module.exports.enabled = () => false;
