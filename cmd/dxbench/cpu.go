package main

import (
	"github.com/dxhost/dxhost/cmd/internal/loadgen"

	"os"
	"strings"
	"syscall"
	"time"
)

// childAttr makes the kernel kill a server when dxbench dies, so no stray process keeps a port.
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} }

// cpuSince starts watching pid's CPU time at the end of the warm-up and returns a func that, once
// the measured load is over, gives the CPU the process spent per request served. CPU time per request
// holds even when other work on a shared machine takes cores away, where req/s alone does not.
func cpuSince(pid int, warmup time.Duration) func(r loadgen.Result, measured time.Duration) time.Duration {
	start := make(chan time.Duration, 1)
	go func() {
		time.Sleep(warmup)
		start <- loadgen.ProcessCPU(pid)
	}()
	return func(r loadgen.Result, measured time.Duration) time.Duration {
		used := loadgen.ProcessCPU(pid) - <-start
		n := r.RPS * measured.Seconds()
		if n < 1 {
			return 0
		}
		return (used / time.Duration(n)).Round(100 * time.Nanosecond)
	}
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
