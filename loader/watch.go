package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Change says that something under an extension folder changed: a file was edited, added or
// removed, or the folder itself appeared or disappeared.
type Change struct{ Folder string }

// DebounceDelay is the quiet period after the last event in a folder before its Change is sent.
// Directus waits 500–2000 ms; editors' save bursts settle well within this.
const DebounceDelay = 150 * time.Millisecond

// Watch watches dir (EXTENSIONS_PATH) recursively, skipping dot-folders at the top, node_modules
// and .git anywhere, and sends one Change per folder once events in it have been quiet for
// DebounceDelay. New sub-folders are watched as they appear. If dir does not exist yet (or is
// removed later), Watch waits for it to appear, as Directus's chokidar does, and then reports
// every folder in it; removing dir reports every folder it had. The channel is closed after ctx
// ends. An event overflow (the kernel dropped events) is answered with a Change for every folder.
func Watch(ctx context.Context, dir string) (<-chan Change, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("watch extensions: %w", err)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch extensions: %w", err)
	}
	fw := &folderWatcher{root: root, w: w, pending: map[string]time.Time{}, known: map[string]bool{}}
	if err := fw.attach(false); err != nil {
		_ = w.Close()
		return nil, err
	}
	out := make(chan Change, 16)
	go fw.run(ctx, out)
	return out, nil
}

type folderWatcher struct {
	root    string
	w       *fsnotify.Watcher
	waiting bool                 // root is missing: watching its nearest existing ancestor
	pending map[string]time.Time // folder → when its Change is due
	known   map[string]bool      // folders seen since root was attached, reported when root goes
}

// attach watches root and its folders, or, while root is missing, the nearest existing ancestor.
// With announce, every folder found is reported (root just appeared).
func (fw *folderWatcher) attach(announce bool) error {
	err := fw.w.Add(fw.root)
	if err == nil {
		fw.waiting = false
		for _, folder := range fw.folders() {
			fw.addTree(filepath.Join(fw.root, folder))
			fw.known[folder] = true
			if announce {
				fw.pending[folder] = time.Now().Add(DebounceDelay)
			}
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("watch extensions folder %s: %w", fw.root, err)
	}
	fw.waiting = true
	for dir := filepath.Dir(fw.root); ; dir = filepath.Dir(dir) {
		if err := fw.w.Add(dir); err == nil {
			// The next folder towards root may have been made before this watch began.
			if _, err := os.Stat(nextTowards(dir, fw.root)); err == nil {
				_ = fw.w.Remove(dir)
				return fw.attach(announce)
			}
			return nil
		}
		if dir == filepath.Dir(dir) {
			return fmt.Errorf("watch extensions folder %s: no existing parent folder", fw.root)
		}
	}
}

// nextTowards is the child of ancestor on the way down to path.
func nextTowards(ancestor, path string) string {
	rel, _ := filepath.Rel(ancestor, path)
	return filepath.Join(ancestor, strings.Split(filepath.ToSlash(rel), "/")[0])
}

func (fw *folderWatcher) run(ctx context.Context, out chan<- Change) {
	defer close(out)
	defer fw.w.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-fw.w.Events:
			if !ok {
				return
			}
			fw.handle(ev)
		case err, ok := <-fw.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				for _, folder := range fw.folders() {
					fw.addTree(filepath.Join(fw.root, folder))
					fw.pending[folder] = time.Now().Add(DebounceDelay)
				}
			}
		case <-timer.C:
			now := time.Now()
			for folder, due := range fw.pending {
				if due.After(now) {
					continue
				}
				delete(fw.pending, folder)
				select {
				case out <- Change{Folder: folder}:
				case <-ctx.Done():
					return
				}
			}
		}
		fw.resetTimer(timer)
	}
}

// handle records an event for its folder and starts watching directories that appeared.
func (fw *folderWatcher) handle(ev fsnotify.Event) {
	if fw.waiting {
		fw.handleWhileWaiting(ev)
		return
	}
	if ev.Name == fw.root {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			fw.detach()
		}
		return
	}
	rel, err := filepath.Rel(fw.root, ev.Name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	folder := parts[0]
	if strings.HasPrefix(folder, ".") {
		return
	}
	for _, p := range parts[1:] {
		if p == "node_modules" || p == ".git" {
			return
		}
	}
	if len(parts) == 1 && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
		// A top-level entry that is not a folder (a stray file) is no extension.
		if info, err := os.Stat(ev.Name); err != nil || !info.IsDir() {
			return
		}
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			fw.addTree(ev.Name)
		}
	}
	fw.known[folder] = true
	fw.pending[folder] = time.Now().Add(DebounceDelay)
}

// handleWhileWaiting follows the creation of root (or of a folder on the way to it).
func (fw *folderWatcher) handleWhileWaiting(ev fsnotify.Event) {
	if !ev.Has(fsnotify.Create) || !(ev.Name == fw.root || strings.HasPrefix(fw.root, ev.Name+string(filepath.Separator))) {
		return
	}
	for _, p := range fw.w.WatchList() {
		_ = fw.w.Remove(p)
	}
	_ = fw.attach(true)
}

// detach reports every folder root had, then waits for root to come back.
func (fw *folderWatcher) detach() {
	for _, p := range fw.w.WatchList() {
		_ = fw.w.Remove(p)
	}
	for folder := range fw.known {
		fw.pending[folder] = time.Now().Add(DebounceDelay)
	}
	fw.known = map[string]bool{}
	_ = fw.attach(false)
}

func (fw *folderWatcher) resetTimer(timer *time.Timer) {
	if len(fw.pending) == 0 {
		return
	}
	var next time.Time
	for _, due := range fw.pending {
		if next.IsZero() || due.Before(next) {
			next = due
		}
	}
	timer.Reset(time.Until(next))
}

// folders lists the extension folder names under root (dot-names skipped, symlinked folders kept).
func (fw *folderWatcher) folders() []string {
	entries, err := os.ReadDir(fw.root)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if info, err := os.Stat(filepath.Join(fw.root, e.Name())); err == nil && info.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// addTree watches dir and every folder below it except node_modules and .git. A symlinked
// extension folder is watched through its link; links further down are not followed.
func (fw *folderWatcher) addTree(dir string) {
	if err := fw.w.Add(dir); err != nil {
		return // vanished meanwhile, or not a directory
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "node_modules" || e.Name() == ".git" {
			continue
		}
		fw.addTree(filepath.Join(dir, e.Name()))
	}
}
