import { randomUUID } from 'node:crypto';

// GET /uuid → a fresh v4 UUID; GET /uuid/5 → five of them.
export default (router) => {
	router.get('/:count(\\d+)?', (req, res) => {
		const count = Math.min(Number(req.params.count ?? 1), 100);
		res.json({ data: Array.from({ length: count }, () => randomUUID()) });
	});
};
