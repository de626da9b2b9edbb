// Node + express 4 host for dxcompare: mounts the SAME extension files dxhost serves, each at its id,
// behind express.json() as Directus does. Only env reaches the extension (no database here), so the
// routes compared under Node are those that need no Directus service.
//
//   node host.mjs <port> <extension dist file>...   (express resolved from NODE_PATH's install)
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(process.env.DXCOMPARE_EXPRESS_DIR + '/');
const express = require('express');

const [port, ...files] = process.argv.slice(2);
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '1mb' }));
for (const file of files) {
	const mod = (await import(pathToFileURL(file).href)).default;
	const router = express.Router();
	const context = { env: process.env, services: {}, getSchema: async () => ({}), logger: console };
	await mod.handler(router, context);
	app.use('/' + mod.id, router);
}
app.use((err, req, res, next) => res.status(500).json({ errors: [{ message: String(err && err.message) }] }));
app.listen(Number(port), '127.0.0.1', () => console.log('listening'));
