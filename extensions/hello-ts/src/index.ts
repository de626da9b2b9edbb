import { InvalidPayloadError } from '@directus/errors';

interface Greeting {
	name: string;
	greeting: string;
}

function greet(name: string): Greeting {
	return { name, greeting: `Hello, ${name}!` };
}

export default {
	id: 'hello-ts',
	handler: (router: any, { logger }: any) => {
		// GET /hello-ts/Ada → {"name":"Ada","greeting":"Hello, Ada!"}
		router.get('/:name', (req: any, res: any) => {
			res.json(greet(req.params.name));
		});

		// POST /hello-ts {"name":"Ada"}; a missing name is Directus's INVALID_PAYLOAD 400.
		router.post('/', (req: any, res: any) => {
			if (typeof req.body?.name !== 'string') {
				throw new InvalidPayloadError({ reason: '"name" is required' });
			}
			logger.info({ name: req.body.name }, 'greeted');
			res.status(201).json(greet(req.body.name));
		});
	},
};
