package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Discover scans the immediate sub-folders of dir the way Directus's resolveFsExtensions does
// (spec 01 §1.1): names starting with "." are skipped, symlinked folders are followed, a folder whose
// package.json cannot be read or parsed is silently ignored. Unlike Directus, an invalid manifest
// costs only that folder: it is reported as a *ManifestError in problems and the scan goes on.
// A missing dir yields no extensions and no problem. Extensions come back sorted by folder name.
func Discover(dir string) (exts []*Extension, problems []error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, []error{fmt.Errorf("resolve extensions path %q: %w", dir, err)}
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, []error{fmt.Errorf("read extensions folder: %w", err)}
	}
	for _, entry := range entries {
		name := entry.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		folderDir := filepath.Join(root, name)
		if info, err := os.Stat(folderDir); err != nil || !info.IsDir() {
			continue
		}
		ext, err := readExtension(name, folderDir)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		if ext != nil {
			exts = append(exts, ext)
		}
	}
	sort.Slice(exts, func(i, j int) bool { return exts[i].Folder < exts[j].Folder })
	return exts, problems
}

// ReadExtension reads one extension folder (absolute path dir, map key folder). It returns
// (nil, nil) where Directus would silently ignore the folder (no readable, parsable package.json).
func ReadExtension(folder, dir string) (*Extension, error) {
	return readExtension(folder, dir)
}

func readExtension(folder, dir string) (*Extension, error) {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, nil
	}
	manifest, issues, err := ValidateManifest(data)
	if err != nil {
		return nil, nil
	}
	if len(issues) > 0 {
		return nil, &ManifestError{Folder: folder, Dir: dir, Issues: issues}
	}
	return newExtension(folder, dir, manifest), nil
}

// newExtension reads the fields of a manifest that already passed validation, so every type
// assertion below holds.
func newExtension(folder, dir string, manifest map[string]any) *Extension {
	opts := manifest["directus:extension"].(map[string]any)
	ext := &Extension{
		Folder:   folder,
		Dir:      dir,
		Name:     manifest["name"].(string),
		Version:  manifest["version"].(string),
		Type:     opts["type"].(string),
		Host:     opts["host"].(string),
		Manifest: manifest,
	}
	ext.Hidden, _ = opts["hidden"].(bool)
	switch ext.Type {
	case "hook", "endpoint":
		ext.Entrypoint = opts["path"].(string)
		ext.Source = opts["source"].(string)
		ext.Entries = []Entry{{Name: ext.Name, Type: ext.Type}}
		ext.Sandbox = readSandbox(opts["sandbox"])
	case "operation":
		ext.Entrypoint = opts["path"].(map[string]any)["api"].(string)
		ext.Source = opts["source"].(map[string]any)["api"].(string)
		ext.Entries = []Entry{{Name: ext.Name, Type: ext.Type}}
		ext.Sandbox = readSandbox(opts["sandbox"])
	case "bundle":
		ext.Entrypoint = opts["path"].(map[string]any)["api"].(string)
		if p, ok := opts["partial"].(bool); ok {
			ext.Partial = &p
		}
		for _, raw := range opts["entries"].([]any) {
			e := raw.(map[string]any)
			be := BundleEntry{Name: e["name"].(string), Type: e["type"].(string)}
			switch src := e["source"].(type) {
			case string:
				if be.Type == "hook" || be.Type == "endpoint" {
					be.Source = src
				} else {
					be.AppSource = src
				}
			case map[string]any:
				be.Source, be.AppSource = src["api"].(string), src["app"].(string)
			}
			ext.BundleEntries = append(ext.BundleEntries, be)
			switch be.Type {
			case "hook", "endpoint", "operation":
				ext.Entries = append(ext.Entries, Entry{Name: be.Name, Type: be.Type})
			}
		}
	}
	return ext
}

func readSandbox(raw any) *Sandbox {
	m, ok := raw.(map[string]any)
	if !ok || m["enabled"] != true {
		return nil
	}
	sb := &Sandbox{Enabled: true}
	scopes, _ := m["requestedScopes"].(map[string]any)
	if req, ok := scopes["request"].(map[string]any); ok {
		r := &SandboxRequestScope{}
		for _, u := range req["urls"].([]any) {
			r.URLs = append(r.URLs, u.(string))
		}
		for _, method := range req["methods"].([]any) {
			r.Methods = append(r.Methods, method.(string))
		}
		sb.RequestedScopes.Request = r
	}
	_, sb.RequestedScopes.Log = scopes["log"]
	_, sb.RequestedScopes.Sleep = scopes["sleep"]
	return sb
}
