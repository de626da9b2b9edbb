package loader

// Extension is one folder of EXTENSIONS_PATH with a valid Directus manifest.
type Extension struct {
	Folder   string         // sub-folder name under EXTENSIONS_PATH (the map key)
	Dir      string         // absolute folder path
	Name     string         // manifest name
	Version  string         // manifest version
	Type     string         // endpoint | hook | operation | bundle | interface | display | ... (app types are listed, never run)
	Host     string         // directus:extension host (never compared with a version, as in Directus)
	Hidden   bool           // directus:extension hidden
	Entries  []Entry        // endpoint/hook/operation: one entry named Name; bundle: its API entries (hook/endpoint/operation)
	Sandbox  *Sandbox       // nil unless sandbox.enabled
	Partial  *bool          // bundle only: directus:extension partial
	Manifest map[string]any // the validated manifest with unknown keys stripped (for GET /extensions)

	// Entrypoint is the built API file relative to Dir: path (hook, endpoint), path.api (operation, bundle).
	// Empty for app types.
	Entrypoint string
	// Source is the API source file relative to Dir: source (hook, endpoint), source.api (operation).
	// Empty for bundles (see BundleEntries) and app types.
	Source string
	// BundleEntries are all entries of a bundle as the manifest lists them, app ones included.
	BundleEntries []BundleEntry
}

// Entry is one runnable part of an extension, as GET /extensions lists bundle entries.
type Entry struct{ Name, Type string }

// BundleEntry is one manifest entry of a bundle. Source is the API source file relative to the
// extension folder (source, or source.api for operations); AppSource is source.app for operations
// and source for app types.
type BundleEntry struct {
	Name      string
	Type      string
	Source    string
	AppSource string
}

// Sandbox is the manifest's sandbox block for an extension that runs sandboxed (spec 05).
type Sandbox struct {
	Enabled         bool
	RequestedScopes SandboxScopes
}

// SandboxScopes says which directus:api functions the extension asked for.
type SandboxScopes struct {
	Request *SandboxRequestScope // nil: request() not requested
	Log     bool
	Sleep   bool
}

// SandboxRequestScope is requestedScopes.request: the URL patterns and methods request() may use.
type SandboxRequestScope struct {
	URLs    []string
	Methods []string
}

// IsAPI reports whether the extension has server-side code (hook, endpoint, operation, bundle).
func (e *Extension) IsAPI() bool {
	switch e.Type {
	case "hook", "endpoint", "operation", "bundle":
		return true
	}
	return false
}

// Record is the extension as Directus keeps it and GET /extensions returns it as "schema"
// (spec 01 §3): keys whose value would be undefined are absent.
func (e *Extension) Record() map[string]any {
	opts, _ := e.Manifest["directus:extension"].(map[string]any)
	rec := map[string]any{
		"path":    e.Dir,
		"name":    e.Name,
		"version": e.Version,
		"type":    e.Type,
		"host":    e.Host,
		"local":   true,
	}
	if opts != nil {
		rec["entrypoint"] = opts["path"]
	}
	switch e.Type {
	case "bundle":
		if e.Partial != nil {
			rec["partial"] = *e.Partial
		}
		entries := make([]any, 0, len(e.BundleEntries))
		for _, be := range e.BundleEntries {
			entries = append(entries, map[string]any{"name": be.Name, "type": be.Type})
		}
		rec["entries"] = entries
	case "hook", "endpoint", "operation":
		if sb, ok := opts["sandbox"]; ok {
			rec["sandbox"] = sb
		}
	}
	return rec
}
