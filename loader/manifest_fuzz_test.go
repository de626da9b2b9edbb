package loader

import (
	"encoding/json"
	"os"
	"testing"
)

// FuzzValidateManifest checks that no package.json text can panic the validator or make it return
// both a manifest and issues. Seeds are the recorded zod cases.
func FuzzValidateManifest(f *testing.F) {
	data, err := os.ReadFile("testdata/manifests/zod-recorded.json")
	if err != nil {
		f.Fatal(err)
	}
	var rec struct {
		Cases []struct {
			Input string `json:"input"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		f.Fatal(err)
	}
	for _, c := range rec.Cases {
		f.Add([]byte(c.Input))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		manifest, issues, err := ValidateManifest(in)
		if err != nil {
			return
		}
		if (manifest == nil) == (len(issues) == 0) {
			t.Fatalf("manifest %v with issues %v", manifest, issues)
		}
		if manifest != nil {
			newExtension("f", "/x", manifest).Record()
		} else {
			_ = formatIssues(issues)
		}
	})
}
