// Package os is Node's os module, read from Go's runtime, syscall.Uname and /proc.
package os

import (
	"bufio"
	"net"
	"os"
	"os/user"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

func init() {
	jsrt.RegisterModule("os", Require)
}

// Require builds the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	o := module.Get("exports").ToObject(rt)
	uts := uname()
	o.Set("EOL", "\n")
	o.Set("devNull", "/dev/null")
	o.Set("platform", func() string { return runtime.GOOS })
	o.Set("type", func() string { return uts.sysname })
	o.Set("release", func() string { return uts.release })
	o.Set("version", func() string { return uts.version })
	o.Set("machine", func() string { return uts.machine })
	o.Set("arch", func() string { return nodeArch(runtime.GOARCH) })
	o.Set("endianness", func() string { return "LE" })
	o.Set("hostname", func() string { h, _ := os.Hostname(); return h })
	o.Set("homedir", func() string { h, _ := os.UserHomeDir(); return h })
	o.Set("tmpdir", func() string {
		// Node: $TMPDIR, $TMP or $TEMP without a trailing slash, else /tmp.
		for _, k := range []string{"TMPDIR", "TMP", "TEMP"} {
			if v := os.Getenv(k); v != "" {
				if len(v) > 1 {
					v = strings.TrimSuffix(v, "/")
				}
				return v
			}
		}
		return "/tmp"
	})
	o.Set("availableParallelism", func() int { return runtime.NumCPU() })
	o.Set("cpus", func() goja.Value {
		model, speed := cpuModel()
		times := cpuTimes()
		out := make([]host.Ordered, runtime.NumCPU())
		for i := range out {
			t := [5]int64{}
			if i < len(times) {
				t = times[i]
			}
			out[i] = host.Obj("model", model, "speed", speed, "times", host.Obj("user", t[0], "nice", t[1], "sys", t[2], "idle", t[3], "irq", t[4]))
		}
		return host.Value(rt, out)
	})
	o.Set("totalmem", func() int64 { return meminfo("MemTotal") })
	o.Set("freemem", func() int64 { return meminfo("MemAvailable") })
	o.Set("uptime", func() float64 { return procFloat("/proc/uptime") })
	o.Set("loadavg", func() []float64 {
		b, _ := os.ReadFile("/proc/loadavg")
		f := strings.Fields(string(b))
		out := []float64{0, 0, 0}
		for i := 0; i < 3 && i < len(f); i++ {
			out[i], _ = strconv.ParseFloat(f[i], 64)
		}
		return out
	})
	o.Set("userInfo", func() goja.Value {
		u, err := user.Current()
		if err != nil {
			panic(rt.NewGoError(err))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return host.Value(rt, host.Obj("uid", uid, "gid", gid, "username", u.Username, "homedir", u.HomeDir, "shell", loginShell(u.Username)))
	})
	o.Set("networkInterfaces", func() goja.Value { return host.Value(rt, interfaces()) })
	o.Set("getPriority", func(pid int) int {
		// The raw syscall returns 20 - nice on Linux.
		p, err := syscall.Getpriority(syscall.PRIO_PROCESS, pid)
		if err != nil {
			panic(rt.NewGoError(err))
		}
		return 20 - p
	})
	o.Set("setPriority", func() {
		panic(rt.NewGoError(errNotAllowed))
	})
	o.Set("constants", constants(rt))
}

var errNotAllowed = &os.SyscallError{Syscall: "setpriority", Err: syscall.EPERM}

type utsname struct{ sysname, release, version, machine string }

func uname() utsname {
	var u syscall.Utsname
	if err := syscall.Uname(&u); err != nil {
		return utsname{sysname: "Linux"}
	}
	str := func(a [65]int8) string {
		b := make([]byte, 0, len(a))
		for _, c := range a {
			if c == 0 {
				break
			}
			b = append(b, byte(c))
		}
		return string(b)
	}
	return utsname{str(u.Sysname), str(u.Release), str(u.Version), str(u.Machine)}
}

func meminfo(key string) int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		name, rest, ok := strings.Cut(s.Text(), ":")
		if ok && name == key {
			kb, _ := strconv.ParseInt(strings.Fields(rest)[0], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func procFloat(path string) float64 {
	b, _ := os.ReadFile(path)
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

func cpuModel() (string, int) {
	b, _ := os.ReadFile("/proc/cpuinfo")
	model, speed := "unknown", 0
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name":
			if model == "unknown" {
				model = strings.TrimSpace(v)
			}
		case "cpu MHz":
			if speed == 0 {
				f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
				speed = int(f)
			}
		}
	}
	return model, speed
}

func loginShell(name string) any {
	b, _ := os.ReadFile("/etc/passwd")
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, ":")
		if len(f) == 7 && f[0] == name {
			return f[6]
		}
	}
	return nil
}

func interfaces() host.Ordered {
	out := host.Ordered{}
	ifs, _ := net.Interfaces()
	for _, ifc := range ifs {
		addrs, _ := ifc.Addrs()
		list := []any{}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ones, _ := ipn.Mask.Size()
			family := "IPv4"
			if ipn.IP.To4() == nil {
				family = "IPv6"
			}
			entry := host.Obj("address", ipn.IP.String(), "netmask", net.IP(ipn.Mask).String(), "family", family,
				"mac", macOf(ifc), "internal", ifc.Flags&net.FlagLoopback != 0, "cidr", ipn.IP.String()+"/"+strconv.Itoa(ones))
			if family == "IPv6" {
				entry = append(entry[:5], append(host.Ordered{{Key: "scopeid", Value: 0}}, entry[5:]...)...)
			}
			list = append(list, entry)
		}
		if len(list) > 0 {
			out = append(out, host.KV{Key: ifc.Name, Value: list})
		}
	}
	return out
}

func macOf(ifc net.Interface) string {
	if len(ifc.HardwareAddr) == 0 {
		return "00:00:00:00:00:00"
	}
	return ifc.HardwareAddr.String()
}

func nodeArch(goarch string) string {
	switch goarch {
	case "amd64":
		return "x64"
	case "386":
		return "ia32"
	}
	return goarch
}

func constants(rt *goja.Runtime) *goja.Object {
	c := rt.NewObject()
	sig := rt.NewObject()
	for name, n := range map[string]int{"SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6, "SIGIOT": 6, "SIGBUS": 7,
		"SIGFPE": 8, "SIGKILL": 9, "SIGUSR1": 10, "SIGSEGV": 11, "SIGUSR2": 12, "SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15, "SIGCHLD": 17,
		"SIGSTKFLT": 16, "SIGCONT": 18, "SIGSTOP": 19, "SIGTSTP": 20, "SIGTTIN": 21, "SIGTTOU": 22, "SIGURG": 23, "SIGXCPU": 24, "SIGXFSZ": 25,
		"SIGVTALRM": 26, "SIGPROF": 27, "SIGWINCH": 28, "SIGIO": 29, "SIGPOLL": 29, "SIGPWR": 30, "SIGSYS": 31} {
		sig.Set(name, n)
	}
	c.Set("signals", sig)
	errno := rt.NewObject()
	for name, n := range map[string]int{"E2BIG": 7, "EACCES": 13, "EADDRINUSE": 98, "EADDRNOTAVAIL": 99, "EAGAIN": 11, "EBADF": 9, "EBUSY": 16,
		"ECONNABORTED": 103, "ECONNREFUSED": 111, "ECONNRESET": 104, "EEXIST": 17, "EHOSTUNREACH": 113, "EINTR": 4, "EINVAL": 22, "EIO": 5,
		"EISDIR": 21, "EMFILE": 24, "ENETUNREACH": 101, "ENOENT": 2, "ENOMEM": 12, "ENOSPC": 28, "ENOTDIR": 20, "ENOTEMPTY": 39, "EPERM": 1,
		"EPIPE": 32, "ETIMEDOUT": 110} {
		errno.Set(name, n)
	}
	c.Set("errno", errno)
	prio := rt.NewObject()
	for name, n := range map[string]int{"PRIORITY_LOW": 19, "PRIORITY_BELOW_NORMAL": 10, "PRIORITY_NORMAL": 0, "PRIORITY_ABOVE_NORMAL": -7, "PRIORITY_HIGH": -14, "PRIORITY_HIGHEST": -20} {
		prio.Set(name, n)
	}
	c.Set("priority", prio)
	c.Set("UV_UDP_REUSEADDR", 4)
	return c
}

// cpuTimes reads each CPU's user, nice, sys, idle and irq times (ms) from /proc/stat, as Node does.
func cpuTimes() [][5]int64 {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return nil
	}
	var out [][5]int64
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 8 || !strings.HasPrefix(f[0], "cpu") || f[0] == "cpu" {
			continue
		}
		num := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v * 10 } // USER_HZ (100) ticks to ms
		out = append(out, [5]int64{num(1), num(2), num(3), num(4), num(6)})
	}
	return out
}
