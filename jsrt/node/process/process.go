// Package process is Node's process module and object: an EventEmitter (the JS half) over a Go binding
// for the environment snapshot, clocks, memory and the instance's logger.
package process

import (
	_ "embed"
	"math/big"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed process.gen.js
var source string

var asset = jsmod.New("node:process", source)

// started is the process start as Node's process.uptime() counts it.
var started = time.Now()

func init() {
	jsrt.RegisterModule("process", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, binding)
}

func binding(rt *goja.Runtime) *goja.Object {
	b := rt.NewObject()
	log := logger(rt)

	// Each instance gets its own copy of the environment: writes stay inside the extension, as a
	// Node process's env is its own.
	env := rt.NewObject()
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
			env.Set(k, v)
		}
	}
	b.Set("env", env)
	b.Set("arch", nodeArch(runtime.GOARCH))
	b.Set("platform", runtime.GOOS)
	b.Set("pid", os.Getpid())
	b.Set("ppid", os.Getppid())
	b.Set("uid", os.Getuid())
	b.Set("gid", os.Getgid())
	exe, _ := os.Executable()
	b.Set("execPath", exe)
	b.Set("cwd", func() string {
		wd, err := os.Getwd()
		if err != nil {
			panic(rt.NewGoError(err))
		}
		return wd
	})
	b.Set("uptime", func() float64 { return time.Since(started).Seconds() })
	b.Set("hrtime", func() []int64 {
		ns := monotonic()
		return []int64{ns / 1e9, ns % 1e9}
	})
	b.Set("hrtimeBigint", func() *big.Int { return big.NewInt(monotonic()) })
	b.Set("memoryUsage", func() goja.Value {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		// These describe the whole dxhost process (all extensions share it): resident memory from
		// /proc, the heap from Go's runtime. External and ArrayBuffer memory are not tracked apart.
		return host.Value(rt, host.Obj("rss", rss(m.Sys), "heapTotal", m.HeapSys, "heapUsed", m.HeapAlloc, "external", 0, "arrayBuffers", 0))
	})
	b.Set("cpuUsage", func() goja.Value {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return host.Value(rt, host.Obj("user", ru.Utime.Sec*1e6+int64(ru.Utime.Usec), "system", ru.Stime.Sec*1e6+int64(ru.Stime.Usec)))
	})
	// umask(-1) reads the mask (Go can only read it by setting it, so it is set back at once).
	b.Set("umask", func(mask int) int {
		if mask < 0 {
			old := syscall.Umask(0)
			syscall.Umask(old)
			return old
		}
		return syscall.Umask(mask & 0o777)
	})
	b.Set("warn", func(msg string) { log.Warn(msg) })
	b.Set("stdout", func(msg string) { log.Info(strings.TrimSuffix(msg, "\n")) })
	b.Set("stderr", func(msg string) { log.Error(strings.TrimSuffix(msg, "\n")) })
	return b
}

var monoBase = time.Now()

// monotonic is nanoseconds on a monotonic clock (an arbitrary origin, like Node's hrtime).
func monotonic() int64 { return int64(time.Since(monoBase)) + int64(time.Hour) }

func logger(rt *goja.Runtime) *logrus.Entry {
	if inst := host.Instance(rt); inst != nil && inst.Logger() != nil {
		return inst.Logger()
	}
	return logrus.NewEntry(logrus.StandardLogger())
}

func nodeArch(goarch string) string {
	switch goarch {
	case "amd64":
		return "x64"
	case "386":
		return "ia32"
	default:
		return goarch
	}
}

// rss is the process's resident set size from /proc/self/statm, or fallback where /proc is absent.
func rss(fallback uint64) uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return fallback
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return fallback
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return fallback
	}
	return pages * uint64(os.Getpagesize())
}
