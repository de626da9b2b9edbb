// Records the exact error text of Directus's own folder scanner (resolveFsExtensions from
// @directus/extensions@4.0.5/node) for one invalid manifest, with the temp root replaced by <ROOT>.
//   SCRATCH=/tmp/zodrec node record-scanner.mjs > scanner-recorded.json
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const req = createRequire(process.env.SCRATCH + "/");
const nodeEntry = req.resolve("@directus/extensions").replace(/index\.js$/, "node.js");
const { resolveFsExtensions } = await import(pathToFileURL(nodeEntry).href);

const manifest = { name: "broken", version: "1.0.0", "directus:extension": { type: "endpoint", path: "dist/index.js", host: "*" } };
const root = mkdtempSync(join(tmpdir(), "scan-"));
mkdirSync(join(root, "broken"));
writeFileSync(join(root, "broken", "package.json"), JSON.stringify(manifest));
let message = null;
try {
	await resolveFsExtensions(root);
} catch (error) {
	message = error.message.split(root).join("<ROOT>");
}
rmSync(root, { recursive: true });
process.stdout.write(JSON.stringify({ folder: "broken", packageJSON: JSON.stringify(manifest), message }, null, 1) + "\n");
