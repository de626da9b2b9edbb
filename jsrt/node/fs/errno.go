package fs

import "syscall"

// errnoNames and uvMessages are libuv's names and descriptions, which Node puts in fs errors.
var errnoNames = map[syscall.Errno]string{
	syscall.ENOENT: "ENOENT", syscall.EEXIST: "EEXIST", syscall.EISDIR: "EISDIR", syscall.ENOTDIR: "ENOTDIR",
	syscall.EACCES: "EACCES", syscall.EPERM: "EPERM", syscall.ENOTEMPTY: "ENOTEMPTY", syscall.EBADF: "EBADF",
	syscall.EINVAL: "EINVAL", syscall.EMFILE: "EMFILE", syscall.ENFILE: "ENFILE", syscall.ELOOP: "ELOOP",
	syscall.EXDEV: "EXDEV", syscall.ENAMETOOLONG: "ENAMETOOLONG", syscall.EROFS: "EROFS", syscall.ENOSPC: "ENOSPC",
	syscall.EBUSY: "EBUSY", syscall.EIO: "EIO", syscall.EAGAIN: "EAGAIN", syscall.ESPIPE: "ESPIPE", syscall.EFBIG: "EFBIG",
}

var uvMessages = map[syscall.Errno]string{
	syscall.ENOENT: "no such file or directory", syscall.EEXIST: "file already exists",
	syscall.EISDIR: "illegal operation on a directory", syscall.ENOTDIR: "not a directory",
	syscall.EACCES: "permission denied", syscall.EPERM: "operation not permitted",
	syscall.ENOTEMPTY: "directory not empty", syscall.EBADF: "bad file descriptor",
	syscall.EINVAL: "invalid argument", syscall.EMFILE: "too many open files", syscall.ENFILE: "file table overflow",
	syscall.ELOOP: "too many symbolic links encountered", syscall.EXDEV: "cross-device link not permitted",
	syscall.ENAMETOOLONG: "name too long", syscall.EROFS: "read-only file system", syscall.ENOSPC: "no space left on device",
	syscall.EBUSY: "resource busy or locked", syscall.EIO: "i/o error", syscall.EAGAIN: "resource temporarily unavailable",
	syscall.ESPIPE: "invalid seek", syscall.EFBIG: "file too large",
}

func errnoName(e syscall.Errno) string {
	if n, ok := errnoNames[e]; ok {
		return n
	}
	return "UNKNOWN"
}

func uvMessage(e syscall.Errno) string {
	if m, ok := uvMessages[e]; ok {
		return m
	}
	return e.Error()
}
