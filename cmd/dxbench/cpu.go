package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// childAttr makes the kernel kill a server when dxbench dies, so no stray process keeps a port.
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} }

// cpuSince starts watching pid's CPU time at the end of the warm-up and returns a func that, once
// the measured load is over, gives the CPU the process spent per request served. CPU time per request
// holds even when other work on a shared machine takes cores away, where req/s alone does not.
func cpuSince(pid int, warmup time.Duration) func(r result, measured time.Duration) time.Duration {
	start := make(chan time.Duration, 1)
	go func() {
		time.Sleep(warmup)
		start <- processCPU(pid)
	}()
	return func(r result, measured time.Duration) time.Duration {
		used := processCPU(pid) - <-start
		n := r.rps * measured.Seconds()
		if n < 1 {
			return 0
		}
		return (used / time.Duration(n)).Round(100 * time.Nanosecond)
	}
}

// processCPU is utime+stime of pid from /proc/<pid>/stat.
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+2:]
	}
	f := strings.Fields(s)
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ is 100 on Linux
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return "load average " + strings.Join(f[:3], ", ")
}
