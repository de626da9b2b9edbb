package loader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each scenario of testdata/manifests/packages-recorded.json was run through Directus's own
// resolveModuleExtensions; DiscoverPackages must find the same extensions at the same paths and
// fail with the same text. (Directus aborts on the first problem; we return it per dependency.)
func TestDiscoverPackagesMatchesDirectus(t *testing.T) {
	data, err := os.ReadFile("testdata/manifests/packages-recorded.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Scenarios map[string]struct {
			Root    json.RawMessage   `json:"root"` // raw: the dependency order matters
			Files   map[string]any    `json:"files"`
			Outside map[string]any    `json:"outside"`
			Links   map[string]string `json:"links"`
			Parent  map[string]any    `json:"parent"`
			Found   []struct{ Key, Path, Name string }
			Error   string
		}
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Scenarios) != 3 {
		t.Fatalf("scenarios = %d", len(rec.Scenarios))
	}
	for name, sc := range rec.Scenarios {
		t.Run(name, func(t *testing.T) {
			parent, err := filepath.EvalSymlinks(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			outside, err := filepath.EvalSymlinks(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			root := filepath.Join(parent, "project")
			if err := os.MkdirAll(root, 0o755); err != nil {
				t.Fatal(err)
			}
			lay := func(base string, files map[string]any) {
				tree := map[string]string{}
				for rel, content := range files {
					b, _ := json.Marshal(content)
					tree[rel] = string(b)
				}
				writeTree(t, base, tree)
			}
			if string(sc.Root) != "null" {
				writeTree(t, root, map[string]string{"package.json": string(sc.Root)})
			}
			lay(root, sc.Files)
			lay(outside, sc.Outside)
			lay(parent, sc.Parent)
			for link, target := range sc.Links {
				if err := os.Symlink(filepath.Join(outside, target), filepath.Join(root, link)); err != nil {
					t.Fatal(err)
				}
			}
			placeholders := strings.NewReplacer("<ROOT>", root, "<OUTSIDE>", outside, "<PARENT>", parent)

			exts, problems := DiscoverPackages(root)

			if sc.Error != "" {
				if len(problems) != 1 || problems[0].Error() != placeholders.Replace(sc.Error) {
					t.Fatalf("problems = %v\nwant the one Directus error:\n%s", problems, placeholders.Replace(sc.Error))
				}
				return
			}
			if len(problems) != 0 {
				t.Fatalf("problems = %v", problems)
			}
			if len(exts) != len(sc.Found) {
				t.Fatalf("found %d extensions, Directus found %d (%+v)", len(exts), len(sc.Found), sc.Found)
			}
			for i, want := range sc.Found {
				got := exts[i]
				if got.Folder != want.Key || got.Name != want.Name || got.Dir != placeholders.Replace(want.Path) {
					t.Errorf("extension %d = %s %s %s, Directus: %s %s %s", i, got.Folder, got.Name, got.Dir, want.Key, want.Name, placeholders.Replace(want.Path))
				}
			}
		})
	}
}
