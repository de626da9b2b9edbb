// Records what context.services / getSchema look like from inside an endpoint extension, for
// dxhost's golden tests of shim/servicesjs (the same file runs in both servers).
// GET  /services-probe/keys                 → Object.keys of context and services, class shapes
// POST /services-probe/run { service, collection?, method, args, accountability: "none"|"request" }
//   → { result, types } | { error }
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(describe);
  if (value instanceof Date) return 'Date';
  if (typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value)) out[k] = describe(value[k]);
    return out;
  }
  return typeof value;
}

function errorShape(err) {
  const e = Array.isArray(err) ? err[0] : err;
  return {
    isArray: Array.isArray(err),
    isError: e instanceof Error,
    name: e.name,
    code: e.code,
    status: e.status,
    message: e.message,
    extensions: e.extensions === undefined ? '<undefined>' : e.extensions,
    ownKeys: Object.keys(e),
    ...(Array.isArray(err) && err.length > 1 ? { all: err.map((x) => ({ code: x.code, message: x.message, extensions: x.extensions })) } : {}),
  };
}

module.exports = {
  id: 'services-probe',
  handler: (router, context) => {
    const { services, getSchema, database } = context;
    // A service given a knex transaction as `knex` works inside it: its write is visible to the
    // transaction, and gone after the rollback.
    router.post('/trx', async (req, res) => {
      const schema = await getSchema();
      const out = {};
      try {
        await database.transaction(async (trx) => {
          const inTx = new services.ItemsService('tags', { schema, knex: trx });
          out.key = await inTx.createOne({ name: 'in-trx' });
          out.viaService = await inTx.readOne(out.key, { fields: ['name'] });
          out.viaKnex = await trx('tags').where({ id: out.key }).select('name');
          out.sameKnex = inTx.knex === trx;
          throw new Error('rollback');
        });
      } catch (err) {
        out.error = err.message;
      }
      out.after = await new services.ItemsService('tags', { schema }).readByQuery({ filter: { name: { _eq: 'in-trx' } } });
      out.defaultKnex = new services.ItemsService('tags', { schema }).knex === database;
      res.json(out);
    });
    router.get('/keys', (req, res) => {
      const items = new services.ItemsService('articles', { schema: req.schema });
      const users = new services.UsersService({ schema: req.schema });
      res.json({
        context: Object.keys(context),
        services: Object.keys(services),
        itemsServiceKeys: Object.keys(items),
        itemsServiceLength: services.ItemsService.length,
        usersCollection: users.collection,
        usersEventScope: users.eventScope,
        usersIsItems: users instanceof services.ItemsService,
        forkCollection: items.fork({}).collection,
        schemaSame: req.schema === req.schema,
      });
    });
    router.get('/schema', async (req, res) => {
      const schema = await getSchema();
      res.json({
        topKeys: Object.keys(schema),
        collectionKeys: Object.keys(schema.collections.articles),
        fieldOrder: Object.keys(schema.collections.articles.fields),
        field: schema.collections.articles.fields.status,
        sameAsRequest: JSON.stringify(schema) === JSON.stringify(req.schema),
        relationsCount: schema.relations.length,
      });
    });
    // The order of getSchema()'s collections (Object.keys), which extensions iterating the schema see.
    router.get('/collection-order', async (req, res) => {
      const schema = await getSchema();
      res.json({ collections: Object.keys(schema.collections), fields: Object.keys(schema.collections.directus_users.fields) });
    });
    router.post('/run', async (req, res) => {
      const { service = 'ItemsService', collection, method, args = [], accountability = 'none' } = req.body;
      try {
        const schema = await getSchema();
        const options = { schema };
        if (accountability === 'request') options.accountability = req.accountability;
        const instance = service === 'ItemsService'
          ? new services.ItemsService(collection, options)
          : new services[service](options);
        const result = await instance[method](...args);
        res.json({ result: result === undefined ? '<undefined>' : result, types: describe(result === undefined ? null : result) });
      } catch (err) {
        res.json({ error: errorShape(err) });
      }
    });
  },
};
