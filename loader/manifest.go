package loader

import (
	"fmt"
)

// ManifestError is Directus's "invalid manifest" failure for one extension folder. Its text is what
// Directus logs: the sentence naming the folder and path, then zod's issue list as JSON.
type ManifestError struct {
	Folder  string // folder name, or the dependency name for a package extension
	Dir     string
	Issues  []Issue
	Package bool // found by DiscoverPackages (Directus words it differently)
}

func (e *ManifestError) Error() string {
	if e.Package {
		return fmt.Sprintf("The manifest of the package extension %q is invalid.\n%s", e.Folder, formatIssues(e.Issues))
	}
	return fmt.Sprintf("The manifest of the extension %q (%s) is invalid.\n%s", e.Folder, e.Dir, formatIssues(e.Issues))
}

// ValidateManifest checks a package.json text against Directus's ExtensionManifest schema
// (@directus/extensions 4.0.5). It returns the manifest with unknown keys stripped, or the zod issues.
// A text that is not JSON is an error of its own (Directus ignores such folders silently).
func ValidateManifest(data []byte) (manifest map[string]any, issues []Issue, err error) {
	v, err := parseJSON(data)
	if err != nil {
		return nil, nil, fmt.Errorf("parse package.json: %w", err)
	}
	out, issues := manifestSchema.parse(v)
	if len(issues) > 0 {
		return nil, issues, nil
	}
	return out.(map[string]any), nil, nil
}

var (
	appTypes    = []string{"interface", "display", "layout", "module", "panel", "theme"}
	apiTypes    = []string{"hook", "endpoint"}
	hybridTypes = []string{"operation"}
)

// The schema below mirrors @directus/extensions 4.0.5 src/shared/schemas/{options,manifest}.ts,
// field for field and in the same order (the order decides the order of reported issues).
var (
	splitEntrypoint = zObject{{"app", zString{}}, {"api", zString{}}}

	sandboxRequestedScopes = zObject{
		{"request", zOptional{zObject{
			{"urls", zArray{zString{}}},
			{"methods", zArray{zLiteralUnion{"GET", "POST", "PATCH", "PUT", "DELETE"}}},
		}}},
		{"log", zOptional{zObject{}}},
		{"sleep", zOptional{zObject{}}},
	}

	sandboxOptions = zOptional{zObject{
		{"enabled", zOptional{zBoolean{}}},
		{"requestedScopes", zOptional{sandboxRequestedScopes}},
	}}

	bundleEntry = zUnion{
		zObject{{"type", zEnum(apiTypes)}, {"name", zString{}}, {"source", zString{}}},
		zObject{{"type", zEnum(appTypes)}, {"name", zString{}}, {"source", zString{}}},
		zObject{{"type", zEnum(hybridTypes)}, {"name", zString{}}, {"source", splitEntrypoint}},
	}

	optionsBase = zObject{{"host", zString{}}, {"hidden", zOptional{zBoolean{}}}}

	optionsApp    = zObject{{"type", zEnum(appTypes)}, {"path", zString{}}, {"source", zString{}}}
	optionsAPI    = zObject{{"type", zEnum(apiTypes)}, {"path", zString{}}, {"source", zString{}}, {"sandbox", sandboxOptions}}
	optionsHybrid = zObject{{"type", zEnum(hybridTypes)}, {"path", splitEntrypoint}, {"source", splitEntrypoint}, {"sandbox", sandboxOptions}}
	optionsBundle = zObject{
		{"type", zEnum{"bundle"}},
		{"partial", zOptional{zBoolean{}}},
		{"path", splitEntrypoint},
		{"entries", zArray{bundleEntry}},
	}

	extensionOptions = zIntersection{optionsBase, zUnion{optionsApp, optionsAPI, optionsHybrid, optionsBundle}}

	manifestSchema = zObject{
		{"name", zString{}},
		{"version", zString{}},
		{"type", zOptional{zLiteralUnion{"module", "commonjs"}}},
		{"description", zOptional{zString{}}},
		{"icon", zOptional{zString{}}},
		{"dependencies", zOptional{zRecord{zString{}}}},
		{"devDependencies", zOptional{zRecord{zString{}}}},
		{"directus:extension", extensionOptions},
	}
)
