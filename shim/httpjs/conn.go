package httpjs

import (
	"context"
	"net/http"
	"sync"
)

// Conn carries one response from the JS loop to the Gin goroutine. The loop only appends to a queue
// and signals, so it never blocks on a slow client; Pump (on the Gin goroutine) writes and flushes.
type Conn struct {
	mu     sync.Mutex
	queue  []event
	wake   chan struct{}
	closed bool // Pump has returned: later events are dropped
	// first backs the queue until it outgrows it: a response completed in one call is one event, so
	// the common request allocates no queue of its own.
	first [1]event

	// Backpressure, as Node's socket gives it: body bytes queued but not yet written, whether a
	// res.write returned false, and what to call (from Pump's goroutine) once the queue has drained.
	queued    int
	needDrain bool // what res.writableNeedDrain reads: true from a false res.write until 'drain'
	signalled bool // onDrain was told; needDrain is cleared on the loop, right before 'drain'
	onDrain   drainer
}

// drainer is told (from Pump's goroutine) that a backed-up response may be written to again.
type drainer interface{ drained() }

// highWaterMark is Node's default for a ServerResponse: res.write returns false beyond it.
const highWaterMark = 16 << 10

// Outcome is how a request left JS: answered, passed on (next() past the router's end) or failed.
type Outcome struct {
	Handled bool
	Err     error // an error passed out of the router (render it), nil otherwise
	// Header, when set, replaces the writer's headers before the next handler answers: what JS set on
	// res stays on Node's res for the 404/error handler too.
	Header http.Header
}

type eventKind uint8

const (
	evHead    eventKind = iota // status + headers (+ the whole body and the end, when end is set)
	evData                     // body bytes (+ the end, when end is set)
	evEnd                      // response complete
	evOutcome                  // the router finished without completing the response
	evAbort                    // close the connection without completing the response
)

type event struct {
	kind  eventKind
	flush bool // head without Content-Length, or data from res.write: send now (chunked), as Node does
	end   bool // evHead, evData: the response is complete after this event
	// evHead: the headers in res order, either entries (res's own, frozen once headers are sent, when
	// every value is a plain string) or fields (resolved to strings on the loop).
	status  int
	entries []headerEntry
	fields  []headerField
	data    []byte
	outcome *Outcome // evOutcome only: kept out of line so that the common events stay small
}

// headerField is one response header as it leaves the loop.
type headerField struct {
	name string
	vals []string
	one  [1]string // backs vals for a single value: one allocation for all the fields
}

// NewConn returns an empty pipe.
func NewConn() *Conn {
	c := &Conn{}
	c.Init()
	return c
}

// Init prepares a zero Conn, for callers that embed one in their own per-request state (one
// allocation instead of several). It must be called before the Conn is used, and only once.
func (c *Conn) Init() {
	c.wake = make(chan struct{}, 1)
	c.queue = c.first[:0]
}

func (c *Conn) push(e event) bool {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return false
	}
	c.queue = append(c.queue, e)
	c.queued += len(e.data)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
	return true
}

// pushData queues body bytes and reports whether the writer may go on (false past the high-water
// mark: 'drain' follows once they are written).
func (c *Conn) pushData(data []byte, flush bool) bool {
	if !c.push(event{kind: evData, data: data, flush: flush}) {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.queued < highWaterMark {
		return true
	}
	c.needDrain = true
	return false
}

// Finish reports the router's outcome (loop side). It is ignored once the response is complete.
func (c *Conn) Finish(o Outcome) { c.push(event{kind: evOutcome, outcome: &o}) }

// Abort drops the connection (loop side): used when an error comes after headers were sent.
func (c *Conn) Abort() { c.push(event{kind: evAbort}) }

// Closed reports whether the Gin side has stopped listening.
func (c *Conn) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// Pump writes queued events to w until the response is complete, an outcome arrives or ctx ends.
// abort is called (on this goroutine) when the connection must be dropped mid-response.
func (c *Conn) Pump(ctx context.Context, w http.ResponseWriter, abort func()) Outcome {
	defer func() {
		c.mu.Lock()
		c.closed = true
		c.queue = nil
		c.mu.Unlock()
	}()
	headSent := false
	var batch []event
	for {
		select {
		case <-c.wake:
		case <-ctx.Done():
			return Outcome{Handled: true}
		}
		c.mu.Lock()
		batch, c.queue = c.queue, batch[:0]
		c.mu.Unlock()
		for _, e := range batch {
			switch e.kind {
			case evHead:
				writeHead(w, &e)
				headSent = true
				if e.flush {
					flush(w)
				}
				if e.end {
					c.writeData(w, e.data)
					return Outcome{Handled: true}
				}
			case evData:
				if !c.writeData(w, e.data) {
					return Outcome{Handled: true}
				}
				if e.end {
					return Outcome{Handled: true}
				}
				if e.flush {
					flush(w)
				}
			case evEnd:
				writeHeaderNow(w)
				return Outcome{Handled: true}
			case evOutcome:
				if headSent {
					abort()
					return Outcome{Handled: true}
				}
				if e.outcome.Header != nil {
					dst := w.Header()
					for k := range dst {
						delete(dst, k)
					}
					for k, v := range e.outcome.Header {
						dst[k] = v
					}
				}
				return *e.outcome
			case evAbort:
				abort()
				return Outcome{Handled: true}
			}
		}
		if headSent {
			flush(w)
		}
	}
}

// writeHead replaces w's headers with the event's and writes the status line.
func writeHead(w http.ResponseWriter, e *event) {
	dst := w.Header()
	for k := range dst {
		delete(dst, k)
	}
	if e.fields != nil {
		for _, f := range e.fields {
			dst[f.name] = f.vals
		}
	} else {
		vals := make([]string, len(e.entries)) // one backing array for all the values
		for i, h := range e.entries {
			vals[i] = h.str
			dst[h.name] = vals[i : i+1 : i+1]
		}
	}
	if _, ok := dst["Content-Type"]; !ok {
		dst["Content-Type"] = nil // Node sends none; stop net/http from sniffing one
	}
	w.WriteHeader(e.status)
}

// writeData writes body bytes and accounts for them; false when the client is gone.
func (c *Conn) writeData(w http.ResponseWriter, data []byte) bool {
	if len(data) > 0 {
		if _, err := w.Write(data); err != nil {
			return false
		}
	}
	c.written(len(data))
	return true
}

func writeHeaderNow(w http.ResponseWriter) {
	if f, ok := w.(interface{ WriteHeaderNow() }); ok {
		f.WriteHeaderNow()
	}
}

// written accounts for n body bytes handed to the writer and signals a pending drain.
func (c *Conn) written(n int) {
	c.mu.Lock()
	c.queued -= n
	var drain drainer
	if c.needDrain && !c.signalled && c.queued < highWaterMark {
		c.signalled = true
		drain = c.onDrain
	}
	c.mu.Unlock()
	if drain != nil {
		drain.drained()
	}
}

// drainReached is called on the loop before emitting 'drain': it clears needDrain and reports true,
// unless JS has filled the queue past the high-water mark again since (a later write-out signals anew).
func (c *Conn) drainReached() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.signalled = false
	if c.queued >= highWaterMark {
		return false
	}
	c.needDrain = false
	return true
}

func flush(w http.ResponseWriter) {
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}
