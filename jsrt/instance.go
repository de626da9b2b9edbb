package jsrt

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"
)

// Options configures one Instance.
type Options struct {
	Name      string        // extension name, for logs
	Dir       string        // extension folder; runtime require() resolves <Dir>/node_modules from here
	Logger    *logrus.Entry // console.* and unhandled rejections are logged here
	TimeLimit time.Duration // longest uninterrupted JS run (one loop job with its microtasks); 0 = none
}

// ErrClosed is returned by Do (RunOnLoop returns false) once the Instance has terminated.
var ErrClosed = errors.New("jsrt: instance is closed")

// Instance is one goja runtime and the event loop that owns it.
type Instance struct {
	name  string
	dir   string
	log   *logrus.Entry
	rt    *goja.Runtime
	start time.Time // base of the loop's monotonic clock

	// Shared with other goroutines.
	mu      sync.Mutex
	state   loopState
	queue   []func(*goja.Runtime) // RunOnLoop jobs, in order
	spare   []func(*goja.Runtime)
	wake    chan struct{}
	done    chan struct{}
	pending atomic.Int64 // Go() work and unsettled NewPromise promises
	wd      *watchdog

	// Loop-only.
	timers     timerHeap
	timerIDs   map[int64]*timer
	nextTimer  int64
	timerSeq   uint64
	immediates []*immediate
	refs       int // ref'ed timers and pending immediates
	current    *Task
	taskStack  []*Task
	interrupt  interruptNote
	rejections []rejection
	modules    map[string]*goja.Object // require cache: registered names and resolved paths
	console    *consoleState
	timerProto *goja.Object
	immProto   *goja.Object
	idSym      *goja.Symbol
	errorCtor  *goja.Object  // the built-in Error, taken before user code runs
	hasOwn     goja.Callable // the built-in Object.prototype.hasOwnProperty, likewise
}

type loopState int32

const (
	stateRunning loopState = iota
	stateClosing
	stateTerminated
)

// maxCallStack bounds JS recursion (Node allows about 11k simple frames). Without it a runaway
// recursion grows until memory runs out; goja unwinds recursion through native callbacks (e.g.
// [].map(self)) in time quadratic in depth (10k frames: ~20 s, 5k: ~3 s), hence the lower bound.
const maxCallStack = 5000

var instances sync.Map // *goja.Runtime → *Instance

// New creates an Instance, runs every RegisterGlobals setup on it and starts its loop goroutine.
func New(opts Options) (*Instance, error) {
	log := opts.Logger
	if log == nil {
		log = logrus.NewEntry(logrus.StandardLogger())
	}
	dir := opts.Dir
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
	}
	i := &Instance{
		name:     opts.Name,
		dir:      dir,
		log:      log,
		rt:       goja.New(),
		start:    time.Now(),
		wake:     make(chan struct{}, 1),
		done:     make(chan struct{}),
		timerIDs: map[int64]*timer{},
		modules:  map[string]*goja.Object{},
	}
	i.rt.SetFieldNameMapper(goja.TagFieldNameMapper("json", true))
	i.rt.SetMaxCallStackSize(maxCallStack)
	i.wd = newWatchdog(i.rt, opts.TimeLimit)
	i.rt.SetAsyncContextTracker(taskTracker{i})
	i.rt.SetPromiseRejectionTracker(i.trackRejection)
	instances.Store(i.rt, i)

	if err := i.setup(); err != nil {
		instances.Delete(i.rt)
		i.wd.stop()
		return nil, err
	}
	go i.loop()
	return i, nil
}

// setup installs the core globals, then every registered setup. It runs before the loop starts,
// so it owns the runtime.
func (i *Instance) setup() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("jsrt: setting up %q: %w", i.name, panicError(r))
		}
	}()
	i.errorCtor, _ = i.rt.Get("Error").(*goja.Object)
	i.hasOwn, _ = goja.AssertFunction(i.rt.NewObject().Get("hasOwnProperty"))
	i.installTimers()
	i.installMicrotask()
	i.installConsole()
	for _, g := range registeredGlobals() {
		if err := g.setup(i, i.rt); err != nil {
			return fmt.Errorf("jsrt: globals %q: %w", g.name, err)
		}
	}
	return nil
}

// HasOwnProperty is Object.prototype.hasOwnProperty.call(o, name) with the built-in taken before
// any script ran: for an ordinary object it runs no JS (no getter), whatever scripts did to
// Object.prototype since. Loop only.
func (i *Instance) HasOwnProperty(o *goja.Object, name string) bool {
	v, err := i.hasOwn(o, i.rt.ToValue(name))
	return err == nil && v.ToBoolean()
}

// FromRuntime returns the Instance that owns rt, or nil.
func FromRuntime(rt *goja.Runtime) *Instance {
	if v, ok := instances.Load(rt); ok {
		return v.(*Instance)
	}
	return nil
}

func (i *Instance) Name() string           { return i.name }
func (i *Instance) Dir() string            { return i.dir } // absolute
func (i *Instance) Logger() *logrus.Entry  { return i.log }
func (i *Instance) Runtime() *goja.Runtime { return i.rt } // loop only

// Close lets in-flight work (queued jobs, Go work, unsettled NewPromise promises, ref'ed timers and
// immediates) finish until ctx is done, then terminates: running JS is interrupted, timers are
// dropped, the loop goroutine exits and RunOnLoop returns false from then on. Callers stop routing
// new work to the instance before closing it. It returns ctx's error when it had to cut work short.
func (i *Instance) Close(ctx context.Context) error {
	i.mu.Lock()
	if i.state == stateRunning {
		i.state = stateClosing
	}
	i.mu.Unlock()
	i.kick()

	var err error
	select {
	case <-i.done:
	case <-ctx.Done():
		err = ctx.Err()
		i.terminate()
		select {
		case <-i.done:
		case <-time.After(terminateGrace):
			// JS is interrupted, but a Go function it called has not returned; the loop ends when
			// it does. Do not hold the caller (a reload) hostage.
			err = fmt.Errorf("jsrt: %q still busy in Go code after termination: %w", i.name, err)
		}
	}
	instances.Delete(i.rt)
	return err
}

// terminateGrace is how long Close waits for the loop after interrupting it.
const terminateGrace = 2 * time.Second

// Done is closed when the loop goroutine has exited.
func (i *Instance) Done() <-chan struct{} { return i.done }

func (i *Instance) terminate() {
	i.mu.Lock()
	i.state = stateTerminated
	i.mu.Unlock()
	i.wd.interruptRunning(errTerminated)
	i.kick()
}

var errTerminated = errors.New("jsrt: instance terminated")
