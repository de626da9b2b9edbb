// Records what the real knex 3.1.0 and the npm drivers Directus 12.4.1 uses (pg, mysql2, sqlite3)
// answer to cases.js, configured as Directus configures its knex (database/index.ts), each client
// in a fresh database that is dropped afterwards. Run with Node and a node_modules holding those
// packages (e.g. a Directus 12.4.1 install):
//
//	NODE_PATH=/path/to/directus/node_modules node record.js [sqlite3|pg|mysql ...]
//
// It writes golden/<client>.json, which knexjs_test.go compares dxhost against; with TZ set (e.g.
// TZ=America/New_York) it writes golden-<TZ>/ instead, to check local-time Dates.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const knex = require('knex');
const run = require('./cases.js');

const log = {
  warn: (msg) => {
    if (msg.startsWith('.returning()')) return;
    if (msg.endsWith('does not currently support RETURNING clause')) return;
    if (msg.startsWith('Transaction was implicitly committed, do not mix transactions and DDL with MySQL')) return;
  },
  error: () => {},
  deprecate: () => {},
  debug: () => {},
};

async function withDatabase(client, fn) {
  const name = 'knexrec_' + Math.random().toString(36).slice(2, 10);
  if (client === 'sqlite3') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knexrec-'));
    const pool = { afterCreate: (conn, cb) => { conn.run('PRAGMA foreign_keys = ON'); cb(null, conn); } };
    try {
      return await fn({ client: 'sqlite3', connection: { filename: path.join(dir, 'data.db') }, useNullAsDefault: true, pool, log });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const server = client === 'pg'
    ? { client: 'pg', connection: { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' } }
    : { client: 'mysql2', connection: { host: '127.0.0.1', port: 3306, user: 'root', password: '' } };
  const admin = knex({ ...server, log });
  const q = client === 'pg' ? '"' : '`';
  await admin.raw(`create database ${q}${name}${q}`);
  try {
    return await fn({ ...server, connection: { ...server.connection, database: name }, pool: {}, log });
  } finally {
    await admin.raw(`drop database ${q}${name}${q}` + (client === 'pg' ? ' with (force)' : ''));
    await admin.destroy();
  }
}

(async () => {
  const clients = process.argv.slice(2).length ? process.argv.slice(2) : ['sqlite3', 'pg', 'mysql'];
  const tz = process.env.TZ && process.env.TZ !== 'UTC' ? process.env.TZ.replace(/\//g, '_') : '';
  const dir = path.join(__dirname, tz ? 'golden-' + tz : 'golden');
  fs.mkdirSync(dir, { recursive: true });
  for (const client of clients) {
    const out = await withDatabase(client, async (config) => {
      const db = knex(config);
      try {
        const res = await run(db, client);
        // Server messages may name the random database: keep the recording stable.
        const name = config.connection.database;
        return name ? JSON.parse(JSON.stringify(res).split(name).join('<db>')) : res;
      } finally {
        await db.destroy();
      }
    });
    const file = path.join(dir, client + '.json');
    fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    console.log('wrote', file);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
