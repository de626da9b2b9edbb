package host

import (
	"fmt"
	"runtime/debug"
)

// Guard runs work (on a goroutine off the loop) and turns a Go panic into an error, so bad input
// from an extension can never take the process down.
func Guard(work func() (any, error)) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (please report): %v\n%s", r, debug.Stack())
		}
	}()
	return work()
}

// Go starts fn on a goroutine that recovers from panics (reported through onPanic).
func Go(fn func(), onPanic func(error)) {
	go func() {
		defer func() {
			if r := recover(); r != nil && onPanic != nil {
				onPanic(fmt.Errorf("internal error (please report): %v\n%s", r, debug.Stack()))
			}
		}()
		fn()
	}()
}
