package loader

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// SandboxImportError is Directus's message for an import a sandboxed extension may not make
// (spec 05 §2.6): in its isolate the only module is directus:api.
const SandboxImportError = `Imports other than "directus:api" are prohibited in API extension sandboxes`

// sandboxImportsPlugin enforces the sandbox's one-module rule at build time, where the loader can
// still name the importing file:line. A built file (dist) may import nothing but directus:api, as
// in Directus. A source build may import its own files and node_modules packages (the extensions
// SDK bundles those into the dist), but no Node built-in or host module.
func sandboxImportsPlugin(fromSource bool) api.Plugin {
	return api.Plugin{
		Name: "dxhost-sandbox-imports",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				switch {
				case args.Kind == api.ResolveEntryPoint:
					return api.OnResolveResult{}, nil
				case args.Path == "directus:api":
					return api.OnResolveResult{Path: args.Path, External: true}, nil
				case fromSource && isRelativeOrAbsolute(args.Path):
					return api.OnResolveResult{}, nil
				case fromSource && !strings.HasPrefix(args.Path, "node:") && hasNodeModulesPackage(args.ResolveDir, args.Path):
					return api.OnResolveResult{}, nil
				}
				return api.OnResolveResult{Errors: []api.Message{{Text: SandboxImportError}}}, nil
			})
		},
	}
}

func isRelativeOrAbsolute(spec string) bool {
	return strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == ".." || filepath.IsAbs(spec)
}

// hasNodeModulesPackage reports whether the package named by a bare specifier exists in a
// node_modules folder at or above dir (Node's lookup), which is where the SDK would bundle it from.
func hasNodeModulesPackage(dir, spec string) bool {
	parts := strings.SplitN(spec, "/", 3)
	name := parts[0]
	if strings.HasPrefix(name, "@") && len(parts) > 1 {
		name += "/" + parts[1]
	}
	for {
		if info, err := os.Stat(filepath.Join(dir, "node_modules", name)); err == nil && info.IsDir() {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}
