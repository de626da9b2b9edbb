package fs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// files is one runtime's table of open descriptors (Node hands out the OS fd numbers too).
type files struct {
	mu   sync.Mutex
	open map[int]*os.File
}

func (t *files) add(f *os.File) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	fd := int(f.Fd())
	t.open[fd] = f
	return fd
}

func (t *files) get(fd int) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.open[fd]
	if !ok {
		return nil, &fs.PathError{Op: "", Path: "", Err: syscall.EBADF}
	}
	return f, nil
}

func (t *files) remove(fd int) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.open[fd]
	if !ok {
		return nil, syscall.EBADF
	}
	delete(t.open, fd)
	return f, nil
}

// closeAll releases what an extension left open when its instance goes away.
func (t *files) closeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for fd, f := range t.open {
		_ = f.Close()
		delete(t.open, fd)
	}
}

// op is one fs operation on plain Go values (exported from JS on the loop, so it may run anywhere).
type op func(t *files, a args) (any, error)

type args []any

func (a args) str(i int) string {
	if i < len(a) {
		if s, ok := a[i].(string); ok {
			return s
		}
	}
	return ""
}

func (a args) num(i int) int64 {
	if i < len(a) {
		switch v := a[i].(type) {
		case int64:
			return v
		case float64:
			return int64(v)
		case int:
			return int64(v)
		}
	}
	return 0
}

func (a args) has(i int) bool { return i < len(a) && a[i] != nil }

func (a args) flag(i int) bool {
	if i < len(a) {
		b, _ := a[i].(bool)
		return b
	}
	return false
}

func (a args) bytes(i int) []byte {
	if i < len(a) {
		if b, ok := a[i].([]byte); ok {
			return b
		}
	}
	return nil
}

// ops are the operations the JS half calls by name; each returns a JSON-like result.
var ops = map[string]op{
	"readFile": func(t *files, a args) (any, error) { return os.ReadFile(a.str(0)) },
	"writeFile": func(t *files, a args) (any, error) {
		flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if a.flag(3) {
			flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		}
		f, err := os.OpenFile(a.str(0), flag, os.FileMode(a.num(2)))
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(a.bytes(1)); err != nil {
			f.Close()
			return nil, err
		}
		return nil, f.Close()
	},
	"stat":  func(t *files, a args) (any, error) { return statOf(os.Stat(a.str(0))) },
	"lstat": func(t *files, a args) (any, error) { return statOf(os.Lstat(a.str(0))) },
	"fstat": func(t *files, a args) (any, error) {
		f, err := t.get(int(a.num(0)))
		if err != nil {
			return nil, err
		}
		return statOf(f.Stat())
	},
	"access": func(t *files, a args) (any, error) {
		return nil, syscall.Access(a.str(0), uint32(a.num(1)))
	},
	"readdir": func(t *files, a args) (any, error) {
		entries, err := os.ReadDir(a.str(0))
		if err != nil {
			return nil, err
		}
		out := make([]any, 0, len(entries))
		for _, e := range entries {
			out = append(out, host.Obj("name", e.Name(), "type", typeOf(e.Type())))
		}
		return out, nil
	},
	"readdirRecursive": func(t *files, a args) (any, error) {
		root := a.str(0)
		var out []any
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p == root {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			out = append(out, host.Obj("name", rel, "type", typeOf(d.Type()), "parentPath", filepath.Dir(p)))
			return nil
		})
		return out, err
	},
	"mkdir": func(t *files, a args) (any, error) {
		p, mode := a.str(0), os.FileMode(a.num(2))
		if !a.flag(1) {
			return nil, os.Mkdir(p, mode)
		}
		// Node returns the first directory it created (undefined when all existed).
		first := firstMissing(p)
		if err := os.MkdirAll(p, mode); err != nil {
			return nil, err
		}
		if first == "" {
			return nil, nil
		}
		return first, nil
	},
	"mkdtemp": func(t *files, a args) (any, error) {
		// Node appends six random characters to the prefix, which may end in a separator.
		dir, base := filepath.Split(a.str(0))
		if dir == "" {
			dir = "."
		}
		p, err := os.MkdirTemp(dir, base+"*")
		if err != nil {
			return nil, err
		}
		if !filepath.IsAbs(a.str(0)) && dir == "." {
			return filepath.Base(p), nil
		}
		return p, nil
	},
	"rmdir": func(t *files, a args) (any, error) {
		if a.flag(1) {
			return nil, os.RemoveAll(a.str(0))
		}
		return nil, syscall.Rmdir(a.str(0))
	},
	"rm": func(t *files, a args) (any, error) {
		p, recursive, force := a.str(0), a.flag(1), a.flag(2)
		st, err := os.Lstat(p)
		if err != nil {
			if force && errors.Is(err, fs.ErrNotExist) {
				return nil, nil
			}
			return nil, err
		}
		if st.IsDir() {
			if !recursive {
				return nil, &fs.PathError{Op: "rm", Path: p, Err: errDirRm}
			}
			return nil, os.RemoveAll(p)
		}
		return nil, os.Remove(p)
	},
	"unlink":   func(t *files, a args) (any, error) { return nil, syscall.Unlink(a.str(0)) },
	"rename":   func(t *files, a args) (any, error) { return nil, os.Rename(a.str(0), a.str(1)) },
	"copyFile": func(t *files, a args) (any, error) { return nil, copyFile(a.str(0), a.str(1), a.num(2)) },
	"realpath": func(t *files, a args) (any, error) {
		abs, err := filepath.Abs(a.str(0))
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, err
		}
		return filepath.EvalSymlinks(abs)
	},
	"readlink": func(t *files, a args) (any, error) { return os.Readlink(a.str(0)) },
	"symlink":  func(t *files, a args) (any, error) { return nil, os.Symlink(a.str(0), a.str(1)) },
	"link":     func(t *files, a args) (any, error) { return nil, os.Link(a.str(0), a.str(1)) },
	"chmod":    func(t *files, a args) (any, error) { return nil, os.Chmod(a.str(0), os.FileMode(a.num(1))) },
	"chown":    func(t *files, a args) (any, error) { return nil, os.Chown(a.str(0), int(a.num(1)), int(a.num(2))) },
	"truncate": func(t *files, a args) (any, error) { return nil, os.Truncate(a.str(0), a.num(1)) },
	"utimes": func(t *files, a args) (any, error) {
		return nil, os.Chtimes(a.str(0), msTime(a, 1), msTime(a, 2))
	},
	"open": func(t *files, a args) (any, error) {
		f, err := os.OpenFile(a.str(0), int(a.num(1)), os.FileMode(a.num(2)))
		if err != nil {
			return nil, err
		}
		return t.add(f), nil
	},
	"close": func(t *files, a args) (any, error) {
		f, err := t.remove(int(a.num(0)))
		if err != nil {
			return nil, err
		}
		return nil, f.Close()
	},
	// read(fd, length, position|null) → bytes read (fewer at end of file).
	"read": func(t *files, a args) (any, error) {
		f, err := t.get(int(a.num(0)))
		if err != nil {
			return nil, err
		}
		if a.num(1) < 0 || a.num(1) > 1<<31 {
			return nil, syscall.EINVAL
		}
		buf := make([]byte, a.num(1))
		var n int
		if a.has(2) && a.num(2) >= 0 {
			n, err = f.ReadAt(buf, a.num(2))
		} else {
			n, err = f.Read(buf)
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		return buf[:n], nil
	},
	// write(fd, bytes, position|null) → bytes written.
	"write": func(t *files, a args) (any, error) {
		f, err := t.get(int(a.num(0)))
		if err != nil {
			return nil, err
		}
		if a.has(2) && a.num(2) >= 0 {
			return f.WriteAt(a.bytes(1), a.num(2))
		}
		return f.Write(a.bytes(1))
	},
	"fsync": func(t *files, a args) (any, error) {
		f, err := t.get(int(a.num(0)))
		if err != nil {
			return nil, err
		}
		return nil, f.Sync()
	},
	"ftruncate": func(t *files, a args) (any, error) {
		f, err := t.get(int(a.num(0)))
		if err != nil {
			return nil, err
		}
		return nil, f.Truncate(a.num(1))
	},
	"exists": func(t *files, a args) (any, error) {
		_, err := os.Stat(a.str(0))
		return err == nil, nil
	},
}

var errDirRm = errors.New("is a directory")

func msTime(a args, i int) time.Time {
	ms := a.num(i)
	if f, ok := a[i].(float64); ok {
		return time.UnixMilli(0).Add(time.Duration(f * float64(time.Millisecond)))
	}
	return time.UnixMilli(ms)
}

func firstMissing(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	first := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(dir); err == nil {
			return first
		}
		first = dir
		if filepath.Dir(dir) == dir {
			return first
		}
	}
}

// copyFile honours COPYFILE_EXCL (1); the other modes are optimisations Node may ignore too.
func copyFile(src, dst string, mode int64) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if mode&1 != 0 {
		flag |= os.O_EXCL
	}
	out, err := os.OpenFile(dst, flag, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func typeOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeDir != 0:
		return "dir"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m&fs.ModeNamedPipe != 0:
		return "fifo"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "char"
	case m&fs.ModeDevice != 0:
		return "block"
	}
	return "file"
}

func statOf(fi fs.FileInfo, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil, fmt.Errorf("stat: no system data")
	}
	ms := func(ts syscall.Timespec) float64 { return float64(ts.Sec)*1e3 + float64(ts.Nsec)/1e6 }
	return host.Obj(
		"dev", st.Dev, "mode", st.Mode, "nlink", st.Nlink, "uid", st.Uid, "gid", st.Gid, "rdev", st.Rdev,
		"blksize", st.Blksize, "ino", st.Ino, "size", st.Size, "blocks", st.Blocks,
		"atimeMs", ms(st.Atim), "mtimeMs", ms(st.Mtim), "ctimeMs", ms(st.Ctim), "birthtimeMs", ms(st.Ctim),
	), nil
}
