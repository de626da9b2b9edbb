// colorette asks whether stdout is a terminal to colour knex's default log output; dxhost gives
// knex its own log functions, so no colours are ever written.
'use strict';
module.exports = { isatty: () => false };
