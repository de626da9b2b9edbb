import { InvalidPayloadError } from '@directus/errors';

const STATUSES = ['published', 'draft'];

// The articles collection this report reads; created on first use when it does not exist yet.
const ARTICLES = {
	collection: 'articles',
	schema: {},
	meta: { icon: 'article' },
	fields: [
		{ field: 'id', type: 'integer', meta: { hidden: true }, schema: { is_primary_key: true, has_auto_increment: true } },
		{ field: 'title', type: 'string', schema: { is_nullable: false } },
		{ field: 'status', type: 'string', schema: { default_value: 'draft', is_nullable: false } },
	],
};

export default {
	id: 'custom-reports',
	handler: (router, { services, getSchema, logger }) => {
		const { ItemsService, CollectionsService } = services;

		async function articlesService(req) {
			let schema = req.schema ?? (await getSchema());
			if (!schema.collections.articles) {
				logger.info('custom-reports: creating the "articles" collection');
				await new CollectionsService({ schema }).createOne(ARTICLES);
				schema = await getSchema();
			}
			return new ItemsService('articles', { schema, accountability: req.accountability });
		}

		// GET /custom-reports/articles → { data: { published: <n>, draft: <n>, total: <n> } }
		router.get('/articles', async (req, res, next) => {
			try {
				const articles = await articlesService(req);
				const rows = await articles.readByQuery({
					aggregate: { count: ['*'] },
					group: ['status'],
					limit: -1,
				});
				const report = { published: 0, draft: 0, total: 0 };
				for (const row of rows) {
					const count = Number(row.count);
					if (STATUSES.includes(row.status)) report[row.status] = count;
					report.total += count;
				}
				res.json({ data: report });
			} catch (error) {
				next(error);
			}
		});

		// POST /custom-reports/articles { title, status? } → { data: <the new article> }
		router.post('/articles', async (req, res, next) => {
			try {
				const { title, status = 'draft' } = req.body;
				if (typeof title !== 'string' || title.trim() === '') {
					throw new InvalidPayloadError({ reason: '"title" is required' });
				}
				if (!STATUSES.includes(status)) {
					throw new InvalidPayloadError({ reason: `"status" must be one of ${STATUSES.join(', ')}` });
				}
				const articles = await articlesService(req);
				const key = await articles.createOne({ title, status });
				res.json({ data: await articles.readOne(key) });
			} catch (error) {
				next(error);
			}
		});
	},
};
