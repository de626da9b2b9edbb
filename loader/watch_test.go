package loader

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// collect reads changes until quiet has passed without one.
func collect(t *testing.T, ch <-chan Change, quiet time.Duration) []string {
	t.Helper()
	var got []string
	for {
		select {
		case c, ok := <-ch:
			if !ok {
				return got
			}
			got = append(got, c.Folder)
		case <-time.After(quiet):
			sort.Strings(got)
			return got
		}
	}
}

func startWatch(t *testing.T, root string) (<-chan Change, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ch, err := Watch(ctx, root)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		for range ch { // wait for the watcher goroutine to finish
		}
	})
	return ch, cancel
}

func TestWatch(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) }) // runs after startWatch's cleanup
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"alpha/package.json":              "{}",
		"alpha/src/index.js":              "1",
		"alpha/node_modules/dep/index.js": "1",
		"beta/package.json":               "{}",
		".hidden/package.json":            "{}",
	})
	ch, _ := startWatch(t, root)
	quiet := 3 * DebounceDelay

	t.Run("a burst of edits is one change", func(t *testing.T) {
		for i := 0; i < 5; i++ {
			writeTree(t, root, map[string]string{"alpha/src/index.js": strings.Repeat("x", i)})
			time.Sleep(DebounceDelay / 5)
		}
		if got := collect(t, ch, quiet); strings.Join(got, ",") != "alpha" {
			t.Fatalf("changes = %v, want [alpha]", got)
		}
	})
	t.Run("folders are debounced separately", func(t *testing.T) {
		writeTree(t, root, map[string]string{"alpha/package.json": "{ }", "beta/package.json": "{ }"})
		if got := collect(t, ch, quiet); strings.Join(got, ",") != "alpha,beta" {
			t.Fatalf("changes = %v, want [alpha beta]", got)
		}
	})
	t.Run("node_modules, dot-folders and stray files are ignored", func(t *testing.T) {
		writeTree(t, root, map[string]string{
			"alpha/node_modules/dep/index.js": "2",
			".hidden/package.json":            "{ }",
			"stray.txt":                       "x",
		})
		if got := collect(t, ch, quiet); len(got) != 0 {
			t.Fatalf("changes = %v, want none", got)
		}
	})
	t.Run("a new folder and files deep inside it", func(t *testing.T) {
		writeTree(t, root, map[string]string{"gamma/package.json": "{}"})
		if got := collect(t, ch, quiet); strings.Join(got, ",") != "gamma" {
			t.Fatalf("changes = %v, want [gamma]", got)
		}
		if err := os.MkdirAll(filepath.Join(root, "gamma/src/deep"), 0o755); err != nil {
			t.Fatal(err)
		}
		collect(t, ch, quiet)
		writeTree(t, root, map[string]string{"gamma/src/deep/x.js": "1"})
		if got := collect(t, ch, quiet); strings.Join(got, ",") != "gamma" {
			t.Fatalf("changes = %v, want [gamma] for an edit in a new sub-folder", got)
		}
	})
	t.Run("a removed folder", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(root, "beta")); err != nil {
			t.Fatal(err)
		}
		if got := collect(t, ch, quiet); strings.Join(got, ",") != "beta" {
			t.Fatalf("changes = %v, want [beta]", got)
		}
	})
}

func TestWatchClosesOnCancel(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	root := t.TempDir()
	writeTree(t, root, map[string]string{"alpha/package.json": "{}"})
	ctx, cancel := context.WithCancel(context.Background())
	ch, err := Watch(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, map[string]string{"alpha/package.json": "{ }"}) // pending when cancelled
	cancel()
	select {
	case _, ok := <-ch:
		for ok {
			_, ok = <-ch
		}
	case <-time.After(2 * time.Second):
		t.Fatal("channel not closed after cancel")
	}
}

// EXTENSIONS_PATH may appear after start (a first run), and may be removed and created again.
func TestWatchRootAppearsAndGoes(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	root := filepath.Join(t.TempDir(), "later", "extensions")
	ch, _ := startWatch(t, root)
	quiet := 3 * DebounceDelay

	writeTree(t, root, map[string]string{"alpha/package.json": "{}", "beta/src/index.js": "1"})
	if got := collect(t, ch, quiet); strings.Join(got, ",") != "alpha,beta" {
		t.Fatalf("after the folder appeared: changes = %v, want [alpha beta]", got)
	}
	writeTree(t, root, map[string]string{"beta/src/index.js": "2"})
	if got := collect(t, ch, quiet); strings.Join(got, ",") != "beta" {
		t.Fatalf("edit in the new tree: changes = %v, want [beta]", got)
	}
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	if got := collect(t, ch, quiet); strings.Join(got, ",") != "alpha,beta" {
		t.Fatalf("after removing the folder: changes = %v, want [alpha beta]", got)
	}
	writeTree(t, root, map[string]string{"gamma/package.json": "{}"})
	if got := collect(t, ch, quiet); strings.Join(got, ",") != "gamma" {
		t.Fatalf("after re-creating the folder: changes = %v, want [gamma]", got)
	}
}
