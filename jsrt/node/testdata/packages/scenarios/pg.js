// node-postgres (pg) against the local PostgreSQL (127.0.0.1:5432, user postgres); tables are TEMP
// (private to the session, dropped when it ends).
const { Client, Pool } = require('pg');
const config = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

module.exports = {
  query: async () => {
    const c = new Client(config);
    await c.connect();
    try {
      const one = await c.query('SELECT 1 + 1 AS two, $1::text AS echo, $2::int * 2 AS doubled', ['hi', 21]);
      await c.query('CREATE TEMP TABLE items (id serial PRIMARY KEY, name text NOT NULL, data jsonb, created date)');
      await c.query('INSERT INTO items (name, data, created) VALUES ($1, $2, $3), ($4, $5, $6)', ['a', { x: 1 }, '2024-01-02', 'b', JSON.stringify([1, 2]), '2024-03-04']);
      const rows = await c.query('SELECT id, name, data, to_char(created, \'YYYY-MM-DD\') AS created FROM items ORDER BY id');
      return JSON.stringify([one.rows, one.fields.map((f) => f.name), rows.rows, rows.rowCount, rows.command]);
    } finally {
      await c.end();
    }
  },
  errors: async () => {
    const c = new Client(config);
    await c.connect();
    try {
      await c.query('SELECT * FROM definitely_missing_table');
    } catch (e) {
      return [e.code, e.message, e.severity].join(' | ');
    } finally {
      await c.end();
    }
    return 'no error';
  },
  pool: async () => {
    const pool = new Pool(Object.assign({ max: 2 }, config));
    const results = await Promise.all([1, 2, 3, 4].map((n) => pool.query('SELECT $1::int AS n', [n])));
    await pool.end();
    return results.map((r) => r.rows[0].n).join(',');
  },
  transaction: async () => {
    const c = new Client(config);
    await c.connect();
    try {
      await c.query('CREATE TEMP TABLE t (v int)');
      await c.query('BEGIN');
      await c.query('INSERT INTO t VALUES (1)');
      await c.query('ROLLBACK');
      await c.query('BEGIN');
      await c.query('INSERT INTO t VALUES (2)');
      await c.query('COMMIT');
      return JSON.stringify((await c.query('SELECT v FROM t')).rows);
    } finally {
      await c.end();
    }
  },
};
