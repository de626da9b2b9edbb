import { randomUUID } from 'node:crypto';

// GET /uuid → a fresh v4 UUID; GET /uuid/5 → five of them.
var e0 = (router) => {
	router.get('/:count(\\d+)?', (req, res) => {
		const count = Math.min(Number(req.params.count ?? 1), 100);
		res.json({ data: Array.from({ length: count }, () => randomUUID()) });
	});
};

// GET /clock → the server time; GET /clock/stream → one server-sent event a second, five times.
var e1 = (router) => {
	router.get('/', (req, res) => res.json({ now: new Date().toISOString() }));

	router.get('/stream', (req, res) => {
		res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
		res.flushHeaders();
		let sent = 0;
		const timer = setInterval(() => {
			res.write(`data: ${JSON.stringify({ now: new Date().toISOString() })}\n\n`);
			if (++sent === 5) {
				clearInterval(timer);
				res.end();
			}
		}, 1000);
		res.on('close', () => clearInterval(timer));
	});
};

const hooks = [];
const endpoints = [{ name: 'uuid', config: e0 }, { name: 'clock', config: e1 }];
const operations = [];

export { endpoints, hooks, operations };
