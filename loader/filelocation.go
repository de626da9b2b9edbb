package loader

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// fileLocationPlugin gives every bundled file its own location. In one CommonJS bundle, esbuild
// would empty `import.meta` and leave `__dirname`/`__filename` to mean the bundle's; Node gives each
// module its own. So files that mention them are first transformed with those names defined as
// the file's real path and URL; the transform's inline source map keeps lines pointing at the file.
var fileLocationPlugin = api.Plugin{
	Name: "dxhost-file-location",
	Setup: func(build api.PluginBuild) {
		build.OnLoad(api.OnLoadOptions{Filter: `\.([mc]?[jt]s|[jt]sx)$`, Namespace: "file"}, loadWithLocation)
	},
}

var locationTokens = [][]byte{[]byte("import.meta"), []byte("__dirname"), []byte("__filename")}

func loadWithLocation(args api.OnLoadArgs) (api.OnLoadResult, error) {
	src, err := os.ReadFile(args.Path)
	if err != nil {
		return api.OnLoadResult{}, err
	}
	mentions := false
	for _, tok := range locationTokens {
		if bytes.Contains(src, tok) {
			mentions = true
			break
		}
	}
	if !mentions {
		return api.OnLoadResult{}, nil // esbuild loads the file itself
	}
	loader := loaderFor(args.Path)
	res := api.Transform(string(src), api.TransformOptions{
		Loader:         loader,
		Sourcefile:     args.Path,
		Sourcemap:      api.SourceMapInline,
		SourcesContent: api.SourcesContentInclude,
		Target:         api.ESNext,
		Define:         locationDefines(args.Path),
		TsconfigRaw:    nearestTsconfig(args.Path, loader),
		Supported:      map[string]bool{"decorators": false}, // the bundle step would no longer see them
		LogLevel:       api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return api.OnLoadResult{Errors: res.Errors}, nil
	}
	code := string(res.Code)
	return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS}, nil
}

// nearestTsconfig is the text of the tsconfig.json esbuild would apply to a TypeScript file
// (the closest one above it), so the transform honours settings such as experimentalDecorators.
// Its "extends" is not followed.
func nearestTsconfig(path string, loader api.Loader) string {
	if loader != api.LoaderTS && loader != api.LoaderTSX {
		return ""
	}
	for dir := filepath.Dir(path); ; {
		if data, err := os.ReadFile(filepath.Join(dir, "tsconfig.json")); err == nil {
			return string(data)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func loaderFor(path string) api.Loader {
	switch filepath.Ext(path) {
	case ".ts", ".mts", ".cts":
		return api.LoaderTS
	case ".tsx":
		return api.LoaderTSX
	case ".jsx":
		return api.LoaderJSX
	}
	return api.LoaderJS
}

// locationDefines are Node's per-module location values for the file at path.
func locationDefines(path string) map[string]string {
	fileURL := fileURLOf(path)
	dir := filepath.Dir(path)
	meta, _ := json.Marshal(map[string]string{"url": fileURL, "dirname": dir, "filename": path})
	return map[string]string{
		"import.meta.url":      quoteJSON(fileURL),
		"import.meta.dirname":  quoteJSON(dir),
		"import.meta.filename": quoteJSON(path),
		"import.meta":          string(meta),
		"__dirname":            quoteJSON(dir),
		"__filename":           quoteJSON(path),
	}
}

// fileURLOf is Node's url.pathToFileURL(path).href for an absolute POSIX path: bytes outside
// printable ASCII and the characters below are percent-encoded, everything else is kept.
func fileURLOf(path string) string {
	const encoded = " \"#%<>?[\\]^`{|}~"
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c < 0x21 || c >= 0x7f || strings.IndexByte(encoded, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
