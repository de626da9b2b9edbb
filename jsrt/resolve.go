package jsrt

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// resolveError is a resolution failure other than "not found", with Node's code and message.
type resolveError struct{ code, message string }

func (e *resolveError) Error() string { return e.message }

// resolve finds the file spec names when required from file from, as Node's CommonJS resolver
// does. ok is false when nothing was found; err reports a package that does not export spec.
func (i *Instance) resolve(from, spec string) (p string, ok bool, err *resolveError) {
	base := filepath.Dir(from)
	if isPathSpecifier(spec) {
		target := spec
		if !filepath.IsAbs(spec) {
			target = filepath.Join(base, spec)
		}
		if p, ok := loadAsFile(target); ok && !strings.HasSuffix(spec, "/") {
			return p, true, nil
		}
		p, ok := loadAsDirectory(target)
		return p, ok, nil
	}
	for _, dir := range i.nodeModulesPaths(base) {
		if p, handled, err := loadPackageExports(dir, spec); handled {
			return p, p != "", err
		}
		target := filepath.Join(dir, filepath.FromSlash(spec))
		if p, ok := loadAsFile(target); ok {
			return p, true, nil
		}
		if p, ok := loadAsDirectory(target); ok {
			return p, true, nil
		}
	}
	return "", false, nil
}

func isPathSpecifier(spec string) bool {
	return spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") ||
		strings.HasPrefix(spec, "/") || filepath.IsAbs(spec)
}

// nodeModulesPaths lists <d>/node_modules for d from base up to the extension folder (or up to the
// root when base is outside it), skipping folders that are themselves node_modules.
func (i *Instance) nodeModulesPaths(base string) []string {
	var out []string
	stop := ""
	if i.dir != "" && within(base, i.dir) {
		stop = i.dir
	}
	for d := base; ; {
		if filepath.Base(d) != "node_modules" {
			out = append(out, filepath.Join(d, "node_modules"))
		}
		parent := filepath.Dir(d)
		if d == stop || parent == d {
			return out
		}
		d = parent
	}
}

func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func loadAsFile(p string) (string, bool) {
	for _, cand := range [...]string{p, p + ".js", p + ".json"} {
		if isFile(cand) {
			return cand, true
		}
	}
	return "", false
}

func loadAsDirectory(dir string) (string, bool) {
	if pkg, ok := readPackage(dir); ok {
		if main, ok := pkg["main"]; ok {
			var m string
			if json.Unmarshal(main, &m) == nil && m != "" {
				target := filepath.Join(dir, filepath.FromSlash(m))
				if p, ok := loadAsFile(target); ok {
					return p, true
				}
				if p, ok := loadIndex(target); ok {
					return p, true
				}
			}
		}
	}
	return loadIndex(dir)
}

func loadIndex(dir string) (string, bool) {
	for _, name := range [...]string{"index.js", "index.json"} {
		if p := filepath.Join(dir, name); isFile(p) {
			return p, true
		}
	}
	return "", false
}

func readPackage(dir string) (map[string]json.RawMessage, bool) {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, false
	}
	var pkg map[string]json.RawMessage
	if json.Unmarshal(data, &pkg) != nil {
		return nil, false
	}
	return pkg, true
}

// loadPackageExports applies package.json "exports" of the package spec names inside dir.
// handled is false when the package has no "exports" (then "main" and files apply). A subpath the
// exports do not define fails with ERR_PACKAGE_PATH_NOT_EXPORTED; a defined target that does not
// exist is simply not found.
func loadPackageExports(dir, spec string) (p string, handled bool, err *resolveError) {
	name, sub := splitPackage(spec)
	if name == "" {
		return "", false, nil
	}
	pkgDir := filepath.Join(dir, filepath.FromSlash(name))
	pkg, ok := readPackage(pkgDir)
	if !ok {
		return "", false, nil
	}
	exports, ok := pkg["exports"]
	if !ok || bytes.Equal(bytes.TrimSpace(exports), []byte("null")) {
		return "", false, nil
	}
	target, ok := matchExports(exports, "."+sub)
	if !ok || target == "" {
		pj := filepath.Join(pkgDir, "package.json")
		if sub == "" {
			return "", true, &resolveError{"ERR_PACKAGE_PATH_NOT_EXPORTED", `No "exports" main defined in ` + pj}
		}
		return "", true, &resolveError{"ERR_PACKAGE_PATH_NOT_EXPORTED",
			"Package subpath '." + sub + `' is not defined by "exports" in ` + pj}
	}
	full := filepath.Join(pkgDir, filepath.FromSlash(target))
	if !isFile(full) {
		return "", true, nil
	}
	return full, true, nil
}

// splitPackage splits "@scope/name/sub/path" into "@scope/name" and "/sub/path".
func splitPackage(spec string) (name, sub string) {
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") {
		if len(parts) < 2 {
			return "", ""
		}
		name = parts[0] + "/" + parts[1]
		if len(parts) == 3 {
			sub = "/" + parts[2]
		}
		return name, sub
	}
	parts = strings.SplitN(spec, "/", 2)
	name = parts[0]
	if len(parts) == 2 {
		sub = "/" + parts[1]
	}
	return name, sub
}

// conditions are the ones Node 20 uses for require().
var conditions = map[string]bool{"node": true, "require": true, "default": true}

// matchExports finds subpath ("." or "./x") in an exports value: a target string, a conditions
// object, an array of fallbacks, or a subpath map with exact keys and "*" patterns.
func matchExports(exports json.RawMessage, subpath string) (string, bool) {
	keys, values, isObj := orderedObject(exports)
	if isObj && len(keys) > 0 && strings.HasPrefix(keys[0], ".") {
		for n, k := range keys {
			if k == subpath {
				return resolveTarget(values[n], "")
			}
		}
		best, bestN, bestMatch := "", -1, ""
		for n, k := range keys {
			star := strings.IndexByte(k, '*')
			if star < 0 {
				continue
			}
			prefix, suffix := k[:star], k[star+1:]
			if strings.HasPrefix(subpath, prefix) && strings.HasSuffix(subpath, suffix) && len(subpath) >= len(k)-1 && len(prefix) > len(best) {
				best, bestN, bestMatch = prefix, n, subpath[len(prefix):len(subpath)-len(suffix)]
			}
		}
		if bestN >= 0 {
			return resolveTarget(values[bestN], bestMatch)
		}
		return "", false
	}
	if subpath != "." {
		return "", false
	}
	return resolveTarget(exports, "")
}

func resolveTarget(v json.RawMessage, match string) (string, bool) {
	trimmed := bytes.TrimSpace(v)
	if len(trimmed) == 0 {
		return "", false
	}
	switch trimmed[0] {
	case '"':
		var s string
		if json.Unmarshal(trimmed, &s) != nil || !strings.HasPrefix(s, "./") {
			return "", false
		}
		return strings.ReplaceAll(s, "*", match), true
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(trimmed, &list) != nil {
			return "", false
		}
		for _, item := range list {
			if p, ok := resolveTarget(item, match); ok {
				return p, true
			}
		}
	case '{':
		keys, values, _ := orderedObject(trimmed)
		for n, k := range keys {
			if conditions[k] {
				if p, ok := resolveTarget(values[n], match); ok {
					return p, true
				}
			}
		}
	}
	return "", false
}

// orderedObject decodes a JSON object keeping its key order (conditions are tried in that order).
func orderedObject(raw json.RawMessage) (keys []string, values []json.RawMessage, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, nil, false
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, nil, false
		}
		k, _ := kt.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, false
		}
		keys = append(keys, k)
		values = append(values, v)
	}
	return keys, values, true
}
