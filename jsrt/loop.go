package jsrt

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/dop251/goja"
)

// RunOnLoop queues fn to run on the loop after the jobs queued before it. It is safe from any
// goroutine, including the loop. It returns false once the instance has terminated. While Close is
// waiting for in-flight work, jobs are still taken: they are that work's continuations (a request
// being answered during a reload); Close terminates when nothing is left.
func (i *Instance) RunOnLoop(fn func(rt *goja.Runtime)) bool {
	return i.enqueue(fn)
}

// Do runs fn on the loop and waits for it. It returns fn's error (goja errors converted as by Wrap),
// ctx's error if ctx ends first (fn may still run later), or ErrClosed. It must not be called from
// the loop.
func (i *Instance) Do(ctx context.Context, fn func(rt *goja.Runtime) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	result := make(chan error, 1)
	ok := i.RunOnLoop(func(rt *goja.Runtime) {
		var err error
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("jsrt: panic in Do: %w", panicError(r))
				result <- err
				panic(r) // let the job's handler log it with the Go stack
			}
			result <- err
		}()
		err = i.wrapError(fn(rt))
	})
	if !ok {
		return ErrClosed
	}
	select {
	case err := <-result:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// enqueue adds a job unless the instance has terminated.
func (i *Instance) enqueue(fn func(*goja.Runtime)) bool {
	i.mu.Lock()
	if i.state == stateTerminated {
		i.mu.Unlock()
		return false
	}
	i.queue = append(i.queue, fn)
	i.mu.Unlock()
	i.kick()
	return true
}

func (i *Instance) kick() {
	select {
	case i.wake <- struct{}{}:
	default:
	}
}

// now is the loop's monotonic clock.
func (i *Instance) now() time.Duration { return time.Since(i.start) }

// loop is the Instance's goroutine. One iteration follows Node's phases: due timers, then queued
// jobs (Node's I/O callbacks), then immediates.
func (i *Instance) loop() {
	defer close(i.done)
	defer i.shutdown()
	wait := time.NewTimer(time.Hour)
	wait.Stop()
	for {
		i.runTimers()
		if i.terminated() {
			return
		}
		i.runQueue()
		if i.terminated() {
			return
		}
		i.runImmediates()

		i.mu.Lock()
		state, queued := i.state, len(i.queue)
		if state == stateClosing && queued == 0 && i.refs == 0 && i.pending.Load() == 0 {
			i.state = stateTerminated
			state = stateTerminated
		}
		i.mu.Unlock()
		if state == stateTerminated {
			return
		}
		if queued > 0 || len(i.immediates) > 0 {
			continue
		}
		if next, ok := i.nextTimerDue(); ok {
			d := next - i.now()
			if d <= 0 {
				continue
			}
			wait.Reset(d)
			select {
			case <-i.wake:
				wait.Stop() // Go ≥1.23 timers: no stale tick survives Stop, Reset is safe
			case <-wait.C:
			}
		} else {
			<-i.wake
		}
	}
}

func (i *Instance) terminated() bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.state == stateTerminated
}

func (i *Instance) runQueue() {
	i.mu.Lock()
	jobs := i.queue
	i.queue = i.spare[:0]
	i.mu.Unlock()
	for n, job := range jobs {
		jobs[n] = nil
		if i.terminated() {
			continue
		}
		i.runJob(job)
	}
	i.spare = jobs[:0]
}

// runJob runs one loop job: the unit the watchdog times and after which unhandled rejections are
// reported. A Go panic is contained here and logged with its Go stack.
func (i *Instance) runJob(fn func(*goja.Runtime)) {
	i.wd.begin()
	defer i.endJob()
	fn(i.rt)
}

func (i *Instance) endJob() {
	if r := recover(); r != nil {
		i.log.WithField("panic", fmt.Sprint(r)).Errorf("jsrt: Go panic contained in a loop job: %v\n%s", r, debug.Stack())
	}
	i.contain(i.reportRejections) // may run JS (getters of a rejection reason): still timed
	fired := i.wd.end()
	if fired {
		i.attributeInterrupt()
	}
	i.current = nil
	i.taskStack = i.taskStack[:0]
	i.interrupt = interruptNote{}
	i.reportRejections()
}

// contain runs loop-side bookkeeping that may touch JS, so that not even an interrupt escapes.
func (i *Instance) contain(fn func()) {
	defer func() {
		if r := recover(); r != nil {
			i.log.Errorf("jsrt: contained failure while reporting: %v", r)
		}
	}()
	fn()
}

// shutdown releases everything the loop holds once it stops; no goroutine outlives it.
func (i *Instance) shutdown() {
	i.mu.Lock()
	i.state = stateTerminated
	i.queue = nil
	i.mu.Unlock()
	i.wd.stop()
	i.timers = nil
	i.timerIDs = map[int64]*timer{}
	i.immediates = nil
	i.refs = 0
}
