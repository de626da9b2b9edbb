package loader

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// recordedCase is one outcome of the real @directus/extensions@4.0.5 schema (zod 4.1.12), recorded by
// testdata/manifests/record.mjs from testdata/manifests/cases.json.
type recordedCase struct {
	Name   string         `json:"name"`
	Input  string         `json:"input"`
	Valid  bool           `json:"valid"`
	Output map[string]any `json:"output"`
	Error  string         `json:"error"`
}

func loadRecordedCases(t *testing.T) []recordedCase {
	t.Helper()
	data, err := os.ReadFile("testdata/manifests/zod-recorded.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Cases []recordedCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Cases) == 0 {
		t.Fatal("no recorded cases")
	}
	return rec.Cases
}

func TestValidateManifestMatchesZod(t *testing.T) {
	for _, tc := range loadRecordedCases(t) {
		t.Run(tc.Name, func(t *testing.T) {
			manifest, issues, err := ValidateManifest([]byte(tc.Input))
			if err != nil {
				t.Fatalf("ValidateManifest: %v", err)
			}
			if tc.Valid {
				if len(issues) > 0 {
					t.Fatalf("zod accepted it, we reported:\n%s", formatIssues(issues))
				}
				if !reflect.DeepEqual(normalizeJSON(t, manifest), normalizeJSON(t, tc.Output)) {
					t.Fatalf("stripped manifest differs\n got: %s\nwant: %s", marshalNoEscape(manifest), marshalNoEscape(tc.Output))
				}
				return
			}
			if len(issues) == 0 {
				t.Fatalf("zod rejected it with\n%s\nwe accepted it", tc.Error)
			}
			if got := formatIssues(issues); got != tc.Error {
				t.Fatalf("issue text differs\n got: %s\nwant: %s", got, tc.Error)
			}
		})
	}
}

func normalizeJSON(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestManifestErrorText(t *testing.T) {
	_, issues, err := ValidateManifest([]byte(`{"name":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	e := &ManifestError{Folder: "broken", Dir: "/srv/extensions/broken", Issues: issues}
	want := "The manifest of the extension \"broken\" (/srv/extensions/broken) is invalid.\n[\n  {\n    \"expected\": \"string\",\n"
	if got := e.Error(); len(got) < len(want) || got[:len(want)] != want {
		t.Fatalf("got %q", got)
	}
}

func TestValidateManifestNotJSON(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for _, in := range []string{``, `{`, `{"a":1} x`, `nope`, deep} {
		if _, _, err := ValidateManifest([]byte(in)); err == nil {
			t.Errorf("%.20q: want a parse error", in)
		}
	}
}
