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
  };
}

module.exports = {
  id: 'services-probe',
  handler: (router, context) => {
    const { services, getSchema } = context;
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
