// GET /clock → the server time; GET /clock/stream → one server-sent event a second, five times.
export default (router) => {
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
