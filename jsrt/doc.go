// Package jsrt runs one extension's JavaScript: a goja runtime owned by one event-loop goroutine
// (an Instance), with Node-like timers, CommonJS require, console, promise helpers for Go work,
// a per-job time limit and source-mapped errors.
//
// The loop. RunOnLoop is the only door into a runtime from other goroutines. Each loop iteration
// follows Node's phases: due timers, then queued jobs (Node's I/O callbacks: RunOnLoop, settled
// Go work and promises), then immediates. Every timer callback, queued job and immediate is one
// "job"; goja runs the promise jobs (microtasks) a job queues before the job ends, so a job with
// its microtasks is the unit the watchdog times and after which unhandled rejections are reported.
//
// Why not goja_nodejs's eventloop and require (the stack the design names): its loop chooses between
// its timer channel and its other jobs at random (a timer callback's setImmediate ran after a
// setTimeout(0) in 43 of 200 runs, where Node always runs it first), has no ref/unref or pending-work
// count, starts a goroutine per setInterval and lets a Go panic in a job end the process; its require
// lacks package.json "exports" conditions. Both are replaced here, keeping RunOnLoop's semantics.
//
// Pending work. Go work, unsettled NewPromise promises, ref'ed timers and immediates keep Close
// waiting, as they keep a Node process alive; unref'ed timers do not.
//
// Tasks. RunTask makes a Task current; promise continuations (goja's AsyncContextTracker), timers,
// immediates and microtasks started under it inherit it. The watchdog's interrupt and unhandled
// rejections are handed to the task that was current.
//
// Errors. Code runs through a source map when it has one, so stacks, syntax errors, interrupts and
// rejections name the extension's own file:line:col with Node's 1-based columns.
//
// Differences from Node that remain: no import() (goja's parser lacks it; esbuild lowers it to
// require when bundling), a stack overflow is uncatchable by JS (reported as RangeError to Go),
// err.stack text keeps goja's "file:line:col(pc)" spelling, and an interrupt discards the other
// promise jobs queued in the same loop job (goja clears its job queue).
package jsrt
