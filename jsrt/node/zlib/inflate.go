package zlib

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"

	"github.com/andybalholm/brotli"
	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// inflater streams decompression: input chunks go through a pipe to a Go decompressor running on its
// own goroutine, whose output reaches JS chunk by chunk as it is produced.
type inflater struct {
	inst  *jsrt.Instance
	pw    *io.PipeWriter
	input chan inflaterInput
	out   goja.Callable // out(chunk) for each piece of output
	done  goja.Callable // done(errorInfo|null) once, at the end of the data or on failure
}

type inflaterInput struct {
	data []byte
	end  bool
	ack  goja.Callable // called on the loop once the decompressor has taken the chunk
}

func newInflater(rt *goja.Runtime, f format, out, done goja.Callable) *inflater {
	pr, pw := io.Pipe()
	z := &inflater{inst: host.Instance(rt), pw: pw, input: make(chan inflaterInput, 64), out: out, done: done}
	// Feeder: hands each chunk to the pipe (blocking until the decompressor reads it), then acks.
	host.Go(func() {
		for {
			var in inflaterInput
			select {
			case in = <-z.input:
			case <-z.inst.Done():
				// The instance went away with this stream unfinished.
				_ = pw.CloseWithError(errors.New("instance closed"))
				return
			}
			if len(in.data) > 0 {
				if _, err := pw.Write(in.data); err != nil {
					in.data = nil
				}
			}
			if in.ack != nil {
				ack := in.ack
				z.inst.RunOnLoop(func(*goja.Runtime) { _, _ = ack(goja.Undefined()) })
			}
			if in.end {
				_ = pw.Close()
				return
			}
		}
	}, z.fail)
	// Decompressor: reads the pipe, sends output to the loop in order, then reports the end.
	host.Go(func() {
		r, err := reader(f, pr)
		if err == nil {
			buf := make([]byte, 64<<10)
			for {
				n, rerr := r.Read(buf)
				if n > 0 {
					chunk := append([]byte(nil), buf[:n]...)
					z.inst.RunOnLoop(func(rt *goja.Runtime) { _, _ = z.out(goja.Undefined(), rt.ToValue(rt.NewArrayBuffer(chunk))) })
				}
				if errors.Is(rerr, io.EOF) {
					break
				}
				if rerr != nil {
					err = rerr
					break
				}
			}
		}
		_ = pr.CloseWithError(errors.New("decompression ended"))
		z.finish(err)
	}, z.fail)
	return z
}

// reader picks the decompressor; unzip sniffs the gzip magic number.
func reader(f format, src io.Reader) (io.Reader, error) {
	if f == fUnzip {
		head := make([]byte, 2)
		n, err := io.ReadFull(src, head)
		if err != nil && n == 0 {
			return nil, io.ErrUnexpectedEOF
		}
		src = io.MultiReader(bytes.NewReader(head[:n]), src)
		if n == 2 && head[0] == 0x1f && head[1] == 0x8b {
			f = fGzip
		} else {
			f = fDeflate
		}
	}
	switch f {
	case fGzip:
		return gzip.NewReader(src)
	case fDeflate:
		return zlib.NewReader(src)
	case fDeflateRaw:
		return flate.NewReader(src), nil
	case fBrotli:
		return brotli.NewReader(src), nil
	}
	return nil, errors.New("unknown compression format")
}

func (z *inflater) finish(err error) {
	z.inst.RunOnLoop(func(rt *goja.Runtime) {
		if err == nil {
			_, _ = z.done(goja.Undefined(), goja.Null())
			return
		}
		msg, code, errno := zlibError(err)
		info := rt.NewObject()
		info.Set("message", msg)
		info.Set("code", code)
		info.Set("errno", errno)
		_, _ = z.done(goja.Undefined(), info)
	})
}

func (z *inflater) fail(err error) { _ = z.pw.CloseWithError(err); z.finish(err) }
