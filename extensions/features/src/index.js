// A CommonJS endpoint (no "type": "module" in package.json), mounted at /features.
const { ForbiddenError, InvalidPayloadError, createError } = require('@directus/errors');

const TeapotError = createError('I_AM_A_TEAPOT', 'I refuse to brew coffee.', 418);

// Module-level state lives as long as this version of the extension: one instance, like one Node process.
let hits = 0;

module.exports = function registerEndpoint(router, { env, logger, emitter }) {
	// Route parameters with a pattern, and next('route') to skip to the next matching route.
	router.get('/items/:id(\\d+)', (req, res, next) => {
		if (req.params.id === '0') return next('route');
		res.json({ id: Number(req.params.id) });
	});
	router.get('/items/:id', (req, res) => res.status(404).json({ missing: req.params.id }));

	// What the request looks like to an extension: query, body, headers, Directus's additions.
	router.all('/echo', (req, res) => {
		res.json({
			method: req.method,
			url: req.url,
			baseUrl: req.baseUrl,
			path: req.path,
			query: req.query,
			body: req.body,
			contentType: req.get('content-type') ?? null,
			accountability: req.accountability,
			sanitizedQuery: req.sanitizedQuery,
		});
	});

	// Middleware for a sub-path, then the handler.
	router.use('/stamped', (req, res, next) => {
		res.locals.stamp = Date.now();
		next();
	});
	router.get('/stamped', (req, res) => res.json({ stamp: res.locals.stamp }));

	// Cookies, redirects, headers.
	router.get('/cookie', (req, res) => {
		res.cookie('visited', 'yes', { httpOnly: true, maxAge: 60_000 });
		res.json({ cookies: req.cookies });
	});
	router.get('/redirect', (req, res) => res.redirect('/features/echo?from=redirect'));

	// Errors: Directus's classes, a custom one, and a plain Error (500, message shown to admins only).
	router.get('/errors/forbidden', () => {
		throw new ForbiddenError();
	});
	router.post('/errors/payload', (req, res) => {
		if (!req.body.title) throw new InvalidPayloadError({ reason: '"title" is required' });
		res.json({ ok: true });
	});
	router.get('/errors/teapot', (req, res, next) => next(new TeapotError()));
	router.get('/errors/plain', () => {
		throw new Error('something broke');
	});

	// async handlers: a rejection is answered like next(err) (on Directus it kills the process).
	router.get('/async', async (req, res) => {
		await new Promise((resolve) => setTimeout(resolve, 10));
		res.json({ waited: 10 });
	});

	// Streaming with write/end.
	router.get('/stream', (req, res) => {
		res.type('text/plain');
		let i = 0;
		const timer = setInterval(() => {
			res.write(`chunk ${++i}\n`);
			if (i === 3) {
				clearInterval(timer);
				res.end('done\n');
			}
		}, 20);
	});

	// Module-level state and the logger (pino's API: object first, then message).
	router.get('/hits', (req, res) => {
		hits++;
		logger.debug({ hits }, 'features hit');
		res.json({ hits });
	});

	// env is Directus's cast environment (PORT is a string, numbers are numbers).
	router.get('/env', (req, res) => res.json({ PORT: env.PORT, QUERY_LIMIT_DEFAULT: env.QUERY_LIMIT_DEFAULT }));

	// The extension-local emitter: extensions talk to each other with custom events.
	emitter.onFilter('features.greeting', (payload) => ({ ...payload, greeted: true }));
	router.post('/emit', async (req, res) => {
		res.json(await emitter.emitFilter('features.greeting', req.body, {}));
	});

	// A four-argument function is error-handling middleware, as in Express.
	router.get('/handled', () => {
		throw new Error('handled locally');
	});
	router.use((err, req, res, next) => {
		if (err.message === 'handled locally') return res.status(422).json({ handled: err.message });
		next(err);
	});
};
