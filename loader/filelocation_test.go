package loader

import (
	"encoding/json"
	"os"
	"testing"
)

// fileURLOf must agree with Node's pathToFileURL (recorded in testdata/fileurl-node.json).
func TestFileURLOfMatchesNode(t *testing.T) {
	data, err := os.ReadFile("testdata/fileurl-node.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Cases []struct{ Path, URL string }
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	for _, c := range rec.Cases {
		if got := fileURLOf(c.Path); got != c.URL {
			t.Errorf("fileURLOf(%q) = %s, Node says %s", c.Path, got, c.URL)
		}
	}
}
