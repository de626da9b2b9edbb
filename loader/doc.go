// Package loader finds Directus API extensions in EXTENSIONS_PATH, validates their manifests the way
// Directus 12 does, bundles their code for goja with esbuild, and watches their folders.
//
// Discovery (Discover) follows Directus's scanner: immediate sub-folders, dot-names skipped,
// symlinked folders followed, folders without a readable JSON package.json silently ignored, and
// the manifest checked against the same rules as Directus's zod schema, reported with the same
// text. Unlike Directus, one invalid manifest costs only its own folder. DiscoverPackages does the
// same for extensions installed as npm dependencies of the project (Directus's "module" source).
//
// Building (BuildExtension) picks the file to build as follows:
//
//   - The built file named by the manifest's `path` (path.api for operations and bundles) is used,
//     as Directus uses it.
//   - Beyond Directus, the manifest's `source` file (source.api for operations; for a bundle, the
//     source of every API entry) is built directly when it exists and either the built file is
//     missing or a script file (.js .mjs .cjs .jsx .ts .mts .cts .tsx) in the folder tree of a
//     source entry is newer than the built file. That tree walk skips node_modules, dot-folders and
//     the built file's own folder. A bundle built from sources gets a generated entry exporting the
//     hooks, endpoints and operations arrays, as the extensions SDK generates. When the source
//     cannot be built (it may rely on the SDK's own bundler setup) but the built file exists, the
//     built file is used and the source's errors become Build.Warnings.
//
// The result is one CommonJS script (platform node; syntax goja lacks is lowered: async generators,
// for-await, dynamic import, decorators, using; an entry's hashbang becomes a comment) with a source map whose sources are absolute paths and which carries
// sourcesContent. A built file's own //# sourceMappingURL is followed, so lines map back to the
// original sources. Node built-ins and the modules dxhost provides (HostModules) stay runtime
// require() calls; any other import is bundled from node_modules, and one that cannot be resolved
// is a build error naming file:line:col. Each bundled file that mentions import.meta, __dirname or
// __filename gets its own real values, as in Node: those files are transformed first with the
// values defined (import.meta.url as Node's pathToFileURL writes it), honouring the nearest
// tsconfig.json but not its "extends"; such a file's own //# sourceMappingURL is not followed.
// Top-level await is a build error naming file:line. BuildError columns are 1-based.
//
// A sandboxed extension (sandbox.enabled) follows Directus's isolate rule instead: its built file
// may import only directus:api (anything else is a build error with Directus's message, at the
// import's file:line); built from source it may also bundle its own files and node_modules, never
// a Node built-in. Its Build.ESM is always true, as Directus compiles the entry as an ES module.
//
// Build.ESM says whether the entry is an ES module as Node 22 decides: .mjs is ESM, .cjs is
// CommonJS, .js follows the nearest package.json "type", and without any "type" Node's syntax
// detection makes a file with import/export ESM. The host then uses exports.default when present.
//
// Watch reports changes per extension folder, debounced by DebounceDelay, and copes with
// EXTENSIONS_PATH appearing late or being removed and re-created.
package loader
