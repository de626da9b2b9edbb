// CommonJS so the one bundle runs as-is under Node's import(), Directus and dxhost.
const crypto = require('node:crypto');
const axios = require('axios');

// The routes dxcompare loads. DXCOMPARE_UPSTREAM_URL is the loopback server the proxy route relays.
module.exports = {
	id: 'compare',
	handler: (router, { env, services, getSchema }) => {
		const key = env.DXCOMPARE_HMAC_KEY || 'dxcompare-hmac-key';
		const upstream = axios.create({ baseURL: env.DXCOMPARE_UPSTREAM_URL || 'http://127.0.0.1:9' });

		// HMAC-SHA256 over the JSON body as it round-trips, answered as JSON.
		router.post('/hmac', (req, res) => {
			const text = JSON.stringify(req.body);
			const digest = crypto.createHmac('sha256', key).update(text).digest('hex');
			res.json({ digest, bytes: text.length, keys: Object.keys(req.body).length });
		});

		// The HMAC route's two halves, to split its cost: the JSON round trip alone, the HMAC alone.
		router.post('/echo', (req, res) => {
			const text = JSON.stringify(req.body);
			res.json({ bytes: text.length, keys: Object.keys(req.body).length });
		});
		const fixed = 'x'.repeat(1004);
		router.get('/hash', (req, res) => {
			res.json({ digest: crypto.createHmac('sha256', key).update(fixed).digest('hex') });
		});

		// axios GET to the upstream, its JSON relayed.
		router.get('/proxy', async (req, res, next) => {
			try {
				const answer = await upstream.get('/data');
				res.status(answer.status).json(answer.data);
			} catch (error) {
				next(error);
			}
		});

		// The same relay through the global fetch: tells the cost of axios's JS pipeline from the HTTP bridge's.
		router.get('/fetch', async (req, res, next) => {
			try {
				const answer = await fetch((env.DXCOMPARE_UPSTREAM_URL || 'http://127.0.0.1:9') + '/data');
				res.status(answer.status).json(await answer.json());
			} catch (error) {
				next(error);
			}
		});

		// The same read as core GET /items/articles?limit=100&filter[status][_eq]=published&filter[views][_gt]=100&sort=-views.
		router.get('/articles', async (req, res, next) => {
			try {
				const articles = new services.ItemsService('articles', {
					schema: await getSchema(),
					accountability: req.accountability,
				});
				const data = await articles.readByQuery({
					fields: ['id', 'title', 'status', 'views'],
					filter: { status: { _eq: 'published' }, views: { _gt: 100 } },
					sort: ['-views'],
					limit: 100,
				});
				res.json({ data });
			} catch (error) {
				next(error);
			}
		});
	},
};
