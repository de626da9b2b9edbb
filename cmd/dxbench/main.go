// Command dxbench measures dxhost against a raw Gin handler answering the same bytes, with the same
// load generator in the same run, on loopback, and prints req/s, latency percentiles and their ratio,
// plus dxhost's start-up time and memory.
//
//	go run ./cmd/dxbench -dxhost bin/dxhost [-duration 10s] [-conns 32] [-generator auto|wrk|go] [-profile dir]
//
// The load generator is wrk when it is installed (apt-get install wrk: one C thread, far cheaper than a
// Go client on a small machine), else a Go keep-alive client; the same one loads both targets and the
// output names it. -profile writes a CPU and an allocation profile of dxhost under load (through
// DXHOST_PPROF_ADDR) into dir.
//
//	dxbench rawgin -addr 127.0.0.1:PORT   (the raw Gin server, started by dxbench itself)
package main

import (
	"github.com/dxhost/dxhost/cmd/internal/loadgen"

	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "rawgin" {
		rawGin(os.Args[2:])
		return
	}
	dxhost := flag.String("dxhost", "bin/dxhost", "dxhost binary")
	extensions := flag.String("extensions", "extensions", "extensions folder dxhost serves")
	duration := flag.Duration("duration", 10*time.Second, "load per target")
	warmup := flag.Duration("warmup", 2*time.Second, "unmeasured load before each target")
	conns := flag.Int("conns", 32, "concurrent keep-alive connections")
	path := flag.String("path", "/greet", "route to load")
	generator := flag.String("generator", "auto", "load generator: auto (wrk if installed, else go), wrk or go")
	profileDir := flag.String("profile", "", "write dxhost's cpu.prof and allocs.prof under load into this folder")
	flag.Parse()
	gen, err := loadgen.Pick(*generator)
	check(err)

	self, err := os.Executable()
	check(err)
	raw := startProcess(self, []string{"rawgin", "-addr", freeAddr()}, nil)
	defer raw.stop()

	dir, err := os.MkdirTemp("", "dxbench")
	check(err)
	defer os.RemoveAll(dir)
	ext, err := filepath.Abs(*extensions)
	check(err)
	if _, err := os.Stat(ext); err != nil {
		check(fmt.Errorf("-extensions %s: %w (run from the repository root or pass -extensions)", ext, err))
	}
	addr := freeAddr()
	host, port, _ := net.SplitHostPort(addr)
	dxEnv := []string{
		"HOST=" + host, "PORT=" + port, "EXTENSIONS_PATH=" + ext, "EXTENSIONS_AUTO_RELOAD=false",
		"DB_FILENAME=" + filepath.Join(dir, "data.db"), "LOG_LEVEL=warn", "CONFIG_PATH=" + filepath.Join(dir, "none.env"),
	}
	pprofAddr := ""
	if *profileDir != "" {
		pprofAddr = freeAddr()
		dxEnv = append(dxEnv, "DXHOST_PPROF_ADDR="+pprofAddr)
	}
	began := time.Now()
	dx := startProcess(*dxhost, []string{"serve"}, dxEnv)
	dx.addr = addr
	defer dx.stop()
	firstOK := waitFor200("http://"+addr+*path, 30*time.Second)
	startup := firstOK.Sub(began)
	time.Sleep(2 * time.Second) // idle means settled: dxhost returns its start-up garbage to the OS just after start
	idleRSS := rssMB(dx.cmd.Process.Pid)

	body, header := fetch("http://" + addr + *path)
	raw.addr = raw.args[2]
	check(setRawBody(raw.addr, body, header))

	fmt.Printf("dxbench: load generator %s, %d connections, %s per target (after %s warm-up), GET %s, %d-byte body\n\n", gen.Name(), *conns, *duration, *warmup, *path, len(body))
	rawCPU := cpuSince(raw.cmd.Process.Pid, *warmup)
	rawRes := result{Result: gen.Load(loadgen.Request{Method: "GET", URL: "http://" + raw.addr + "/bench"}, *conns, *warmup, *duration)}
	rawRes.cpuPerReq = rawCPU(rawRes.Result, *duration)
	// The same handler answering with dxhost's headers too (Directus's CSP, COOP, X-Powered-By, ETag...,
	// ~10 headers instead of 3): what is left between the two is dxhost's machinery, not header bytes.
	rawSameCPU := cpuSince(raw.cmd.Process.Pid, *warmup)
	rawSame := result{Result: gen.Load(loadgen.Request{Method: "GET", URL: "http://" + raw.addr + "/bench-same-headers"}, *conns, *warmup, *duration)}
	rawSame.cpuPerReq = rawSameCPU(rawSame.Result, *duration)
	var profiled func()
	if pprofAddr != "" {
		profiled = profileDuring(pprofAddr, *profileDir, *warmup, *duration)
	}
	dxCPU := cpuSince(dx.cmd.Process.Pid, *warmup)
	dxRes := result{Result: gen.Load(loadgen.Request{Method: "GET", URL: "http://" + addr + *path}, *conns, *warmup, *duration)}
	dxRes.cpuPerReq = dxCPU(dxRes.Result, *duration)
	if profiled != nil {
		profiled()
	}
	loadedRSS := rssMB(dx.cmd.Process.Pid)

	fmt.Println("| target | req/s | p50 | p99 | server CPU per request | errors |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, r := range []struct {
		name string
		res  result
	}{{"raw Gin handler", rawRes}, {"raw Gin handler, dxhost's headers", rawSame}, {"dxhost " + *path, dxRes}} {
		fmt.Printf("| %s | %.0f | %s | %s | %s | %d |\n", r.name, r.res.RPS, r.res.P50, r.res.P99, r.res.cpuPerReq, r.res.Errors)
	}
	fmt.Println()
	for _, r := range []struct {
		name string
		res  result
	}{{"raw Gin", rawRes}, {"raw Gin with dxhost's headers", rawSame}} {
		fmt.Printf("dxhost / %s: %.0f%% of the req/s, p99 %.1f×, %.1f× the server CPU per request\n", r.name,
			100*dxRes.RPS/r.res.RPS, float64(dxRes.P99)/float64(r.res.P99), float64(dxRes.cpuPerReq)/float64(r.res.cpuPerReq))
	}
	fmt.Printf("machine load during the run (uptime): %s\n", loadAverage())
	fmt.Printf("dxhost start → first 200: %s; RSS idle %.1f MB, after load %.1f MB\n", startup.Round(time.Millisecond), idleRSS, loadedRSS)
}

// result is one target's load figures plus the server's CPU per request.
type result struct {
	loadgen.Result
	cpuPerReq time.Duration // the server's user+system CPU over the measured part / requests served
}

// rawGin serves GET /bench with the bytes POSTed to /body, in gin's release mode with no middleware,
// and GET /bench-same-headers with them and the headers POSTed to /headers (a JSON object of lists).
func rawGin(args []string) {
	fs := flag.NewFlagSet("rawgin", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	_ = fs.Parse(args)
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	var body []byte
	var ctype = "text/html; charset=utf-8"
	r.POST("/body", func(c *gin.Context) {
		body, _ = io.ReadAll(c.Request.Body)
		c.Status(204)
	})
	r.GET("/bench", func(c *gin.Context) { c.Data(200, ctype, body) })
	var same http.Header
	r.POST("/headers", func(c *gin.Context) {
		check(json.NewDecoder(c.Request.Body).Decode(&same))
		c.Status(204)
	})
	r.GET("/bench-same-headers", func(c *gin.Context) {
		h := c.Writer.Header()
		for k, v := range same {
			h[k] = v[:len(v):len(v)] // shared, as a handler with constant headers would do; appends copy
		}
		c.Data(200, same.Get("Content-Type"), body)
	})
	check(r.Run(*addr))
}

// setRawBody gives the raw Gin server dxhost's body and its headers (less those net/http writes itself).
func setRawBody(addr string, body []byte, header http.Header) error {
	waitFor("http://"+addr+"/bench", 10*time.Second, func(int) bool { return true })
	resp, err := http.Post("http://"+addr+"/body", "application/octet-stream", strings.NewReader(string(body)))
	if err != nil {
		return err
	}
	resp.Body.Close()
	header = header.Clone()
	header.Del("Date")
	header.Del("Content-Length")
	js, err := json.Marshal(header)
	if err != nil {
		return err
	}
	resp, err = http.Post("http://"+addr+"/headers", "application/json", strings.NewReader(string(js)))
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

type process struct {
	cmd  *exec.Cmd
	args []string
	addr string
}

func startProcess(bin string, args, env []string) *process {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = childAttr() // the servers die with dxbench, even when it is killed
	check(cmd.Start())
	return &process{cmd: cmd, args: args}
}

func (p *process) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
	}
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer l.Close()
	return l.Addr().String()
}

func waitFor200(url string, limit time.Duration) time.Time {
	return waitFor(url, limit, func(code int) bool { return code == 200 })
}

func waitFor(url string, limit time.Duration, ok func(int) bool) time.Time {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if ok(resp.StatusCode) {
				return time.Now()
			}
		}
		if ctx.Err() != nil {
			check(fmt.Errorf("%s did not answer within %s", url, limit))
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func fetch(url string) ([]byte, http.Header) {
	resp, err := http.Get(url)
	check(err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	check(err)
	return b, resp.Header
}

// rssMB reads the resident set size of pid from /proc.
func rssMB(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "dxbench:", err)
		os.Exit(1)
	}
}
