// The conformance script: run against a fresh, empty database by the real knex 3.1.0 with the real
// drivers (record.js, under Node) and by dxhost's knexjs (knexjs_test.go); the outputs must be
// equal. Each value is described with its JS type so that a string "1" and a number 1 differ.
'use strict';

function describe(v) {
  if (v === null) return null;
  if (v === undefined) return '<undefined>';
  if (typeof v === 'number') return Number.isNaN(v) ? 'number:NaN' : v;
  if (typeof v === 'string') return 'string:' + v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return 'bigint:' + v;
  if (v instanceof Date) return 'Date:' + (Number.isNaN(v.getTime()) ? 'Invalid' : v.toISOString());
  if (typeof Buffer !== 'undefined' && Buffer.isBuffer(v)) return 'Buffer:' + v.toString('hex');
  if (v instanceof Uint8Array) return 'Uint8Array:' + Array.from(v).join(',');
  if (Array.isArray(v)) return v.map(describe);
  if (typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v)) out[k] = describe(v[k]);
    return out;
  }
  return typeof v;
}

// Only the parts of a raw driver response that are the driver's documented answer (node-postgres's
// Result also carries parser caches; mysql2's fields carry column metadata).
function rawShape(client, res) {
  if (client === 'pg') {
    if (Array.isArray(res)) return res.map((r) => rawShape(client, r));
    return { command: res.command, rowCount: res.rowCount, rows: res.rows, fieldNames: res.fields.map((f) => f.name), fieldTypes: res.fields.map((f) => f.dataTypeID) };
  }
  if (client === 'mysql') {
    const [rows, fields] = res;
    if (Array.isArray(rows)) return { rows, fieldNames: fields.map((f) => f.name) };
    return { affectedRows: rows.affectedRows, insertId: rows.insertId, fields: fields === undefined ? '<undefined>' : 'present' };
  }
  return res;
}

// Driver responses knex returns as-is (schema builder, pg insert without returning) are reduced to
// their documented parts: node-postgres Result {command, rowCount, rows}; mysql2 ResultSetHeader
// {affectedRows, insertId} (its info/serverStatus/warningStatus/changedRows are not compared).
function driverShape(v) {
  if (Array.isArray(v)) return v.map(driverShape);
  if (v && typeof v === 'object' && 'command' in v && 'rowCount' in v && 'rows' in v && 'fields' in v) {
    return { command: v.command, rowCount: v.rowCount, rows: v.rows };
  }
  if (v && typeof v === 'object' && 'affectedRows' in v && 'fieldCount' in v) {
    return { affectedRows: v.affectedRows, insertId: v.insertId };
  }
  return v;
}

function errorShape(err) {
  return { error: true, message: err.message, code: err.code, errno: err.errno, constructor: err.constructor && err.constructor.name };
}

module.exports = async function run(database, client) {
  const out = {};
  const step = async (name, fn) => {
    try {
      out[name] = describe(driverShape(await fn()));
    } catch (err) {
      out[name] = describe(errorShape(err));
    }
  };

  await step('client', () => ({ name: database.client.constructor.name, config: database.client.config.client, dialect: database.client.dialect }));

  await step('createTable', () =>
    database.schema.createTable('items', (t) => {
      t.increments('id');
      t.string('name', 100).notNullable().unique();
      t.text('body');
      t.integer('qty');
      t.bigInteger('big');
      t.decimal('price', 10, 2);
      t.float('ratio');
      t.boolean('active');
      t.date('day');
      t.dateTime('at');
      t.timestamp('stamp', { useTz: true });
      t.json('data');
      t.uuid('ref');
      t.binary('blob');
    })
  );
  await step('createTableCategories', () =>
    database.schema.createTable('categories', (t) => {
      t.increments('id');
      t.string('title');
      t.integer('item_id').unsigned().references('id').inTable('items').onDelete('CASCADE');
    })
  );
  await step('hasTable', async () => [await database.schema.hasTable('items'), await database.schema.hasTable('nope')]);
  await step('hasColumn', async () => [await database.schema.hasColumn('items', 'price'), await database.schema.hasColumn('items', 'nope')]);

  const at = new Date(Date.UTC(2024, 4, 1, 10, 20, 30, 123));
  await step('insertOne', () =>
    database('items').insert({
      name: 'alpha', body: 'first', qty: 3, big: '9007199254740993', price: 12.5, ratio: 0.25, active: true,
      day: '2024-05-01', at, stamp: at, data: JSON.stringify({ a: [1, 2], b: 'x' }),
      ref: '8d6f1a3e-1c2b-4a5d-9e8f-0123456789ab', blob: Buffer.from([0, 1, 2, 255]),
    })
  );
  await step('insertReturningId', () => database('items').insert({ name: 'beta', qty: 5, price: '3.10', active: false }, ['id']));
  await step('insertReturningCols', () => database('items').insert({ name: 'gamma', qty: 7 }).returning(['id', 'name']));
  await step('insertMany', () => database('items').insert([{ name: 'delta', qty: 1 }, { name: 'epsilon', qty: 2 }]));
  await step('insertDuplicate', () => database('items').insert({ name: 'alpha' }));
  await step('insertNoTable', () => database('nope').insert({ name: 'x' }));

  await step('selectAll', () => database('items').select('*').orderBy('id'));
  await step('selectWhereFirst', () => database('items').where({ name: 'alpha' }).first());
  await step('selectFirstMissing', () => database('items').where({ name: 'zzz' }).first());
  await step('selectColumns', () => database('items').select('id', 'name').where('qty', '>', 2).orderBy('qty', 'desc'));
  await step('selectLimitOffset', () => database('items').select('name').orderBy('id').limit(2).offset(1));
  await step('whereIn', () => database('items').whereIn('name', ['beta', 'delta']).orderBy('id').pluck('name'));
  await step('whereNullOr', () => database('items').whereNull('body').orWhere('qty', 3).orderBy('id').pluck('id'));
  await step('whereLike', () => database('items').where('name', 'like', '%ta%').orderBy('name').pluck('name'));
  await step('count', () => database('items').count('* as n'));
  await step('countFirst', () => database('items').count({ n: 'id' }).first());
  await step('aggregates', () => database('items').sum('qty as total').max('qty as most').min('qty as least').first());
  await step('avg', () => database('items').avg('qty as mean').first());
  await step('groupByHaving', () =>
    database('items').select('active').count('* as n').groupBy('active').having(database.raw('count(*) > 0')).orderBy('active')
  );
  await step('distinct', () => database('items').distinct('active').orderBy('active'));

  await step('insertCategories', () =>
    database('categories').insert([{ title: 'c1', item_id: 1 }, { title: 'c2', item_id: 1 }, { title: 'c3', item_id: 2 }])
  );
  await step('join', () =>
    database('items')
      .join('categories', 'categories.item_id', 'items.id')
      .select('items.name', 'categories.title')
      .orderBy('categories.id')
  );
  await step('leftJoinCount', () =>
    database('items')
      .leftJoin('categories', 'categories.item_id', 'items.id')
      .select('items.name')
      .count('categories.id as n')
      .groupBy('items.name')
      .orderBy('items.name')
  );
  await step('subquery', () =>
    database('items').whereIn('id', database('categories').select('item_id')).orderBy('id').pluck('name')
  );

  await step('update', () => database('items').where('qty', '<', 3).update({ body: 'small' }));
  await step('updateNone', () => database('items').where('qty', '>', 1000).update({ body: 'none' }));
  await step('updateReturning', () => database('items').where({ name: 'beta' }).update({ qty: 6 }, ['id', 'qty']));
  await step('increment', () => database('items').where({ name: 'gamma' }).increment('qty', 10));
  await step('decrement', () => database('items').where({ name: 'gamma' }).decrement({ qty: 1 }));
  await step('afterCounter', () => database('items').where({ name: 'gamma' }).first('qty'));
  await step('delete', () => database('items').where({ name: 'epsilon' }).del());
  await step('deleteNone', () => database('items').where({ name: 'zzz' }).del());

  await step('rawSelect', async () => rawShape(client, await database.raw('select name, qty from items where qty >= ? order by id', [5])));
  await step('rawNamedBindings', async () => rawShape(client, await database.raw('select name from items where name = :n', { n: 'alpha' })));
  await step('rawIdentifier', async () => rawShape(client, await database.raw('select ?? from ?? where id = ?', ['name', 'items', 1])));
  await step('rawUpdate', async () => rawShape(client, await database.raw('update items set qty = qty + 1 where name = ?', ['alpha'])));
  await step('rawError', async () => rawShape(client, await database.raw('select * from missing_table')));
  await step('rawBadSyntax', async () => rawShape(client, await database.raw('selec 1')));
  await step('rawTypes', async () => {
    const sql = {
      pg: "select 1 as i, 2::bigint as b, 1.50::numeric(10,2) as n, 0.5::float8 as f, true as t, '2024-05-01'::date as d, '2024-05-01 10:20:30.123456'::timestamp as ts, '2024-05-01 10:20:30+02'::timestamptz as tz, '{\"a\":1}'::json as j, '{\"b\":2}'::jsonb as jb, '1 day 02:03:04.5'::interval as iv, interval '-3 hours' as niv, point(1.5, 2) as pt, circle(point(1, 2), 3) as ci, ARRAY[1,2] as arr, ARRAY['x','y z'] as tarr, '\\x00ff'::bytea as bin, '10:20:30'::time as tm, null as nul",
      mysql: "select 1 as i, cast(2 as signed) as b, cast(1.5 as decimal(10,2)) as n, 0.5e0 as f, true as t, cast('2024-05-01' as date) as d, cast('2024-05-01 10:20:30.123' as datetime(3)) as ts, 'text' as s, x'00ff' as bin, cast('10:20:30' as time) as tm, null as nul",
      sqlite3: "select 1 as i, 9007199254740993 as b, 1.5 as n, 0.5 as f, 'text' as s, x'00ff' as bin, null as nul",
    }[client];
    return rawShape(client, await database.raw(sql));
  });

  await step('bindDate', () => database('items').where('stamp', '=', at).pluck('name'));
  await step('bindObjectJson', async () => {
    await database('items').where({ name: 'beta' }).update({ data: { nested: { ok: true }, list: [1, 'two'] } });
    return database('items').where({ name: 'beta' }).first('data');
  });
  await step('bindArrayAny', async () =>
    client === 'pg'
      ? rawShape(client, await database.raw('select ?::int[] as arr, 3 = ANY(?::int[]) as has', [[1, 2, 3], [3, 4]]))
      : rawShape(client, await database.raw('select ? as v', [[1, 2]]))
  );
  await step('bindScalars', async () =>
    rawShape(client, await database.raw('select ? as t, ? as f, ? as n, ? as neg, ? as fl, ? as big, ? as s, ? as nul', [true, false, 0, -5, 1.25, 2 ** 40, "it's \\ \"q\"", null]))
  );
  await step('undefinedBinding', () => database('items').where({ name: undefined }).first());
  await step('multiStatement', async () => rawShape(client, await database.raw('select 1 as a; select 2 as b')));
  await step('stream', () =>
    new Promise((resolve, reject) => {
      const names = [];
      const s = database('items').select('name').orderBy('id').limit(3).stream();
      s.on('data', (row) => names.push(row.name));
      s.on('end', () => resolve(names));
      s.on('error', (e) => reject(e));
    })
  );
  await step('textDates', async () => {
    await database('items').insert({ name: 'text-dates', day: '2024-06-02', at: '2024-06-02 11:22:33' });
    return database('items').where({ name: 'text-dates' }).first('day', 'at');
  });
  await step('columnInfo', async () => {
    const info = await database('items').columnInfo();
    return Object.keys(info).map((k) => [k, info[k].type, info[k].nullable]);
  });
  await step('union', () =>
    database('items').select('name').where({ name: 'alpha' }).union(function () {
      this.select('name').from('items').where({ name: 'beta' });
    }).orderBy('name')
  );
  await step('unionWrapped', () =>
    database.select('name').from('items').where({ name: 'alpha' }).union([database.select('name').from('items').where({ name: 'gamma' })], true)
  );
  await step('withCTE', () =>
    database.with('big', (qb) => qb.select('name', 'qty').from('items').where('qty', '>', 4)).select('name').from('big').orderBy('name')
  );
  await step('whereRaw', () => database('items').whereRaw('qty > ? and name <> ?', [1, 'beta']).orderBy('id').pluck('name'));
  await step('orderByRaw', () => database('items').select('name').orderByRaw('qty desc, name asc').limit(3));
  await step('deleteReturning', async () => {
    await database('items').insert({ name: 'to-delete', qty: 99 });
    return database('items').where({ name: 'to-delete' }).del(['id', 'name']);
  });
  await step('truncateTemp', async () => {
    await database.schema.createTable('temp_t', (t) => { t.increments('id'); t.string('v'); });
    await database('temp_t').insert([{ v: 'a' }, { v: 'b' }]);
    await database('temp_t').truncate();
    const n = await database('temp_t').count('* as n').first();
    await database.schema.dropTable('temp_t');
    return n;
  });
  await step('selectTyped', () => database('items').where({ name: 'alpha' }).first());

  // Transactions.
  await step('trxCommit', async () => {
    const res = await database.transaction(async (trx) => {
      await trx('items').insert({ name: 'trx-commit', qty: 1 });
      return trx('items').where({ name: 'trx-commit' }).first('name');
    });
    const after = await database('items').where({ name: 'trx-commit' }).pluck('name');
    return { res, after };
  });
  await step('trxRollbackThrow', async () => {
    let caught;
    try {
      await database.transaction(async (trx) => {
        await trx('items').insert({ name: 'trx-rollback', qty: 1 });
        throw new Error('boom');
      });
    } catch (e) {
      caught = e.message;
    }
    const after = await database('items').where({ name: 'trx-rollback' }).pluck('name');
    return { caught, after };
  });
  await step('trxManual', async () => {
    const trx = await database.transaction();
    await trx('items').insert({ name: 'trx-manual-1' });
    const inside = await trx('items').where('name', 'like', 'trx-manual%').pluck('name');
    await trx.commit();
    const trx2 = await database.transaction();
    await trx2('items').insert({ name: 'trx-manual-2' });
    await trx2.rollback();
    const after = await database('items').where('name', 'like', 'trx-manual%').orderBy('name').pluck('name');
    return { inside, after, completed: [trx.isCompleted(), trx2.isCompleted()] };
  });
  await step('trxNestedSavepoint', async () => {
    await database.transaction(async (trx) => {
      await trx('items').insert({ name: 'outer' });
      try {
        await trx.transaction(async (inner) => {
          await inner('items').insert({ name: 'inner' });
          throw new Error('inner failed');
        });
      } catch (e) {
        // the savepoint is rolled back, the outer transaction goes on
      }
      await trx.transaction(async (inner) => {
        await inner('items').insert({ name: 'inner-kept' });
      });
    });
    return database('items').whereIn('name', ['outer', 'inner', 'inner-kept']).orderBy('name').pluck('name');
  });
  await step('trxQueryError', async () => {
    let caught;
    try {
      await database.transaction(async (trx) => {
        await trx('items').insert({ name: 'trx-err' });
        await trx('items').insert({ name: 'trx-err' });
      });
    } catch (e) {
      caught = { code: e.code, errno: e.errno };
    }
    const after = await database('items').where({ name: 'trx-err' }).pluck('name');
    return { caught, after };
  });
  await step('trxAfterComplete', async () => {
    const trx = await database.transaction();
    await trx.commit();
    return trx('items').select('id');
  });
  await step('trxIsolation', async () => {
    const trx = await database.transaction({ isolationLevel: 'serializable', readOnly: client === 'pg' });
    try {
      if (client !== 'pg') return await trx('items').where({ name: 'alpha' }).pluck('name');
      const level = await trx.raw('show transaction_isolation');
      const ro = await trx.raw('show transaction_read_only');
      return [level.rows, ro.rows];
    } finally {
      await trx.commit();
    }
  });
  await step('batchInsert', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ name: 'batch-' + i, qty: i }));
    await database.batchInsert('items', rows, 2);
    return database('items').where('name', 'like', 'batch-%').count('* as n').first();
  });
  await step('upsert', async () => {
    await database('items').insert({ name: 'alpha', qty: 100 }).onConflict('name').merge(['qty']);
    return database('items').where({ name: 'alpha' }).first('qty');
  });
  await step('ignoreConflict', () => database('items').insert({ name: 'alpha', qty: 1 }).onConflict('name').ignore());

  // Schema changes.
  await step('alterAddColumn', async () => {
    await database.schema.alterTable('items', (t) => {
      t.string('extra').defaultTo('x');
    });
    return database('items').where({ name: 'alpha' }).first('extra');
  });
  await step('renameColumn', async () => {
    await database.schema.alterTable('categories', (t) => {
      t.renameColumn('title', 'label');
    });
    return database('categories').orderBy('id').pluck('label');
  });
  await step('dropColumn', async () => {
    await database.schema.alterTable('items', (t) => {
      t.dropColumn('extra');
    });
    return database.schema.hasColumn('items', 'extra');
  });
  await step('cascade', async () => {
    await database('items').where({ id: 1 }).del();
    return database('categories').orderBy('id').pluck('id');
  });
  await step('dropTable', async () => {
    await database.schema.dropTable('categories');
    return database.schema.hasTable('categories');
  });
  await step('dropTableIfExists', () => database.schema.dropTableIfExists('nope'));
  await step('toSQL', () => database('items').where({ id: 1 }).update({ name: 'x' }).toSQL().toNative());
  return out;
};
