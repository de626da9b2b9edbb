package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"
)

// fixtureTime is the mtime every copied fixture file gets, so dist-vs-source decisions do not depend
// on checkout order; tests that need a newer file touch it explicitly.
var fixtureTime = time.Now().Add(-time.Hour).Truncate(time.Second)

// copyFixture copies testdata/build/<name> to a temp folder and reads it as an extension.
func copyFixture(t testing.TB, name string) *Extension {
	t.Helper()
	src := filepath.Join("testdata", "build", name)
	dst := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(target, fixtureTime, fixtureTime)
	})
	if err != nil {
		t.Fatal(err)
	}
	ext, err := ReadExtension(name, dst)
	if err != nil || ext == nil {
		t.Fatalf("ReadExtension(%s): %v", name, err)
	}
	return ext
}

func touch(t *testing.T, path string, when time.Time) {
	t.Helper()
	if err := os.Chtimes(path, when, when); err != nil {
		t.Fatal(err)
	}
}

// runInGoja runs a build the way jsrt will (a CommonJS wrapper in goja) with the host modules
// stubbed, and returns module.exports. It proves the output parses and runs in goja.
func runInGoja(t *testing.T, b *Build) (*goja.Runtime, goja.Value) {
	t.Helper()
	rt := goja.New()
	var required []string
	host := map[string]string{
		"node:crypto":              `({ createHash: function () {} })`,
		"path":                     `({ sep: "/" })`,
		"node:fs":                  `({})`,
		"@directus/errors":         `({ ForbiddenError: function () {} })`,
		"@directus/extensions-sdk": `({ defineEndpoint: function (x) { return x } })`,
		"directus/version":         `({ version: "12.4.1" })`,
		"node:url":                 `({ fileURLToPath: function (u) { return decodeURIComponent(u.slice(7)) } })`,
		"node:path":                `({ dirname: function (p) { return p.slice(0, p.lastIndexOf("/")) } })`,
		"tty":                      `({ isatty: function () { return false } })`,
	}
	require := func(name string) goja.Value {
		required = append(required, name)
		src, ok := host[name]
		if !ok {
			panic(rt.NewTypeError("module not stubbed: " + name))
		}
		v, err := rt.RunString(src)
		if err != nil {
			panic(err)
		}
		return v
	}
	prog, err := goja.Compile(b.Filename, "(function (exports, require, module, __filename, __dirname) {"+b.Code+"\n})", false)
	if err != nil {
		t.Fatalf("goja cannot compile the build: %v", err)
	}
	fn, err := rt.RunProgram(prog)
	if err != nil {
		t.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	module := rt.NewObject()
	exports := rt.NewObject()
	_ = module.Set("exports", exports)
	if _, err := call(nil, exports, rt.ToValue(require), module, rt.ToValue(b.Filename), rt.ToValue(filepath.Dir(b.Filename))); err != nil {
		t.Fatalf("running the build in goja: %v", err)
	}
	t.Logf("required: %v", required)
	return rt, module.Get("exports")
}

func TestBuildCommonJSEntry(t *testing.T) {
	ext := copyFixture(t, "cjs-endpoint")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if b.ESM || b.FromSource || b.Filename != filepath.Join(ext.Dir, "dist/index.js") {
		t.Fatalf("build = ESM %v FromSource %v Filename %s", b.ESM, b.FromSource, b.Filename)
	}
	for _, ext := range []string{`require("node:crypto")`, `require("path")`, `require("@directus/errors")`} {
		if !strings.Contains(b.Code, ext) {
			t.Errorf("external %s not kept as a runtime require", ext)
		}
	}
	if !strings.Contains(b.Code, `require("optional-native-addon")`) {
		t.Error("an unresolvable require inside try/catch must stay a runtime require")
	}
	if strings.Contains(b.Code, `require("./helper")`) {
		t.Error("relative module ./helper was not bundled")
	}
	_, exports := runInGoja(t, b)
	if _, ok := goja.AssertFunction(exports); !ok {
		t.Fatalf("module.exports is %v, want the register function", exports)
	}
	assertMapsMarker(t, b, filepath.Join(ext.Dir, "dist/helper.js"), "MARK:cjs-helper")
}

func TestBuildESMEntryBundlesNodeModules(t *testing.T) {
	ext := copyFixture(t, "esm-endpoint")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if !b.ESM {
		t.Fatal(`dist/index.js under "type": "module" must be ESM`)
	}
	if strings.Contains(b.Code, `require("tiny-dep")`) {
		t.Fatal("tiny-dep from node_modules was not bundled")
	}
	rt, exports := runInGoja(t, b)
	def := exports.ToObject(rt).Get("default").ToObject(rt)
	if id := def.Get("id").String(); id != "custom-id" {
		t.Fatalf("default.id = %s", id)
	}
	// The bundled CommonJS dependency sees its own folder as __dirname, as in Node.
	if !strings.Contains(b.Code, quoteJSON(filepath.Join(ext.Dir, "node_modules/tiny-dep"))) {
		t.Error("tiny-dep's __dirname is not its own folder")
	}
	assertMapsMarker(t, b, filepath.Join(ext.Dir, "node_modules/tiny-dep/index.js"), "MARK:tiny-dep")
}

func TestBuildMJSAndCJSExtensions(t *testing.T) {
	mjs := copyFixture(t, "mjs-hook")
	b, err := BuildExtension(mjs)
	if err != nil {
		t.Fatal(err)
	}
	if !b.ESM {
		t.Fatal(".mjs must be ESM even without a type field")
	}
	rt, exports := runInGoja(t, b)
	obj := exports.ToObject(rt)
	wantURL := "file://" + filepath.ToSlash(filepath.Join(mjs.Dir, "dist/index.mjs"))
	if got := obj.Get("url").String(); got != wantURL {
		t.Fatalf("import.meta.url = %s, want %s", got, wantURL)
	}
	if got := obj.Get("dir").String(); got != filepath.Join(mjs.Dir, "dist") {
		t.Fatalf("import.meta.dirname = %s", got)
	}
	if got := obj.Get("meta").ToObject(rt).Get("url").String(); got != wantURL {
		t.Fatalf("import.meta (whole object).url = %s, want %s", got, wantURL)
	}

	cjs := copyFixture(t, "cjs-in-module")
	b, err = BuildExtension(cjs)
	if err != nil {
		t.Fatal(err)
	}
	if b.ESM {
		t.Fatal(`.cjs must be CommonJS even under "type": "module"`)
	}
	rt, exports = runInGoja(t, b)
	if got := exports.ToObject(rt).Get("file").String(); got != filepath.Join(cjs.Dir, "dist/index.cjs") {
		t.Fatalf("__filename = %s", got)
	}
}

func TestBuildTypeScriptSource(t *testing.T) {
	ext := copyFixture(t, "ts-source")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if !b.FromSource || !b.ESM || b.Filename != filepath.Join(ext.Dir, "src/index.ts") {
		t.Fatalf("FromSource %v ESM %v Filename %s", b.FromSource, b.ESM, b.Filename)
	}
	for _, lowered := range []string{"async function*", "for await", "import("} {
		if strings.Contains(b.Code, lowered) {
			t.Errorf("output still contains %q, which goja cannot run", lowered)
		}
	}
	rt, exports := runInGoja(t, b)
	// The lowered async generator, for-await and dynamic import() really run: 3+2+1 + 100.
	total, _ := goja.AssertFunction(exports.ToObject(rt).Get("total"))
	v, err := total(nil)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := v.Export().(*goja.Promise)
	if !ok || p.State() != goja.PromiseStateFulfilled || p.Result().ToInteger() != 106 {
		t.Fatalf("total() = %v, want a promise fulfilled with 106", v)
	}
	assertMapsMarker(t, b, filepath.Join(ext.Dir, "src/math.ts"), "MARK:ts-math")
}

func TestBuildSourceNewerThanDist(t *testing.T) {
	ext := copyFixture(t, "source-newer")
	origin := func() string {
		b, err := BuildExtension(ext)
		if err != nil {
			t.Fatal(err)
		}
		rt, exports := runInGoja(t, b)
		return exports.ToObject(rt).Get("origin").String()
	}
	if got := origin(); got != "dist" {
		t.Fatalf("same mtimes: built from %s, want dist", got)
	}
	// An edit to a file imported by the source entry counts, not only the entry itself.
	touch(t, filepath.Join(ext.Dir, "src/origin.js"), fixtureTime.Add(time.Minute))
	if got := origin(); got != "source" {
		t.Fatalf("source newer: built from %s, want source", got)
	}
	touch(t, filepath.Join(ext.Dir, "dist/index.js"), fixtureTime.Add(2*time.Minute))
	if got := origin(); got != "dist" {
		t.Fatalf("dist rebuilt: built from %s, want dist", got)
	}
	if err := os.Remove(filepath.Join(ext.Dir, "dist/index.js")); err != nil {
		t.Fatal(err)
	}
	if got := origin(); got != "source" {
		t.Fatalf("no dist: built from %s, want source", got)
	}
}

func TestBuildOperation(t *testing.T) {
	ext := copyFixture(t, "operation")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	rt, exports := runInGoja(t, b)
	if id := exports.ToObject(rt).Get("id").String(); id != "my-op" || b.Filename != filepath.Join(ext.Dir, "dist/api.js") {
		t.Fatalf("id %s filename %s", id, b.Filename)
	}
}

func TestBuildBundle(t *testing.T) {
	ext := copyFixture(t, "bundle")
	names := func(b *Build) (string, string) {
		rt, exports := runInGoja(t, b)
		obj := exports.ToObject(rt)
		var parts []string
		for _, kind := range []string{"hooks", "endpoints", "operations"} {
			list := obj.Get(kind).Export().([]any)
			for _, item := range list {
				parts = append(parts, kind+":"+item.(map[string]any)["name"].(string))
			}
		}
		origin, err := rt.RunString(`(function (ops) { return ops[0].config.handler() })`)
		if err != nil {
			t.Fatal(err)
		}
		call, _ := goja.AssertFunction(origin)
		v, err := call(nil, obj.Get("operations"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(parts, ","), v.String()
	}
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if got, origin := names(b); got != "hooks:bun-hook,endpoints:bun-ep,operations:bun-op" || origin != "dist" || b.FromSource {
		t.Fatalf("dist bundle: %s from %s", got, origin)
	}
	touch(t, filepath.Join(ext.Dir, "src/op/api.js"), fixtureTime.Add(time.Minute))
	b, err = BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if got, origin := names(b); got != "hooks:bun-hook,endpoints:bun-ep,operations:bun-op" || origin != "source" || !b.FromSource || !b.ESM {
		t.Fatalf("source bundle: %s from %s", got, origin)
	}
}

func TestBuildErrorsNameFileLine(t *testing.T) {
	cases := []struct {
		fixture, file string
		line          int
		message       string
	}{
		{"syntax-error", "dist/index.js", 3, `Expected ")" but found ";"`},
		{"top-level-await", "dist/index.js", 3, "Top-level await"},
		{"missing-dep", "dist/index.js", 3, `Could not resolve "left-pad-not-installed"`},
		// Node fails at link time too: "does not provide an export named 'helper'".
		{"missing-export", "dist/index.js", 1, `No matching export in "dist/lib.js" for import "helper"`},
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			ext := copyFixture(t, tc.fixture)
			_, err := BuildExtension(ext)
			var be *BuildError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want a *BuildError", err)
			}
			if be.File != filepath.Join(ext.Dir, tc.file) || be.Line != tc.line || !strings.Contains(be.Message, tc.message) {
				t.Fatalf("got %s:%d %q, want %s:%d containing %q", be.File, be.Line, be.Message, tc.file, tc.line, tc.message)
			}
			prefix := filepath.Join(ext.Dir, tc.file) + ":" + strconv.Itoa(tc.line) + ":"
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Fatalf("Error() = %s, want prefix %s", err.Error(), prefix)
			}
		})
	}
}

// assertMapsMarker finds the output line holding marker and checks the source map sends it back to
// the line of file that holds the same marker.
func assertMapsMarker(t *testing.T, b *Build, file, marker string) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	wantLine := lineOf(string(src), marker)
	gotLine := lineOf(b.Code, marker)
	if wantLine == 0 || gotLine == 0 {
		t.Fatalf("marker %s not found (source line %d, output line %d)", marker, wantLine, gotLine)
	}
	sm, err := sourcemap.Parse("", b.SourceMap)
	if err != nil {
		t.Fatal(err)
	}
	outLine := strings.Split(b.Code, "\n")[gotLine-1]
	col := len(outLine) - len(strings.TrimLeft(outLine, " \t"))
	source, _, line, _, ok := sm.Source(gotLine, col)
	if !ok {
		t.Fatalf("no mapping for output %d:%d", gotLine, col)
	}
	if source != file || line != wantLine {
		t.Fatalf("output line %d maps to %s:%d, want %s:%d", gotLine, source, line, file, wantLine)
	}
	if content := sm.SourceContent(source); !strings.Contains(content, marker) {
		t.Fatalf("sourcesContent for %s lacks the original text", source)
	}
}

func lineOf(text, marker string) int {
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, marker) {
			return i + 1
		}
	}
	return 0
}

// A dist file that carries its own source map (as the extensions SDK can emit) maps back through
// it to the original source, not to the dist file.
func TestBuildChainsDistSourceMap(t *testing.T) {
	ext := copyFixture(t, "dist-with-map")
	src := filepath.Join(ext.Dir, "src/index.ts")
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{src},
		Outfile:     filepath.Join(ext.Dir, "dist/index.js"),
		Bundle:      true,
		Format:      api.FormatCommonJS,
		Platform:    api.PlatformNode,
		Sourcemap:   api.SourceMapLinked,
		Write:       true,
		LogLevel:    api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	touch(t, src, fixtureTime) // older than the dist just written
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if b.FromSource || b.Filename != filepath.Join(ext.Dir, "dist/index.js") {
		t.Fatalf("built %s (FromSource %v), want the dist", b.Filename, b.FromSource)
	}
	assertMapsMarker(t, b, src, "MARK:dist-with-map")
}

func TestBuildRejectsAppTypesAndMissingEntry(t *testing.T) {
	if _, err := BuildExtension(&Extension{Folder: "ui", Type: "interface"}); err == nil {
		t.Fatal("an interface has no API code to build")
	}
	ext := copyFixture(t, "operation")
	if err := os.Remove(filepath.Join(ext.Dir, "dist/api.js")); err != nil {
		t.Fatal(err)
	}
	_, err := BuildExtension(ext)
	var be *BuildError
	if !errors.As(err, &be) || !strings.Contains(err.Error(), "dist/api.js") {
		t.Fatalf("err = %v, want a BuildError naming dist/api.js", err)
	}
}

func TestBuildSandboxKeepsDirectusAPI(t *testing.T) {
	ext := copyFixture(t, "sandbox-endpoint")
	if ext.Sandbox == nil || !ext.Sandbox.RequestedScopes.Log {
		t.Fatalf("sandbox = %+v", ext.Sandbox)
	}
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if !b.ESM || !strings.Contains(b.Code, `require("directus:api")`) {
		t.Fatalf("ESM %v; directus:api must stay a runtime require:\n%s", b.ESM, b.Code)
	}
}

func TestBuildModuleKindAsNode22(t *testing.T) {
	b, err := BuildExtension(copyFixture(t, "detect-esm"))
	if err != nil {
		t.Fatal(err)
	}
	if !b.ESM {
		t.Fatal("a .js with import/export and no package type is ESM by Node 22's syntax detection")
	}
	_, err = BuildExtension(copyFixture(t, "esm-in-commonjs"))
	var be *BuildError
	if !errors.As(err, &be) || !strings.HasSuffix(be.File, "dist/index.js") || !strings.Contains(be.Message, `"type": "commonjs"`) {
		t.Fatalf("err = %v, want a BuildError: ESM syntax in an explicit commonjs package fails in Node", err)
	}
}

// A TypeScript file that needs its own location is transformed on its own; the extension's
// tsconfig.json must still apply (here: legacy decorators, which differ from TC39 decorators).
func TestBuildTransformKeepsTsconfig(t *testing.T) {
	ext := copyFixture(t, "ts-decorators")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	rt, exports := runInGoja(t, b)
	obj := exports.ToObject(rt)
	if got := obj.Get("tagged").String(); got != "run" {
		t.Fatalf("legacy decorator result = %s, want run", got)
	}
	call, _ := goja.AssertFunction(obj.Get("default"))
	v, err := call(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "file://" + filepath.ToSlash(filepath.Join(ext.Dir, "src/index.ts")); v.String() != want {
		t.Fatalf("import.meta.url = %s, want %s", v, want)
	}
}

func TestBuildLowersDecoratorsAndUsing(t *testing.T) {
	b, err := BuildExtension(copyFixture(t, "js-decorators"))
	if err != nil {
		t.Fatal(err)
	}
	rt, exports := runInGoja(t, b)
	call, _ := goja.AssertFunction(exports.ToObject(rt).Get("default"))
	v, err := call(nil)
	if err != nil {
		t.Fatal(err)
	}
	if v.String() != "logged:hi" {
		t.Fatalf("decorated method returned %s, want logged:hi", v)
	}
	if c := exports.ToObject(rt).Get("count").ToInteger(); c != 1 {
		t.Fatalf("auto-accessor count = %d, want 1", c)
	}
	call, _ = goja.AssertFunction(exports.ToObject(rt).Get("disposed"))
	if v, err = call(nil); err != nil || v.String() != "used,disposed" {
		t.Fatalf("using declaration: %v %v, want used,disposed", v, err)
	}
}

func TestBuildSameFileAsPathAndSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "plain")
	writeTree(t, dir, map[string]string{
		"package.json": `{"name":"plain","version":"1","type":"module","directus:extension":{"type":"hook","path":"index.js","source":"index.js","host":"*"}}`,
		"index.js":     `import { x } from "./lib.js"; export default () => x;`,
		"lib.js":       `export const x = 1;`,
	})
	touch(t, filepath.Join(dir, "index.js"), fixtureTime)
	ext, err := ReadExtension("plain", dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if b.FromSource || !b.ESM || b.Filename != filepath.Join(dir, "index.js") {
		t.Fatalf("FromSource %v ESM %v Filename %s: one file named as both is the built file", b.FromSource, b.ESM, b.Filename)
	}
}

func TestBuildSandboxImports(t *testing.T) {
	cases := []struct {
		fixture, file string
		line          int
	}{
		// A dist may import nothing but directus:api, as in Directus's isolate.
		{"sandbox-bad-import", "dist/index.js", 2},
		// A source build may bundle its own files and node_modules, never a Node built-in.
		{"sandbox-source", "src/helper.js", 1},
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			ext := copyFixture(t, tc.fixture)
			_, err := BuildExtension(ext)
			var be *BuildError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want a BuildError", err)
			}
			if be.Message != SandboxImportError || be.File != filepath.Join(ext.Dir, tc.file) || be.Line != tc.line {
				t.Fatalf("got %s, want %s:%d: %s", be, tc.file, tc.line, SandboxImportError)
			}
		})
	}
	ext := copyFixture(t, "sandbox-source")
	writeTree(t, ext.Dir, map[string]string{"src/helper.js": `export const helper = "h";`})
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if !b.FromSource || !b.ESM || strings.Contains(b.Code, `require("tiny")`) || !strings.Contains(b.Code, `require("directus:api")`) {
		t.Fatalf("sandbox source build: FromSource %v ESM %v\n%s", b.FromSource, b.ESM, b.Code)
	}
}

func TestBuildWarnings(t *testing.T) {
	ext := copyFixture(t, "warn-nan")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) != 1 || b.Warnings[0].File != filepath.Join(ext.Dir, "dist/index.js") || b.Warnings[0].Line != 2 ||
		!strings.Contains(b.Warnings[0].Message, `Comparison with NaN`) {
		t.Fatalf("warnings = %v", b.Warnings)
	}
}

// ESM code that declares its own __filename/__dirname (from import.meta.url) keeps its bindings.
func TestBuildOwnDirnameBindings(t *testing.T) {
	ext := copyFixture(t, "esm-own-dirname")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	rt, exports := runInGoja(t, b)
	where := exports.ToObject(rt).Get("where").ToObject(rt)
	if got, want := where.Get("file").String(), filepath.Join(ext.Dir, "dist/index.js"); got != want {
		t.Fatalf("__filename = %s, want %s", got, want)
	}
	if got, want := where.Get("dir").String(), filepath.Join(ext.Dir, "dist"); got != want {
		t.Fatalf("__dirname = %s, want %s", got, want)
	}
}

// Real npm packages resolve as in Node (package "exports" conditions: import → index.js, require →
// index.cjs) and compute what Node computed (testdata/build/real-deps/expected-node.json).
func TestBuildRealPackagesMatchNode(t *testing.T) {
	ext := copyFixture(t, "real-deps")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	var sm struct{ Sources []string }
	if err := json.Unmarshal(b.SourceMap, &sm); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"node_modules/colorette/index.js", "node_modules/colorette/index.cjs", "node_modules/ms/index.js"} {
		if !slices.Contains(sm.Sources, filepath.Join(ext.Dir, want)) {
			t.Errorf("source map sources %v lack %s", sm.Sources, want)
		}
	}
	data, err := os.ReadFile(filepath.Join(ext.Dir, "expected-node.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected struct{ Results any }
	if err := json.Unmarshal(data, &expected); err != nil {
		t.Fatal(err)
	}
	rt, exports := runInGoja(t, b)
	got, err := json.Marshal(exports.ToObject(rt).Get("results").Export())
	if err != nil {
		t.Fatal(err)
	}
	var gotResults any
	_ = json.Unmarshal(got, &gotResults)
	if !reflect.DeepEqual(gotResults, expected.Results) {
		t.Fatalf("results = %s, Node computed %v", got, expected.Results)
	}
}

// The host wraps the code in a function, so a hashbang must not stay a hashbang.
func TestBuildHashbangEntry(t *testing.T) {
	ext := copyFixture(t, "hashbang")
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	runInGoja(t, b)
	assertMapsMarker(t, b, filepath.Join(ext.Dir, "dist/index.js"), "MARK:hashbang")
}

// Every Node built-in, with or without "node:", and every host module stays a runtime require.
func TestBuildKeepsBuiltinsAndHostModulesExternal(t *testing.T) {
	specs := []string{
		"fs", "node:fs", "fs/promises", "node:fs/promises", "path", "node:path", "crypto", "node:crypto",
		"http", "https", "stream", "stream/promises", "events", "util", "buffer", "os", "zlib", "url",
		"querystring", "string_decoder", "timers", "timers/promises", "assert", "child_process", "net",
		"tls", "worker_threads", "async_hooks", "perf_hooks", "node:test", "node:sqlite", "module",
	}
	specs = append(specs, "directus/version", "directus:api", "@directus/errors", "@directus/extensions-sdk", "@directus/extensions")
	var src strings.Builder
	for i, s := range specs {
		fmt.Fprintf(&src, "const m%d = require(%q);\n", i, s)
	}
	src.WriteString("module.exports = () => {};\n")
	dir := filepath.Join(t.TempDir(), "externals")
	writeTree(t, dir, map[string]string{
		"package.json":                     `{"name":"externals","version":"1","directus:extension":{"type":"hook","path":"index.js","source":"index.js","host":"*"}}`,
		"index.js":                         src.String(),
		"node_modules/events/package.json": `{"name":"events","main":"index.js"}`, // an npm polyfill must not win over the built-in
		"node_modules/events/index.js":     `module.exports = "polyfill";`,
	})
	ext, err := ReadExtension("externals", dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range specs {
		if !strings.Contains(b.Code, "require("+strconv.Quote(s)+")") {
			t.Errorf("%s was not kept as a runtime require", s)
		}
	}
	if strings.Contains(b.Code, "polyfill") {
		t.Error("node_modules/events was bundled instead of the built-in")
	}
}

// A source dxhost cannot build (here an alias only the extension's own bundler knows) falls back to
// the built file when there is one, with the source's error as a warning.
func TestBuildFallsBackToDistWhenSourceFails(t *testing.T) {
	ext := copyFixture(t, "source-unbuildable")
	src := filepath.Join(ext.Dir, "src/index.ts")
	touch(t, src, fixtureTime.Add(time.Minute))
	b, err := BuildExtension(ext)
	if err != nil {
		t.Fatal(err)
	}
	if b.FromSource || b.Filename != filepath.Join(ext.Dir, "dist/index.js") {
		t.Fatalf("built %s (FromSource %v), want the dist", b.Filename, b.FromSource)
	}
	if len(b.Warnings) != 1 || b.Warnings[0].File != src || b.Warnings[0].Line != 2 ||
		!strings.Contains(b.Warnings[0].Message, `source not built, using dist/index.js instead: Could not resolve "@/config"`) {
		t.Fatalf("warnings = %v", b.Warnings)
	}
	if err := os.Remove(filepath.Join(ext.Dir, "dist/index.js")); err != nil {
		t.Fatal(err)
	}
	_, err = BuildExtension(ext)
	var be *BuildError
	if !errors.As(err, &be) || be.File != src || !strings.Contains(be.Message, `Could not resolve "@/config"`) {
		t.Fatalf("without a dist: err = %v, want the source's build error", err)
	}
}
