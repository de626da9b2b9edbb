package jsrt

import (
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// ModuleLoader fills module.exports (module is the CommonJS module object) for a host-provided module.
type ModuleLoader func(rt *goja.Runtime, module *goja.Object)

type globalSetup struct {
	name  string
	setup func(i *Instance, rt *goja.Runtime) error
}

// registry is process-wide: packages register from init(), every Instance reads it.
var registry = struct {
	mu      sync.RWMutex
	modules map[string]ModuleLoader
	globals []globalSetup
}{modules: map[string]ModuleLoader{}}

// RegisterModule makes require(name) and require("node:"+name) return the module built by loader.
// A later registration of the same name replaces the earlier one.
func RegisterModule(name string, loader ModuleLoader) {
	name = strings.TrimPrefix(name, "node:")
	registry.mu.Lock()
	registry.modules[name] = loader
	registry.mu.Unlock()
}

// RegisterGlobals adds a setup run for every new Instance, in registration order, before any code runs.
func RegisterGlobals(name string, setup func(i *Instance, rt *goja.Runtime) error) {
	registry.mu.Lock()
	registry.globals = append(registry.globals, globalSetup{name: name, setup: setup})
	registry.mu.Unlock()
}

func registeredModule(name string) (ModuleLoader, bool) {
	registry.mu.RLock()
	l, ok := registry.modules[strings.TrimPrefix(name, "node:")]
	registry.mu.RUnlock()
	return l, ok
}

func registeredGlobals() []globalSetup {
	registry.mu.RLock()
	defer registry.mu.RUnlock()
	return append([]globalSetup(nil), registry.globals...)
}
