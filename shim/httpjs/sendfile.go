package httpjs

import (
	_ "embed"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

//go:embed sendfile.js
var sendfileSource string

// defineSendFile installs res.sendFile/res.download (sendfile.js) with the file natives they need.
// Without an owning jsrt.Instance (no folder, no loop) the methods are left out.
func (k *Kit) defineSendFile(natives *goja.Object) error {
	inst := jsrt.FromRuntime(k.rt)
	if inst == nil {
		return nil
	}
	dir, err := filepath.Abs(inst.Dir())
	if err != nil {
		return err
	}
	rt := k.rt
	_ = natives.Set("dir", func() string { return filepath.ToSlash(dir) })
	_ = natives.Set("inside", func(p string) bool { return insideDir(dir, filepath.FromSlash(p)) })
	_ = natives.Set("fresh", fresh)
	_ = natives.Set("stat", jsrt.Safe(rt, func(call goja.FunctionCall) goja.Value {
		path := filepath.FromSlash(call.Argument(0).String())
		cb, ok := goja.AssertFunction(call.Argument(1))
		if !ok {
			panic(rt.NewTypeError("stat: callback required"))
		}
		inst.Go(func() func(*goja.Runtime) {
			info, err := os.Stat(path)
			return func(rt *goja.Runtime) {
				if err != nil {
					_, _ = cb(goja.Undefined(), k.fsError(err, "stat", path))
					return
				}
				st := rt.NewObject()
				_ = st.Set("size", info.Size())
				_ = st.Set("mtimeMs", info.ModTime().UnixMilli())
				_ = st.Set("isDirectory", info.IsDir())
				_, _ = cb(goja.Undefined(), goja.Null(), st)
			}
		})
		return goja.Undefined()
	}))
	_ = natives.Set("streamFile", jsrt.Safe(rt, func(call goja.FunctionCall) goja.Value {
		res := ownState[*Response](rt, call.Argument(0))
		path := filepath.FromSlash(call.Argument(1).String())
		offset, length := call.Argument(2).ToInteger(), call.Argument(3).ToInteger()
		done, _ := goja.AssertFunction(call.Argument(4))
		res.head()
		conn, body := res.conn, res.bodyAllowed()
		inst.Go(func() func(*goja.Runtime) {
			err := copyFileRange(path, offset, length, func(chunk []byte) bool {
				if body {
					return conn.push(event{kind: evData, data: chunk})
				}
				return true
			})
			return func(rt *goja.Runtime) {
				if err != nil {
					if done != nil {
						_, _ = done(goja.Undefined(), k.fsError(err, "read", path))
					}
					return
				}
				if !res.Ended {
					res.Ended = true
					res.conn.push(event{kind: evEnd})
				}
				if done != nil {
					_, _ = done(goja.Undefined())
				}
			}
		})
		return goja.Undefined()
	}))
	prog, err := goja.Compile("httpjs-sendfile.js", sendfileSource, true)
	if err != nil {
		return err
	}
	setup, err := rt.RunProgram(prog)
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(setup)
	_, err = fn(goja.Undefined(), k.resProto, natives)
	return err
}

// insideDir reports whether p (absolute, cleaned) lies in dir, symlinks resolved where they exist.
func insideDir(dir, p string) bool {
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// copyFileRange reads length bytes of path from offset, handing chunks to emit until it returns false.
func copyFileRange(path string, offset, length int64, emit func([]byte) bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return err
	}
	r := io.LimitReader(f, length)
	for {
		buf := make([]byte, bodyChunk)
		n, err := r.Read(buf)
		if n > 0 && !emit(buf[:n]) {
			return nil // the client is gone
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// fsError builds the Error Node's fs gives for err ("ENOENT: no such file or directory, stat '<path>'").
func (k *Kit) fsError(err error, syscallName, path string) goja.Value {
	code, desc, errno := "EIO", err.Error(), -5
	var en syscall.Errno
	switch {
	case errors.Is(err, fs.ErrNotExist):
		code, desc, errno = "ENOENT", "no such file or directory", -2
	case errors.Is(err, fs.ErrPermission):
		code, desc, errno = "EACCES", "permission denied", -13
	case errors.As(err, &en) && en == syscall.ENOTDIR:
		code, desc, errno = "ENOTDIR", "not a directory", -20
	case errors.As(err, &en) && en == syscall.ENAMETOOLONG:
		code, desc, errno = "ENAMETOOLONG", "name too long", -36
	}
	e := k.nodeError("Error", code, code+": "+desc+", "+syscallName+" '"+filepath.ToSlash(path)+"'")
	_ = e.Set("errno", errno)
	_ = e.Set("syscall", syscallName)
	_ = e.Set("path", filepath.ToSlash(path))
	return e
}
