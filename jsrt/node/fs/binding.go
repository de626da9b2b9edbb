package fs

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// binding is the Go half of fs.gen.js: sync(name, args) → [errorInfo|null, result] and
// async(name, args, callback(errorInfo|null, result)); the JS half turns errorInfo into Node's error.
func binding(rt *goja.Runtime) *goja.Object {
	t := &files{open: map[int]*os.File{}}
	if inst := host.Instance(rt); inst != nil {
		go func() {
			<-inst.Done()
			t.closeAll()
		}()
	}
	b := rt.NewObject()
	lookup := func(name string) op {
		o, ok := ops[name]
		if !ok {
			panic(rt.NewTypeError("fs: unknown operation " + name))
		}
		return o
	}
	b.Set("sync", func(name string, in []goja.Value) []goja.Value {
		o := lookup(name)
		a := exportArgs(in)
		res, err := host.Guard(func() (any, error) { return o(t, a) })
		return []goja.Value{errorInfo(rt, err), resultValue(rt, res)}
	})
	b.Set("async", func(name string, in []goja.Value, cb goja.Callable) {
		o := lookup(name)
		a := exportArgs(in)
		host.Instance(rt).Go(func() func(rt *goja.Runtime) {
			res, err := host.Guard(func() (any, error) { return o(t, a) })
			return func(rt *goja.Runtime) {
				_, _ = cb(goja.Undefined(), errorInfo(rt, err), resultValue(rt, res))
			}
		})
	})
	b.Set("watch", func(path string, onEvent, onError goja.Callable) *goja.Object {
		w, err := startWatch(rt, host.Instance(rt), path, onEvent, onError)
		if err != nil {
			panic(errorInfo(rt, err))
		}
		h := rt.NewObject()
		h.Set("close", func() { w.close() })
		return h
	})
	return b
}

// exportArgs copies JS arguments into Go values owned by Go (bytes are copied: the JS side may reuse
// its buffer while the operation runs on another goroutine).
func exportArgs(in []goja.Value) args {
	out := make(args, len(in))
	for i, v := range in {
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			continue
		}
		switch x := v.Export().(type) {
		case goja.ArrayBuffer:
			out[i] = append([]byte(nil), x.Bytes()...)
		case []byte:
			out[i] = append([]byte(nil), x...)
		default:
			out[i] = x
		}
	}
	return out
}

func resultValue(rt *goja.Runtime, res any) goja.Value {
	switch x := res.(type) {
	case nil:
		return goja.Undefined()
	case []byte:
		return rt.ToValue(rt.NewArrayBuffer(x))
	}
	return host.Value(rt, res)
}

// errorInfo gives the errno's code and number (negative, as libuv reports them); nil → null.
func errorInfo(rt *goja.Runtime, err error) goja.Value {
	if err == nil {
		return goja.Null()
	}
	info := rt.NewObject()
	var errno syscall.Errno
	switch {
	case errors.Is(err, errDirRm):
		errno = syscall.EISDIR
		info.Set("code", "ERR_FS_EISDIR")
	case errors.As(err, &errno):
	case errors.Is(err, fs.ErrNotExist):
		errno = syscall.ENOENT
	case errors.Is(err, fs.ErrExist):
		errno = syscall.EEXIST
	case errors.Is(err, fs.ErrPermission):
		errno = syscall.EACCES
	default:
		info.Set("code", "EIO")
		info.Set("errno", -int(syscall.EIO))
		info.Set("message", err.Error())
		return info
	}
	if goja.IsUndefined(info.Get("code")) || info.Get("code") == nil {
		info.Set("code", errnoName(errno))
	}
	info.Set("errno", -int(errno))
	info.Set("message", uvMessage(errno))
	return info
}
