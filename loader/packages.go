package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DiscoverPackages finds the extensions installed as npm dependencies of the project at root
// (PACKAGE_FILE_LOCATION), the way Directus's resolveModuleExtensions does (spec 01 §1 "module"):
// every name in root/package.json "dependencies" (not devDependencies) whose package.json, found
// by Node's lookup from root (node_modules of root and its parents, symlinks resolved, "exports"
// respected), has a "directus:extension" key. Folder is the dependency name, Dir the package's
// real folder. A dependency that cannot be resolved is skipped silently; an invalid manifest is a
// *ManifestError (Package set) costing only that dependency. A missing root package.json is the one
// problem returned, with Directus's text.
func DiscoverPackages(root string) (exts []*Extension, problems []error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, []error{fmt.Errorf("resolve package extensions path: %w", err)}
	}
	data, err := os.ReadFile(filepath.Join(root, "package.json"))
	var pkg any
	if err == nil {
		pkg, err = parseJSON(data)
	}
	if err != nil {
		return nil, []error{fmt.Errorf("Couldn't resolve package extensions: Path %q does not contain a package.json file", root)}
	}
	obj, _ := pkg.(*jsonObject)
	if obj == nil {
		return nil, nil
	}
	deps, _ := obj.get("dependencies").(*jsonObject)
	if deps == nil {
		return nil, nil
	}
	for _, name := range deps.keys {
		dir, ok := resolvePackageDir(name, root)
		if !ok {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, "package.json"))
		if err != nil {
			continue
		}
		raw, err := parseJSON(data)
		if err != nil {
			continue
		}
		if m, ok := raw.(*jsonObject); !ok || !hasKey(m, "directus:extension") {
			continue
		}
		manifest, issues, _ := ValidateManifest(data)
		if len(issues) > 0 {
			problems = append(problems, &ManifestError{Folder: name, Dir: dir, Issues: issues, Package: true})
			continue
		}
		exts = append(exts, newExtension(name, dir, manifest))
	}
	return exts, problems
}

func hasKey(o *jsonObject, key string) bool {
	_, ok := o.values[key]
	return ok
}

// resolvePackageDir is Node's require.resolve("<name>/package.json", {paths: [root]}) reduced to
// its folder: the first node_modules/<name> at or above root whose package.json may be required.
func resolvePackageDir(name, root string) (string, bool) {
	for dir := root; ; dir = filepath.Dir(dir) {
		if filepath.Base(dir) != "node_modules" {
			candidate := filepath.Join(dir, "node_modules", filepath.FromSlash(name))
			if info, err := os.Stat(filepath.Join(candidate, "package.json")); err == nil && !info.IsDir() {
				if !exportsPackageJSON(candidate) {
					return "", false // Node stops here with ERR_PACKAGE_PATH_NOT_EXPORTED
				}
				real, err := filepath.EvalSymlinks(candidate)
				if err != nil {
					return "", false
				}
				return real, true
			}
		}
		if dir == filepath.Dir(dir) {
			return "", false
		}
	}
}

// exportsPackageJSON reports whether a package's "exports" lets require() reach ./package.json:
// no "exports" at all, an exact "./package.json" entry, or a "./…*…" pattern that maps it to
// the package.json itself.
func exportsPackageJSON(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return false
	}
	raw, err := parseJSON(data)
	if err != nil {
		return false
	}
	obj, ok := raw.(*jsonObject)
	if !ok {
		return false
	}
	exports, present := obj.values["exports"]
	if !present {
		return true
	}
	subpaths, ok := exports.(*jsonObject)
	if !ok || len(subpaths.keys) == 0 || !strings.HasPrefix(subpaths.keys[0], ".") {
		return false // a string, an array or conditions: only "." is exported
	}
	if target, ok := subpaths.values["./package.json"]; ok {
		t, ok := requireTarget(target)
		return ok && filepath.Clean(filepath.Join(dir, t)) == filepath.Join(dir, "package.json")
	}
	for _, key := range subpaths.keys {
		prefix, suffix, isPattern := strings.Cut(key, "*")
		if !isPattern || !strings.HasPrefix("./package.json", prefix) || !strings.HasSuffix("./package.json", suffix) ||
			len(prefix)+len(suffix) > len("./package.json") {
			continue
		}
		t, ok := requireTarget(subpaths.values[key])
		if !ok {
			return false
		}
		star := strings.TrimSuffix(strings.TrimPrefix("./package.json", prefix), suffix)
		return filepath.Clean(filepath.Join(dir, strings.ReplaceAll(t, "*", star))) == filepath.Join(dir, "package.json")
	}
	return false
}

// requireTarget picks the export target require() uses: a string, or the first of the conditions
// "node", "require", "default" in the object's own key order.
func requireTarget(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case *jsonObject:
		for _, k := range t.keys {
			if k == "node" || k == "require" || k == "default" {
				if s, ok := requireTarget(t.values[k]); ok {
					return s, true
				}
			}
		}
	}
	return "", false
}
