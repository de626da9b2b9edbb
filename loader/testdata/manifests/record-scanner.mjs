// Records what Directus's own folder scanner (resolveFsExtensions from @directus/extensions@4.0.5/node)
// does: the exact error text for one invalid manifest (temp root replaced by <ROOT>), and which
// folders of a mixed tree it keeps. SCRATCH is a folder with node_modules/@directus/extensions@4.0.5.
//   SCRATCH=/tmp/zodrec node record-scanner.mjs > scanner-recorded.json
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from "node:fs";
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

// The mixed tree: the same files the Go test lays out (tree below; "->" is a symlink to a folder
// outside the root).
const good = (name) => JSON.stringify({ name, version: "1.0.0", "directus:extension": { type: "endpoint", path: "dist/index.js", source: "src/index.js", host: "*" } });
const tree = {
	"greet/package.json": good("greet"),
	".hidden/package.json": good("hidden"),
	"no-package/index.js": "module.exports = () => {}",
	"bad-json/package.json": '{"name": ',
	"dir-as-package/package.json/x": "",
	"loose-file.json": "{}",
	"endpoints/legacy/index.js": "module.exports = () => {}",
};
const outside = { "linked/package.json": good("linked") };
const mixedRoot = mkdtempSync(join(tmpdir(), "scan-"));
const outsideRoot = mkdtempSync(join(tmpdir(), "scan-out-"));
const lay = (base, files) => {
	for (const [rel, content] of Object.entries(files)) {
		const p = join(base, rel);
		mkdirSync(join(p, ".."), { recursive: true });
		writeFileSync(p, content);
	}
};
lay(mixedRoot, tree);
lay(outsideRoot, outside);
symlinkSync(join(outsideRoot, "linked"), join(mixedRoot, "via-link"));
const found = await resolveFsExtensions(mixedRoot);
const kept = [...found.keys()].sort();
rmSync(mixedRoot, { recursive: true });
rmSync(outsideRoot, { recursive: true });

process.stdout.write(JSON.stringify({ folder: "broken", packageJSON: JSON.stringify(manifest), message, tree, outside, symlink: "via-link -> linked", kept }, null, 1) + "\n");
