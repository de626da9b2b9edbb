package loader

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeTree creates files (relative path → content) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const endpointManifest = `{"name":"%s","version":"1.0.0","directus:extension":{"type":"endpoint","path":"dist/index.js","source":"src/index.js","host":"^10.10.0"}}`

func manifestFor(name string) string { return strings.Replace(endpointManifest, "%s", name, 1) }

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	elsewhere := t.TempDir()
	writeTree(t, root, map[string]string{
		"greet/package.json":        manifestFor("directus-extension-greet"),
		".hidden/package.json":      manifestFor("hidden"),
		"no-package/index.js":       "module.exports = () => {}",
		"bad-json/package.json":     `{"name": `,
		"broken/package.json":       `{"name":"broken","version":"1.0.0"}`,
		"loose-file.json":           `{}`,
		"endpoints/legacy/index.js": "module.exports = () => {}",
		"tools/package.json": `{"name":"tools","version":"2.1.0","directus:extension":{"type":"bundle","host":"^11.0.0","partial":false,
			"path":{"app":"dist/app.js","api":"dist/api.js"},
			"entries":[{"type":"hook","name":"tools-hook","source":"src/hook.js"},
			           {"type":"interface","name":"tools-if","source":"src/if.vue"},
			           {"type":"operation","name":"tools-op","source":{"app":"src/op/app.js","api":"src/op/api.js"}}]}}`,
		"sbx/package.json": `{"name":"sbx","version":"1","directus:extension":{"type":"hook","path":"dist/index.js","source":"src/index.js","host":"*",
			"sandbox":{"enabled":true,"requestedScopes":{"request":{"urls":["https://a/*"],"methods":["GET"]},"log":{}}}}}`,
	})
	writeTree(t, elsewhere, map[string]string{"linked/package.json": manifestFor("linked-ext")})
	if err := os.Symlink(filepath.Join(elsewhere, "linked"), filepath.Join(root, "via-link")); err != nil {
		t.Fatal(err)
	}

	exts, problems := Discover(root)

	var folders []string
	for _, e := range exts {
		folders = append(folders, e.Folder)
	}
	if got, want := strings.Join(folders, ","), "greet,sbx,tools,via-link"; got != want {
		t.Fatalf("folders = %s, want %s", got, want)
	}
	if len(problems) != 1 {
		t.Fatalf("problems = %v, want one (broken)", problems)
	}
	var me *ManifestError
	if !errors.As(problems[0], &me) || me.Folder != "broken" || me.Dir != filepath.Join(root, "broken") {
		t.Fatalf("problem = %#v", problems[0])
	}
	if !strings.HasPrefix(me.Error(), `The manifest of the extension "broken" (`+filepath.Join(root, "broken")+`) is invalid.`+"\n[") {
		t.Fatalf("problem text = %s", me.Error())
	}

	byFolder := map[string]*Extension{}
	for _, e := range exts {
		byFolder[e.Folder] = e
	}
	greet := byFolder["greet"]
	if greet.Name != "directus-extension-greet" || greet.Type != "endpoint" || greet.Entrypoint != "dist/index.js" ||
		greet.Source != "src/index.js" || greet.Dir != filepath.Join(root, "greet") || greet.Sandbox != nil ||
		len(greet.Entries) != 1 || greet.Entries[0] != (Entry{Name: "directus-extension-greet", Type: "endpoint"}) {
		t.Fatalf("greet = %+v", greet)
	}
	if byFolder["via-link"].Dir != filepath.Join(root, "via-link") {
		t.Fatalf("symlinked folder Dir = %s", byFolder["via-link"].Dir)
	}

	tools := byFolder["tools"]
	if tools.Partial == nil || *tools.Partial || tools.Entrypoint != "dist/api.js" {
		t.Fatalf("tools = %+v", tools)
	}
	wantEntries := []Entry{{"tools-hook", "hook"}, {"tools-op", "operation"}}
	if len(tools.Entries) != 2 || tools.Entries[0] != wantEntries[0] || tools.Entries[1] != wantEntries[1] {
		t.Fatalf("tools entries = %+v", tools.Entries)
	}
	if tools.BundleEntries[2].Source != "src/op/api.js" || tools.BundleEntries[2].AppSource != "src/op/app.js" {
		t.Fatalf("operation bundle entry = %+v", tools.BundleEntries[2])
	}
	rec := tools.Record()
	if _, ok := rec["sandbox"]; ok || rec["partial"] != false || len(rec["entries"].([]any)) != 3 || rec["local"] != true {
		t.Fatalf("bundle record = %v", rec)
	}

	sbx := byFolder["sbx"]
	if sbx.Sandbox == nil || !sbx.Sandbox.Enabled || !sbx.Sandbox.RequestedScopes.Log || sbx.Sandbox.RequestedScopes.Sleep ||
		sbx.Sandbox.RequestedScopes.Request == nil || sbx.Sandbox.RequestedScopes.Request.Methods[0] != "GET" {
		t.Fatalf("sandbox = %+v", sbx.Sandbox)
	}
}

func TestDiscoverMissingDir(t *testing.T) {
	exts, problems := Discover(filepath.Join(t.TempDir(), "nope"))
	if len(exts) != 0 || len(problems) != 0 {
		t.Fatalf("got %v %v", exts, problems)
	}
}

// The problem text is exactly what Directus's own scanner throws (recorded from
// @directus/extensions@4.0.5 resolveFsExtensions by testdata/manifests/record-scanner.mjs).
func TestDiscoverProblemTextMatchesDirectus(t *testing.T) {
	data, err := os.ReadFile("testdata/manifests/scanner-recorded.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Folder      string            `json:"folder"`
		PackageJSON string            `json:"packageJSON"`
		Message     string            `json:"message"`
		Tree        map[string]string `json:"tree"`
		Outside     map[string]string `json:"outside"`
		Kept        []string          `json:"kept"`
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	writeTree(t, root, map[string]string{rec.Folder + "/package.json": rec.PackageJSON})
	_, problems := Discover(root)
	if len(problems) != 1 {
		t.Fatalf("problems = %v", problems)
	}
	if want := strings.ReplaceAll(rec.Message, "<ROOT>", root); problems[0].Error() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", problems[0].Error(), want)
	}
}

// Which folders survive the scan is what Directus's scanner kept for the same tree (recorded).
func TestDiscoverKeepsWhatDirectusKeeps(t *testing.T) {
	data, err := os.ReadFile("testdata/manifests/scanner-recorded.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Tree    map[string]string `json:"tree"`
		Outside map[string]string `json:"outside"`
		Kept    []string          `json:"kept"`
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	root, outside := t.TempDir(), t.TempDir()
	writeTree(t, root, rec.Tree)
	writeTree(t, outside, rec.Outside)
	if err := os.Symlink(filepath.Join(outside, "linked"), filepath.Join(root, "via-link")); err != nil {
		t.Fatal(err)
	}
	exts, problems := Discover(root)
	if len(problems) != 0 {
		t.Fatalf("problems = %v", problems)
	}
	var got []string
	for _, e := range exts {
		got = append(got, e.Folder)
	}
	if strings.Join(got, ",") != strings.Join(rec.Kept, ",") {
		t.Fatalf("kept %v, Directus kept %v", got, rec.Kept)
	}
}

// Record is the "schema" of GET /extensions; expected values are spec 01 §8.1's example records.
func TestRecordMatchesSpecExamples(t *testing.T) {
	cases := []struct {
		folder, manifest, want string
	}{
		{
			"greet",
			`{"name":"directus-extension-greet","version":"1.0.0","directus:extension":{"type":"endpoint","path":"dist/index.js","source":"src/index.js","host":"^10.10.0"}}`,
			`{"path":"<DIR>","name":"directus-extension-greet","version":"1.0.0","type":"endpoint","entrypoint":"dist/index.js","host":"^10.10.0","local":true}`,
		},
		{
			"tools",
			`{"name":"directus-extension-tools","version":"2.1.0","directus:extension":{"type":"bundle","host":"^11.0.0","path":{"app":"dist/app.js","api":"dist/api.js"},
			  "entries":[{"type":"hook","name":"tools-hook","source":"src/hook.js"},{"type":"endpoint","name":"tools-api","source":"src/api.js"}]}}`,
			`{"path":"<DIR>","name":"directus-extension-tools","version":"2.1.0","type":"bundle","entrypoint":{"app":"dist/app.js","api":"dist/api.js"},
			  "entries":[{"name":"tools-hook","type":"hook"},{"name":"tools-api","type":"endpoint"}],"host":"^11.0.0","local":true}`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.folder, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tc.folder)
			writeTree(t, dir, map[string]string{"package.json": tc.manifest})
			ext, err := ReadExtension(tc.folder, dir)
			if err != nil || ext == nil {
				t.Fatalf("ReadExtension: %v", err)
			}
			var want any
			if err := json.Unmarshal([]byte(strings.ReplaceAll(tc.want, "<DIR>", dir)), &want); err != nil {
				t.Fatal(err)
			}
			if got := normalizeJSON(t, ext.Record()); !reflect.DeepEqual(got, want) {
				t.Fatalf("Record() = %v\nwant %v", got, want)
			}
		})
	}
}
