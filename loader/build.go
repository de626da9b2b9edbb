package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Build is an extension's API code, bundled into one CommonJS script.
type Build struct {
	Ext        *Extension
	Filename   string // absolute path of the entry file the code came from (dist or source)
	Code       string // one CommonJS script: run with jsrt.Instance.RunModule
	SourceMap  []byte // maps Code back to the extension's own files (absolute paths, sourcesContent included)
	ESM        bool   // the entry is an ES module as Node decides: unwrap exports.default if present
	FromSource bool   // built from manifest `source` instead of `path`
	// Warnings are esbuild's warnings (e.g. an import that will be undefined at runtime), worth logging.
	Warnings []*BuildError
}

// HostModules are left as runtime require() calls because dxhost provides them (Node built-ins,
// with or without "node:", are kept external by esbuild's node platform).
var HostModules = []string{
	"directus", "directus/*", "directus:api",
	"@directus/errors", "@directus/extensions-sdk", "@directus/extensions",
}

// gojaUnsupported are the syntax features goja (the VM dxhost runs) lacks; esbuild lowers them
// where it can (async generators and for-await into generators, dynamic import() into require(),
// TC39 decorators into functions, regular expression flags into `new RegExp` so only the code that
// uses them fails).
// Probed against goja v0.0.0-20260917113740: everything else up to ES2022 classes parses and runs.
var gojaUnsupported = map[string]bool{
	"async-generator":      false,
	"for-await":            false,
	"dynamic-import":       false,
	"import-meta":          false,
	"top-level-await":      false,
	"regexp-match-indices": false,
	"regexp-set-notation":  false,
	"decorators":           false, // also lowers `accessor` fields
	"using":                false,
}

// BuildExtension bundles the API code of ext (hook, endpoint, operation, bundle) with esbuild into
// one CommonJS script and its source map. See the package comment for which file is built.
// Errors are *BuildError (or BuildErrors) naming file:line:col.
func BuildExtension(ext *Extension) (*Build, error) {
	if !ext.IsAPI() {
		return nil, fmt.Errorf("extension %q: type %q has no API code", ext.Folder, ext.Type)
	}
	plan, err := planBuild(ext)
	if err != nil {
		return nil, err
	}
	build, err := buildPlanned(ext, plan)
	if err == nil || !plan.fromSource {
		return build, err
	}
	// The source may need what only the extensions SDK provides (a rollup plugin, a path alias);
	// a built file that exists still works, and the source's problem is kept as a warning.
	dist := filepath.Join(ext.Dir, ext.Entrypoint)
	if info, statErr := os.Stat(dist); statErr != nil || info.IsDir() {
		return nil, err
	}
	fallback, distErr := buildPlanned(ext, buildPlan{filename: dist})
	if distErr != nil {
		return nil, err
	}
	var sourceErrs BuildErrors
	if !errors.As(err, &sourceErrs) {
		var one *BuildError
		if errors.As(err, &one) {
			sourceErrs = BuildErrors{one}
		}
	}
	for _, e := range sourceErrs {
		w := *e
		w.Message = "source not built, using " + ext.Entrypoint + " instead: " + w.Message
		fallback.Warnings = append(fallback.Warnings, &w)
	}
	return fallback, nil
}

// buildPlanned runs esbuild for one planned entry.
func buildPlanned(ext *Extension, plan buildPlan) (*Build, error) {
	opts := api.BuildOptions{
		AbsWorkingDir:  ext.Dir,
		Bundle:         true,
		Write:          false,
		Format:         api.FormatCommonJS,
		Platform:       api.PlatformNode,
		Target:         api.ESNext,
		Supported:      gojaUnsupported,
		External:       HostModules,
		Outfile:        filepath.Join(ext.Dir, outputName),
		Sourcemap:      api.SourceMapExternal,
		SourcesContent: api.SourcesContentInclude,
		Metafile:       true,
		LogLevel:       api.LogLevelSilent,
		Plugins:        []api.Plugin{fileLocationPlugin},
	}
	if ext.Sandbox != nil {
		opts.External = []string{"directus:api"}
		opts.Plugins = []api.Plugin{sandboxImportsPlugin(plan.fromSource), fileLocationPlugin}
	}
	if plan.stdin != "" {
		opts.Stdin = &api.StdinOptions{
			Contents:   plan.stdin,
			ResolveDir: ext.Dir,
			Sourcefile: filepath.Base(plan.filename),
			Loader:     api.LoaderJS,
		}
	} else {
		opts.EntryPoints = []string{plan.filename}
	}
	res := api.Build(opts)
	if len(res.Errors) > 0 {
		return nil, buildErrors(ext.Dir, res.Errors)
	}
	var err error
	b := &Build{Ext: ext, Filename: plan.filename, FromSource: plan.fromSource, Warnings: toBuildErrors(ext.Dir, res.Warnings)}
	for _, f := range res.OutputFiles {
		switch {
		case strings.HasSuffix(f.Path, ".map"):
			b.SourceMap, err = absoluteSources(f.Contents, ext.Dir)
			if err != nil {
				return nil, err
			}
		default:
			b.Code = commentOutHashbang(string(f.Contents))
		}
	}
	if ext.Sandbox != nil {
		b.ESM = true // the sandbox always compiles the entry as an ES module (spec 05 §2.4)
		return b, nil
	}
	b.ESM, err = entryIsESM(plan, res.Metafile, ext.Dir)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// commentOutHashbang turns an entry's "#!" line, which esbuild keeps at the top, into a comment:
// the host wraps the code in a function, where a hashbang is a syntax error (Node's loader strips
// it too). The line stays, so the source map still fits.
func commentOutHashbang(code string) string {
	if strings.HasPrefix(code, "#!") {
		return "//" + code[2:]
	}
	return code
}

// outputName is the (never written) output file; source map paths are relative to its folder.
const outputName = "__dxhost_build.js"

// bundleEntryName names the generated entry of a bundle built from its sources.
const bundleEntryName = "__dxhost_bundle_entry.js"

type buildPlan struct {
	filename   string // absolute entry file (for a bundle from source: the virtual generated entry)
	stdin      string // generated entry code, bundles from source only
	fromSource bool
}

// planBuild applies the dist-or-source rule of the package comment.
func planBuild(ext *Extension) (buildPlan, error) {
	dist := filepath.Join(ext.Dir, ext.Entrypoint)
	sources := ext.apiSources()
	if len(sources) == 1 && sources[0] == dist {
		sources = nil // hand-written extensions often name one file as both path and source
	}
	if len(sources) > 0 && sourcesNewer(ext.Dir, dist, sources) {
		if ext.Type == "bundle" {
			return buildPlan{filename: filepath.Join(ext.Dir, bundleEntryName), stdin: bundleEntryCode(ext), fromSource: true}, nil
		}
		return buildPlan{filename: sources[0], fromSource: true}, nil
	}
	if info, err := os.Stat(dist); err != nil || info.IsDir() {
		return buildPlan{}, &BuildError{Message: fmt.Sprintf("extension %q: entry file %s not found, and no source file to build instead", ext.Folder, dist)}
	}
	return buildPlan{filename: dist}, nil
}

// apiSources lists the absolute API source files of ext, or nil unless every one of them exists.
func (e *Extension) apiSources() []string {
	var rel []string
	if e.Type == "bundle" {
		for _, be := range e.BundleEntries {
			if be.Type == "hook" || be.Type == "endpoint" || be.Type == "operation" {
				rel = append(rel, be.Source)
			}
		}
	} else if e.Source != "" {
		rel = []string{e.Source}
	}
	if len(rel) == 0 {
		return nil
	}
	abs := make([]string, len(rel))
	for i, r := range rel {
		abs[i] = filepath.Join(e.Dir, r)
		if info, err := os.Stat(abs[i]); err != nil || info.IsDir() {
			return nil
		}
	}
	return abs
}

// sourcesNewer reports whether the sources should be built instead of dist: dist is missing, or a
// script file in the folder tree of any source entry is newer than dist. The tree walk skips
// node_modules, dot-folders and dist's own folder, so rebuilding dist makes it current again.
func sourcesNewer(extDir, dist string, sources []string) bool {
	distInfo, err := os.Stat(dist)
	if err != nil {
		return true
	}
	distTime := distInfo.ModTime()
	distDir := filepath.Dir(dist)
	seen := map[string]bool{}
	for _, src := range sources {
		dir := filepath.Dir(src)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		newer := false
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || newer {
				return filepath.SkipDir
			}
			if d.IsDir() {
				if p != dir && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".") || p == distDir) {
					return filepath.SkipDir
				}
				return nil
			}
			if !isScript(p) || p == dist {
				return nil
			}
			if info, err := d.Info(); err == nil && info.ModTime().After(distTime) {
				newer = true
				return filepath.SkipAll
			}
			return nil
		})
		if newer {
			return true
		}
	}
	return false
}

func isScript(p string) bool {
	switch filepath.Ext(p) {
	case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx":
		return true
	}
	return false
}

// bundleEntryCode is what the extensions SDK generates for a bundle's API side: every API entry's
// default export collected into the hooks, endpoints and operations arrays Directus reads.
func bundleEntryCode(ext *Extension) string {
	var b strings.Builder
	lists := map[string][]string{}
	for i, be := range ext.BundleEntries {
		kind := be.Type + "s"
		if kind != "hooks" && kind != "endpoints" && kind != "operations" {
			continue
		}
		spec := "./" + filepath.ToSlash(filepath.Clean(be.Source))
		fmt.Fprintf(&b, "import e%d from %s;\n", i, strconv.Quote(spec))
		lists[kind] = append(lists[kind], fmt.Sprintf("{ name: %s, config: e%d }", strconv.Quote(be.Name), i))
	}
	for _, kind := range []string{"hooks", "endpoints", "operations"} {
		fmt.Fprintf(&b, "export const %s = [%s];\n", kind, strings.Join(lists[kind], ", "))
	}
	return b.String()
}

// entryIsESM decides ESM vs CommonJS for the entry as Node 22 does: .mjs/.mts is ESM, .cjs/.cts
// CommonJS; .js follows the "type" of the nearest package.json, and with no "type" at all Node's
// syntax detection treats a file with import/export syntax as ESM. Sources and generated entries
// are ESM when they use ES module syntax.
func entryIsESM(plan buildPlan, metafile, extDir string) (bool, error) {
	if plan.stdin != "" {
		return true, nil
	}
	switch filepath.Ext(plan.filename) {
	case ".mjs", ".mts":
		return true, nil
	case ".cjs", ".cts":
		return false, nil
	}
	syntaxESM := metafileFormat(metafile, extDir, plan.filename) == "esm"
	if plan.fromSource {
		return syntaxESM, nil
	}
	switch nearestPackageType(filepath.Dir(plan.filename)) {
	case "module":
		return true, nil
	case "commonjs":
		if syntaxESM {
			return false, &BuildError{File: plan.filename, Line: 1, Column: 1,
				Message: `the file uses ES module syntax but the nearest package.json has "type": "commonjs" (Node fails to load it)`}
		}
		return false, nil
	}
	return syntaxESM, nil
}

// metafileFormat is esbuild's verdict on one input's module syntax: "esm", "cjs" or "".
func metafileFormat(metafile, workDir, file string) string {
	var meta struct {
		Inputs map[string]struct {
			Format string `json:"format"`
		} `json:"inputs"`
	}
	if json.Unmarshal([]byte(metafile), &meta) != nil {
		return ""
	}
	for name, in := range meta.Inputs {
		if filepath.Join(workDir, name) == file {
			return in.Format
		}
	}
	return ""
}

// nearestPackageType is the "type" field of the package.json closest to dir, walking up as Node does.
func nearestPackageType(dir string) string {
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil {
			var pkg struct {
				Type string `json:"type"`
			}
			_ = json.Unmarshal(data, &pkg)
			return pkg.Type
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// absoluteSources rewrites the source map's sources (relative to the output folder) to absolute paths.
func absoluteSources(data []byte, outDir string) ([]byte, error) {
	var sm map[string]json.RawMessage
	if err := json.Unmarshal(data, &sm); err != nil {
		return nil, fmt.Errorf("read esbuild source map: %w", err)
	}
	var sources []string
	if err := json.Unmarshal(sm["sources"], &sources); err != nil {
		return nil, fmt.Errorf("read esbuild source map sources: %w", err)
	}
	for i, s := range sources {
		if !filepath.IsAbs(s) && !strings.Contains(s, ":") {
			sources[i] = filepath.Join(outDir, filepath.FromSlash(s))
		}
	}
	raw, err := json.Marshal(sources)
	if err != nil {
		return nil, err
	}
	sm["sources"] = raw
	return json.Marshal(sm)
}

func buildErrors(workDir string, msgs []api.Message) error {
	errs := toBuildErrors(workDir, msgs)
	if len(errs) == 1 {
		return errs[0]
	}
	return errs
}

func toBuildErrors(workDir string, msgs []api.Message) BuildErrors {
	var errs BuildErrors
	for _, m := range msgs {
		be := &BuildError{Message: m.Text}
		if m.Location != nil {
			be.File = m.Location.File
			if !filepath.IsAbs(be.File) {
				be.File = filepath.Join(workDir, be.File)
			}
			be.Line = m.Location.Line
			be.Column = m.Location.Column + 1
		}
		errs = append(errs, be)
	}
	return errs
}
