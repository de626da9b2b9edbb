// The JavaScript half of context.database: the real knex 3.1.0 query builder with a client whose
// "driver" is Go. knex compiles every query (and the schema builder's DDL) exactly as under
// Directus; the connection objects below hand the SQL and bindings to Go (the `binding` object built
// by knexjs.go), which runs them on the shared pool and answers in the shape the npm driver would
// (node-postgres Result, mysql2 [rows, fields], node-sqlite3 rows / {lastID, changes}), so knex's
// own _query and processResponse stay untouched.
'use strict';

const knex = require('knex/lib/knex-builder/Knex');
const Client_PG_Base = require('knex/lib/dialects/postgres');
const Client_MySQL2_Base = require('knex/lib/dialects/mysql2');
const Client_SQLite3_Base = require('knex/lib/dialects/sqlite3');
// mysql2 writes values into the SQL on the client with sql-escaper (stringifyObjects false,
// timezone 'local'); the same library does it here.
const SqlEscaper = require('sql-escaper');
// node-postgres (pg-types 2.2) parses interval values with postgres-interval.
const parseInterval = require('postgres-interval');

// Key under which a transaction object carries its Go *sqlx.Tx (agreed with shim/servicesjs).
const TX = Symbol.for('dxhost.sqlx.tx');

// Connection is one knex "connection": a Go handle that runs on the pool until knex begins a
// transaction on it, then on that transaction's connection until COMMIT/ROLLBACK.
class Connection {
  constructor(binding, handle) {
    this._binding = binding;
    this._handle = handle;
  }
}

// node-postgres's client.query(config, callback).
class PGConnection extends Connection {
  query(config, callback) {
    if (typeof config === 'string') config = { text: config };
    const rowMode = config.rowMode === 'array' ? 'array' : '';
    this._binding
      .query(this._handle, config.text, config.values || [], rowMode)
      .then((res) => callback(null, res), (err) => callback(pgError(err)));
  }
}

// pg-protocol's DatabaseError: what node-postgres rejects with for a server error.
class DatabaseError extends Error {
  constructor(message, length, name) {
    super(message);
    this.length = length;
    this.name = name;
  }
}

const pgErrorFields = ['severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'];

function pgError(err) {
  if (!err || err.severity === undefined) return err;
  const e = new DatabaseError(err.message, undefined, 'error');
  for (const f of pgErrorFields) e[f] = err[f];
  return e;
}

// mysql2's connection.query(options, values, callback).
class MySQLConnection extends Connection {
  query(options, values, callback) {
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    if (typeof options === 'string') options = { sql: options };
    const rowMode = options.rowsAsArray ? 'array' : '';
    let sql;
    try {
      sql = SqlEscaper.format(options.sql, values === undefined ? [] : values, false, 'local');
    } catch (err) {
      callback(err);
      return;
    }
    this._binding
      .query(this._handle, sql, [], rowMode)
      .then((res) => callback(null, res[0], res[1]), (err) => callback(err));
  }
}

// node-sqlite3's db.all / db.run: run's callback sees { lastID, changes } as `this`.
class SQLiteConnection extends Connection {
  all(sql, bindings, callback) {
    this._binding
      .query(this._handle, sql, bindings || [], 'all')
      .then((res) => callback.call({ sql }, null, res), (err) => callback.call({ sql }, err));
  }
  run(sql, bindings, callback) {
    if (typeof bindings === 'function') {
      callback = bindings;
      bindings = [];
    }
    this._binding.query(this._handle, sql, bindings || [], 'run').then(
      (res) => callback && callback.call({ sql, lastID: res.lastID, changes: res.changes }, null),
      (err) => callback && callback.call({ sql }, err)
    );
  }
}

// goClient extends a knex dialect client so that connections come from Go instead of the npm
// driver and knex's own pool (the Go pool is shared by every extension).
function goClient(Base, ConnectionClass, binding) {
  class GoClient extends Base {
    initializeDriver() {
      this.driver = {};
    }
    initializePool() {}
    validateConnection() {
      return true;
    }
    async acquireConnection() {
      return new ConnectionClass(binding, binding.acquire());
    }
    async releaseConnection(connection) {
      if (connection instanceof Connection) binding.release(connection._handle);
    }
    async acquireRawConnection() {
      return new ConnectionClass(binding, binding.acquire());
    }
    async destroyRawConnection(connection) {
      if (connection instanceof Connection) binding.release(connection._handle);
    }
    // The database's name (knex's MySQL columnInfo filters information_schema by it).
    database() {
      return binding.databaseName();
    }
    // Called by the patched makeTransactor (gen.go) for every transaction object handed to JS.
    tagTransactor(transactor, connection) {
      if (!(connection instanceof Connection)) return;
      Object.defineProperty(transactor, TX, {
        configurable: true,
        enumerable: false,
        get: () => binding.tx(connection._handle),
      });
    }
    // .stream() on MySQL: the rows are read whole by Go, then written to the stream in order
    // (SQLite's knex client already works that way). Under Directus, PostgreSQL streams need
    // pg-query-stream, which Directus does not install: the same error is raised here.
    _stream(connection, obj, stream, options) {
      if (Base === Client_SQLite3_Base) return super._stream(connection, obj, stream, options);
      if (!obj.sql) throw new Error('The query is empty');
      if (Base === Client_PG_Base) {
        const err = new Error("Cannot find module 'pg-query-stream'");
        err.code = 'MODULE_NOT_FOUND';
        throw err;
      }
      return new Promise((resolve, reject) => {
        stream.on('error', reject);
        stream.on('end', resolve);
        this._query(connection, obj)
          .then((res) => {
            for (const row of res.response[0]) stream.write(row);
            stream.end();
          })
          .catch((err) => stream.emit('error', err));
      });
    }
  }
  // Directus and extensions tell the dialect by client.constructor.name (getDatabaseClient).
  Object.defineProperty(GoClient, 'name', { value: Base.name });
  return GoClient;
}

// create builds the knex instance for one runtime. binding.client is Directus's DB_CLIENT.
function create(binding) {
  binding.parseInterval = parseInterval;
  let Client;
  const config = {
    connection: {},
    log: {
      // Directus's own filter of knex warnings (database/index.ts).
      warn: (msg) => {
        if (msg.startsWith('.returning()')) return;
        if (msg.endsWith('does not currently support RETURNING clause')) return;
        if (msg.startsWith('Transaction was implicitly committed, do not mix transactions and DDL with MySQL')) return;
        binding.log('warn', String(msg));
      },
      error: (msg) => binding.log('error', String(msg)),
      deprecate: (msg) => binding.log('info', String(msg)),
      debug: (msg) => binding.log('debug', String(msg)),
    },
  };
  switch (binding.client) {
    case 'pg':
      Client = goClient(Client_PG_Base, PGConnection, binding);
      break;
    case 'mysql':
      Client = goClient(Client_MySQL2_Base, MySQLConnection, binding);
      break;
    case 'sqlite3':
      Client = goClient(Client_SQLite3_Base, SQLiteConnection, binding);
      config.useNullAsDefault = true;
      config.connection = { filename: binding.filename || '' };
      break;
    default:
      throw new Error(`knex: DB_CLIENT "${binding.client}" is not served by dxhost`);
  }
  config.client = Client;
  const database = knex(config);
  if (binding.trace) traceQueries(database, binding);
  return database;
}

// traceQueries logs every query at trace level as Directus does ("[1.234ms] sql [bindings]").
function traceQueries(database, binding) {
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  const times = new Map();
  database
    .on('query', ({ __knexUid }) => {
      times.set(__knexUid, now());
    })
    .on('query-response', (_response, queryInfo) => {
      const time = times.get(queryInfo.__knexUid);
      let delta;
      if (time) {
        delta = now() - time;
        times.delete(queryInfo.__knexUid);
      }
      const bindings = queryInfo.bindings ? (Array.isArray(queryInfo.bindings) ? queryInfo.bindings : Object.values(queryInfo.bindings)) : [];
      binding.log('trace', `[${delta ? delta.toFixed(3) : '?'}ms] ${queryInfo.sql} [${bindings.join(', ')}]`);
    })
    .on('query-error', (_, queryInfo) => {
      times.delete(queryInfo.__knexUid);
    });
}

module.exports = { create, knex };
