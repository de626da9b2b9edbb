// Appends every collections/fields/relations hook Directus fires, in order, to $EVENTS_FILE.
const fs = require('node:fs');
const names = ['collections', 'fields', 'relations'].flatMap((s) => ['create', 'update', 'delete'].map((a) => `${s}.${a}`));
module.exports = ({ filter, action }, { env }) => {
  const out = env.EVENTS_FILE;
  const write = (entry) => fs.appendFileSync(out, JSON.stringify(entry) + '\n');
  for (const name of names) {
    filter(name, (payload, meta, context) => {
      write({ kind: 'filter', event: meta.event, meta: Object.keys(meta), payload, inTransaction: !!context.database?.isTransaction });
    });
    action(name, (meta, context) => {
      write({ kind: 'action', event: meta.event, meta: Object.keys(meta), key: meta.key ?? null, keys: meta.keys ?? null, payload: meta.payload, hasSchema: !!context.schema });
    });
  }
};
