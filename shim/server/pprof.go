package server

import (
	"errors"
	"net"
	"net/http"
	"net/http/pprof"
	"sync"

	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/env"
)

// PprofEnv names the opt-in address of the profiling listener (e.g. 127.0.0.1:6060). Unset = no listener.
const PprofEnv = "DXHOST_PPROF_ADDR"

var pprofOnce sync.Once

// startPprof serves net/http/pprof on its own listener when DXHOST_PPROF_ADDR is set: profiles of the
// real binary under load, never on the public port. Only loopback addresses are accepted because the
// endpoints expose memory contents. Started at most once per process.
func startPprof(e *env.Env, log *logrus.Logger) {
	addr := e.String(PprofEnv)
	if addr == "" {
		return
	}
	pprofOnce.Do(func() {
		if err := servePprof(addr, log); err != nil {
			log.WithError(err).Warnf("%s: profiling listener not started", PprofEnv)
		}
	})
}

func servePprof(addr string, log *logrus.Logger) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return errors.New("only a loopback address is allowed, got " + addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	log.Infof("Profiling (net/http/pprof) at http://%s/debug/pprof/", ln.Addr())
	go func() { _ = http.Serve(ln, mux) }() // lives as long as the process
	return nil
}
