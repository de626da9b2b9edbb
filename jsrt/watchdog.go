package jsrt

import (
	"sync"
	"time"

	"github.com/dop251/goja"
)

// watchdog interrupts a loop job that runs longer than the limit. begin/end bracket every job under
// one mutex with the interrupt itself, so an interrupt meant for one job can never land in the next.
type watchdog struct {
	rt    *goja.Runtime
	limit time.Duration

	mu      sync.Mutex
	seq     uint64
	running bool
	started time.Time
	fired   bool

	kickc chan struct{}
	quit  chan struct{}
	gone  chan struct{}
	once  sync.Once
}

// timeLimitExceeded is the interrupt value the watchdog uses.
type timeLimitExceeded struct{ limit time.Duration }

func (t timeLimitExceeded) Error() string { return "script ran longer than " + t.limit.String() }

func newWatchdog(rt *goja.Runtime, limit time.Duration) *watchdog {
	w := &watchdog{rt: rt, limit: limit, kickc: make(chan struct{}, 1), quit: make(chan struct{}), gone: make(chan struct{})}
	if limit > 0 {
		go w.watch()
	} else {
		close(w.gone)
	}
	return w
}

func (w *watchdog) begin() {
	w.mu.Lock()
	w.seq++
	w.running = true
	w.fired = false
	if w.limit > 0 {
		w.started = time.Now()
	}
	w.mu.Unlock()
	if w.limit > 0 {
		select {
		case w.kickc <- struct{}{}:
		default:
		}
	}
}

// end closes the current job and reports whether the watchdog interrupted it; the runtime's
// interrupt flag is cleared so the next job starts clean.
func (w *watchdog) end() (fired bool) {
	w.mu.Lock()
	w.running = false
	fired = w.fired
	w.fired = false
	w.rt.ClearInterrupt()
	w.mu.Unlock()
	return fired
}

// firedNow reports whether the current job has been interrupted for running too long (loop only).
func (w *watchdog) firedNow() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.fired
}

// interruptRunning interrupts the current job, if any, with v (used to terminate).
func (w *watchdog) interruptRunning(v any) {
	w.mu.Lock()
	if w.running {
		w.rt.Interrupt(v)
	}
	w.mu.Unlock()
}

func (w *watchdog) stop() {
	w.once.Do(func() { close(w.quit) })
	<-w.gone
}

func (w *watchdog) watch() {
	defer close(w.gone)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-w.quit:
			return
		case <-w.kickc:
		}
		for {
			w.mu.Lock()
			if !w.running {
				w.mu.Unlock()
				break
			}
			d := time.Until(w.started.Add(w.limit))
			if d <= 0 {
				// Go code may carry on after the interrupt (e.g. call an error handler): give it a
				// fresh window and interrupt again if it is stuck too.
				w.fired = true
				w.started = time.Now()
				w.rt.Interrupt(timeLimitExceeded{w.limit})
				d = w.limit
			}
			w.mu.Unlock()
			timer.Reset(d)
			select {
			case <-w.quit:
				timer.Stop()
				return
			case <-timer.C:
			}
		}
	}
}
