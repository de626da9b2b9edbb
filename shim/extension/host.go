// Package extension runs Directus API extensions: it turns the loader's builds into jsrt instances,
// calls their register functions with Directus's arguments, mounts their routers, and swaps a whole
// extension atomically on hot reload while its in-flight requests finish on the old instance.
package extension

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/loader"
	"github.com/dxhost/dxhost/services/emitter"
)

// Options configure a Host.
type Options struct {
	Dir       string // EXTENSIONS_PATH
	Logger    *logrus.Logger
	TimeLimit time.Duration // per-request JS time limit (EXTENSIONS_JS_TIME_LIMIT)
	// Context builds the parts of the register context that come from outside this package (env,
	// logger, and later services/database/getSchema), on the instance's loop.
	Context ContextBuilder
	// Emitter is the extension-local emitter shared by all extensions (spec 02 §2.5).
	Emitter *emitter.Emitter
}

// Host owns every loaded extension and the route table their endpoints form.
type Host struct {
	opts  Options
	log   *logrus.Entry
	table atomic.Pointer[table]

	mu      sync.Mutex // serialises loads and reloads
	running map[string]*running
	reports map[string]Report
}

// Report is what the start-up log and `dxhost check` say about one extension folder.
type Report struct {
	Folder   string
	Name     string
	Type     string
	Prefixes []string
	LoadTime time.Duration
	Err      error
}

// New returns a Host with nothing loaded.
func New(opts Options) *Host {
	if opts.Logger == nil {
		opts.Logger = logrus.StandardLogger()
	}
	if opts.Emitter == nil {
		opts.Emitter = emitter.New(logrus.NewEntry(opts.Logger))
	}
	h := &Host{
		opts:    opts,
		log:     opts.Logger.WithField("component", "extensions"),
		running: map[string]*running{},
		reports: map[string]Report{},
	}
	h.table.Store(&table{})
	return h
}

// LoadAll discovers and starts every extension folder. A bad folder costs only itself.
func (h *Host) LoadAll(ctx context.Context) []Report {
	h.mu.Lock()
	defer h.mu.Unlock()
	exts, problems := loader.Discover(h.opts.Dir)
	for _, p := range problems {
		h.log.Warn(p.Error())
		folder := problemFolder(p)
		h.reports[folder] = Report{Folder: folder, Err: p}
	}
	// Build and start every extension concurrently (esbuild and goja compilation dominate start-up),
	// then mount them in folder order.
	started := make([]startResult, len(exts))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, ext := range exts {
		wg.Add(1)
		go func(i int, ext *loader.Extension) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			began := time.Now()
			r, mounts, err := h.start(ctx, ext)
			started[i] = startResult{r, mounts, err, time.Since(began)}
		}(i, ext)
	}
	wg.Wait()
	for i, ext := range exts {
		h.install(ext, started[i], false)
	}
	return h.Reports()
}

// startResult is what starting one extension gave.
type startResult struct {
	next     *running
	mounts   []*mount
	err      error
	loadTime time.Duration
}

// Reports lists the last outcome per folder, in folder order.
func (h *Host) Reports() []Report {
	out := make([]Report, 0, len(h.reports))
	for _, r := range h.reports {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Folder < out[j].Folder })
	return out
}

// Reload re-reads one extension folder: a new or changed folder is built and swapped in, a removed one
// is unloaded, and a broken change keeps the previous version serving.
func (h *Host) Reload(ctx context.Context, folder string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ext, err := loader.ReadExtension(folder, filepath.Join(h.opts.Dir, folder))
	switch {
	case err != nil:
		h.log.Warnf("Extension %q not reloaded, the previous version keeps serving: %v", folder, err)
		return
	case ext != nil:
		h.loadLocked(ctx, ext, true)
		return
	}
	// Gone, or no longer an extension folder Directus would read: unload it.
	if old := h.running[folder]; old != nil {
		h.table.Store(h.table.Load().replaceFolder(folder, nil))
		delete(h.running, folder)
		delete(h.reports, folder)
		h.log.Infof("Removed extensions: %s", old.name)
		h.opts.Emitter.OffOwner(old.inst) // events emitted from now on no longer reach it
		go h.retire(old)
	}
}

// Watch reloads folders as the loader reports changes, until ctx ends.
func (h *Host) Watch(ctx context.Context) error {
	changes, err := loader.Watch(ctx, h.opts.Dir)
	if err != nil {
		return fmt.Errorf("watch %s: %w", h.opts.Dir, err)
	}
	go func() {
		for ch := range changes {
			h.Reload(ctx, ch.Folder)
		}
	}()
	return nil
}

// Close unmounts everything and stops every instance after its in-flight requests.
func (h *Host) Close(ctx context.Context) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.table.Store(&table{})
	var wg sync.WaitGroup
	for folder, r := range h.running {
		delete(h.running, folder)
		wg.Add(1)
		go func(r *running) { defer wg.Done(); h.retireCtx(ctx, r) }(r)
	}
	wg.Wait()
}

// loadLocked builds and starts ext; on success it replaces the folder's previous generation.
func (h *Host) loadLocked(ctx context.Context, ext *loader.Extension, reload bool) {
	began := time.Now()
	next, mounts, err := h.start(ctx, ext)
	h.install(ext, startResult{next, mounts, err, time.Since(began)}, reload)
}

// install mounts a started extension in place of the folder's previous generation, or keeps the
// previous one when a reload failed.
func (h *Host) install(ext *loader.Extension, s startResult, reload bool) {
	next, mounts, err := s.next, s.mounts, s.err
	rep := Report{Folder: ext.Folder, Name: ext.Name, Type: ext.Type, LoadTime: s.loadTime, Err: err}
	for _, m := range mounts {
		rep.Prefixes = append(rep.Prefixes, m.prefix)
	}
	if err != nil {
		if reload && h.running[ext.Folder] != nil {
			if next != nil {
				go h.retire(next)
			}
			h.log.Warnf("Extension %q not reloaded, the previous version keeps serving: %v", ext.Name, err)
			return
		}
		h.log.Warn(err.Error())
		if next == nil {
			h.reports[ext.Folder] = rep
			return
		}
	}
	h.reports[ext.Folder] = rep
	old := h.running[ext.Folder]
	if next != nil {
		h.running[ext.Folder] = next
	} else {
		delete(h.running, ext.Folder)
	}
	h.table.Store(h.table.Load().replaceFolder(ext.Folder, mounts))
	switch {
	case reload && old != nil:
		h.log.Infof("Extension %q reloaded in %s", ext.Name, rep.LoadTime.Round(time.Microsecond))
	case reload:
		h.log.Infof("Added extensions: %s", ext.Name)
	default:
		h.log.Infof("Loaded extension %q (%s) at %s in %s", ext.Name, ext.Type, prefixList(rep.Prefixes), rep.LoadTime.Round(time.Microsecond))
	}
	if old != nil {
		// The new version's listeners replace the old ones at once, not after the drain: an event
		// must not run both. retire drops again what an in-flight request registers meanwhile.
		h.opts.Emitter.OffOwner(old.inst)
		go h.retire(old)
	}
}

func (h *Host) retire(r *running) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	h.retireCtx(ctx, r)
}

// retireCtx waits for r's in-flight requests, drops its emitter listeners and stops its instance.
func (h *Host) retireCtx(ctx context.Context, r *running) {
	r.retire()
	h.opts.Emitter.OffOwner(r.inst)
	if err := r.inst.Close(ctx); err != nil && !errors.Is(err, context.Canceled) {
		h.log.WithError(err).Warnf("Extension %q did not stop cleanly", r.name)
	}
}

func prefixList(p []string) string {
	if len(p) == 0 {
		return "(no routes)"
	}
	return strings.Join(p, ", ")
}

// problemFolder extracts the folder a discovery problem is about.
func problemFolder(err error) string {
	var me *loader.ManifestError
	if errors.As(err, &me) {
		return me.Folder
	}
	return ""
}
