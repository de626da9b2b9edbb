// Records what the real @directus/extensions@4.0.5 manifest schema (zod 4.1.12) says about each case in
// cases.json. SCRATCH is a folder holding node_modules/@directus/extensions@4.0.5:
//   SCRATCH=/tmp/zodrec node record.mjs cases.json > zod-recorded.json
// The output is committed; Go tests compare against it, so no node is needed at test time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const scratch = process.env.SCRATCH;
const req = createRequire(scratch + "/");
const ext = await import(pathToFileURL(req.resolve("@directus/extensions")).href);
const zodVersion = JSON.parse(readFileSync(req.resolve("zod/package.json"), "utf8")).version;

// The JSON text goes through JSON.parse exactly as fse.readJSON does in Directus's scanner.
const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = { extensions: "@directus/extensions@4.0.5", zod: zodVersion, node: process.version, cases: [] };
for (const c of cases) {
	const text = JSON.stringify(c.manifest);
	const manifest = JSON.parse(text);
	try {
		const parsed = ext.ExtensionManifest.parse(manifest);
		out.cases.push({ name: c.name, input: text, valid: true, output: parsed });
	} catch (error) {
		out.cases.push({ name: c.name, input: text, valid: false, error: `${error}`, issues: error.issues });
	}
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
