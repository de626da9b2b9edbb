// knex only calls assert(value, message); Node's assert module (and the util it loads) is
// required on the first failing assertion, which then throws the real AssertionError.
'use strict';
module.exports = function assert(value, message) {
  if (!value) require('node:assert')(value, message);
};
