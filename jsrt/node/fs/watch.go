package fs

import (
	"path/filepath"
	"sync"

	"github.com/dop251/goja"
	"github.com/fsnotify/fsnotify"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// watcher is fs.watch's Go half: fsnotify events for one path, delivered on the loop as Node's
// (eventType, filename) pairs — "rename" for create/remove/rename, "change" for writes and chmod.
type watcher struct {
	w    *fsnotify.Watcher
	once sync.Once
}

func startWatch(rt *goja.Runtime, inst *jsrt.Instance, path string, onEvent, onError goja.Callable) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := fw.Add(path); err != nil {
		_ = fw.Close()
		return nil, err
	}
	w := &watcher{w: fw}
	host.Go(func() {
		for {
			select {
			case ev, ok := <-fw.Events:
				if !ok {
					return
				}
				kind := "change"
				if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
					kind = "rename"
				}
				name := filepath.Base(ev.Name)
				if !inst.RunOnLoop(func(*goja.Runtime) { _, _ = onEvent(goja.Undefined(), rt.ToValue(kind), rt.ToValue(name)) }) {
					w.close()
					return
				}
			case err, ok := <-fw.Errors:
				if !ok {
					return
				}
				msg := err.Error()
				inst.RunOnLoop(func(*goja.Runtime) { _, _ = onError(goja.Undefined(), rt.ToValue(msg)) })
			case <-inst.Done():
				w.close()
				return
			}
		}
	}, func(error) { w.close() })
	return w, nil
}

func (w *watcher) close() { w.once.Do(func() { _ = w.w.Close() }) }
