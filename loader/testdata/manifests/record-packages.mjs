// Records what Directus's package-extension scanner (resolveModuleExtensions from
// @directus/extensions@4.0.5/node) does for a project whose package.json lists dependencies:
// which dependencies become extensions (and at which path), the error for an invalid manifest, and
// the error for a missing root package.json. Temp paths are replaced by <ROOT> and <OUTSIDE>.
//   SCRATCH=/tmp/zodrec node record-packages.mjs > packages-recorded.json
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const req = createRequire(process.env.SCRATCH + "/");
const nodeEntry = req.resolve("@directus/extensions").replace(/index\.js$/, "node.js");
const { resolveModuleExtensions } = await import(pathToFileURL(nodeEntry).href);

const ext = (name) => ({ name, version: "1.0.0", "directus:extension": { type: "hook", path: "dist/index.js", source: "src/index.js", host: "*" } });
const scenarios = {
	mixed: {
		root: { name: "project", dependencies: { "good-ext": "1", "@scope/scoped-ext": "1", "plain-lib": "1", "not-installed": "1", "exports-hidden": "1", "exports-open": "1", "linked-ext": "1", "hoisted-ext": "1", "null-manifest": "1" }, devDependencies: { "dev-ext": "1" } },
		files: {
			"node_modules/good-ext/package.json": ext("good-ext"),
			"node_modules/@scope/scoped-ext/package.json": ext("@scope/scoped-ext"),
			"node_modules/plain-lib/package.json": { name: "plain-lib", version: "1.0.0" },
			"node_modules/exports-hidden/package.json": { ...ext("exports-hidden"), exports: { ".": "./dist/index.js" } },
			"node_modules/exports-open/package.json": { ...ext("exports-open"), exports: { ".": "./dist/index.js", "./package.json": "./package.json" } },
			"node_modules/dev-ext/package.json": ext("dev-ext"),
			"node_modules/null-manifest/package.json": null,
		},
		outside: { "linked-ext/package.json": ext("linked-ext") },
		links: { "node_modules/linked-ext": "linked-ext" },
		parent: { "node_modules/hoisted-ext/package.json": ext("hoisted-ext") },
	},
	invalid: {
		root: { name: "project", dependencies: { "good-ext": "1", "bad-ext": "1" } },
		files: {
			"node_modules/good-ext/package.json": ext("good-ext"),
			"node_modules/bad-ext/package.json": { name: "bad-ext", "directus:extension": { type: "hook", host: "*" } },
		},
	},
	"no-root-package": { files: {} },
};

const out = { node: process.version, scenarios: {} };
for (const [name, sc] of Object.entries(scenarios)) {
	// <PARENT>/project is the root, so <PARENT>/node_modules is a hoisted folder above it.
	const parent = realpathSync(mkdtempSync(join(tmpdir(), "pkgs-")));
	const root = join(parent, "project");
	const outside = realpathSync(mkdtempSync(join(tmpdir(), "pkgs-out-")));
	mkdirSync(root);
	const lay = (base, files) => {
		for (const [rel, content] of Object.entries(files ?? {})) {
			const p = join(base, rel);
			mkdirSync(join(p, ".."), { recursive: true });
			writeFileSync(p, JSON.stringify(content));
		}
	};
	if (sc.root) writeFileSync(join(root, "package.json"), JSON.stringify(sc.root));
	lay(root, sc.files);
	lay(outside, sc.outside);
	lay(parent, sc.parent);
	for (const [link, target] of Object.entries(sc.links ?? {})) symlinkSync(join(outside, target), join(root, link));
	const clean = (s) => s.split(root).join("<ROOT>").split(outside).join("<OUTSIDE>").split(parent).join("<PARENT>");
	const rec = { root: sc.root ?? null, files: sc.files, outside: sc.outside ?? {}, links: sc.links ?? {}, parent: sc.parent ?? {} };
	try {
		const found = await resolveModuleExtensions(root);
		rec.found = [...found.entries()].map(([key, e]) => ({ key, path: clean(e.path), name: e.name }));
	} catch (error) {
		rec.error = clean(error.message);
	}
	out.scenarios[name] = rec;
	rmSync(parent, { recursive: true });
	rmSync(outside, { recursive: true });
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
