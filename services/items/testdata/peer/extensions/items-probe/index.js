// Records what Directus's own getSchema() and ItemsService return, for dxhost's golden files.
// POST /items-probe/run  { collection, method, args, accountability? }  → { result } | { error }
// GET  /items-probe/schema                            → getSchema()
module.exports = {
  id: 'items-probe',
  handler: (router, { services, getSchema }) => {
    router.get('/schema', async (req, res) => {
      res.json(await getSchema({ bypassCache: true }));
    });
    router.post('/run', async (req, res) => {
      const { collection, method, args = [], accountability = null } = req.body;
      try {
        const schema = await getSchema({ bypassCache: true });
        const service = method === 'getMetaForQuery'
          ? new services.MetaService({ schema })
          : new services.ItemsService(collection, { schema, accountability });
        const callArgs = method === 'getMetaForQuery' ? [collection, ...args] : args;
        const result = await service[method](...callArgs);
        res.json({ result: result === undefined ? null : result });
      } catch (err) {
        const e = Array.isArray(err) ? err[0] : err;
        res.json({ error: { name: e.name, code: e.code, status: e.status, message: e.message, extensions: e.extensions ?? null } });
      }
    });
  },
};
