// Package loadgen is the load generator of dxbench and dxcompare: wrk with one thread when it is
// installed (apt-get install wrk), a Go keep-alive client otherwise; every target of a run is loaded
// with the same one.
package loadgen

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Request is one route under load: every target of a comparison is loaded with the same Request.
type Request struct {
	Method  string
	URL     string
	Body    []byte
	Headers map[string]string
}

type Result struct {
	RPS      float64
	P50, P99 time.Duration
	Errors   int // non-2xx answers and socket errors; -1 when the generator failed
}

// Generator is one load Generator; every target of a run uses the same one.
type Generator interface {
	Name() string
	Load(r Request, conns int, warmup, d time.Duration) Result
}

func Pick(choice string) (Generator, error) {
	wrk, err := exec.LookPath("wrk")
	switch {
	case choice == "go" || (choice == "auto" && err != nil):
		return goClient{}, nil
	case choice == "wrk" || choice == "auto":
		if err != nil {
			return nil, fmt.Errorf("-Generator wrk: %w (apt-get install wrk)", err)
		}
		return wrkClient{bin: wrk}, nil
	}
	return nil, fmt.Errorf("unknown -Generator %q (auto, wrk or go)", choice)
}

// wrkClient runs wrk with one thread (the other core is the server's); method and body go through a
// Lua script, headers through -H.
type wrkClient struct{ bin string }

func (w wrkClient) Name() string { return "wrk (1 thread)" }

func (w wrkClient) Load(r Request, conns int, warmup, d time.Duration) Result {
	script, err := w.script(r)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: wrk script:", err)
		return Result{Errors: -1}
	}
	defer os.Remove(script)
	if warmup > 0 {
		_, _ = w.run(r, script, conns, warmup)
	}
	out, err := w.run(r, script, conns, d)
	if err != nil {
		fmt.Fprintf(os.Stderr, "loadgen: wrk: %v\n%s", err, out)
		return Result{Errors: -1}
	}
	return ParseWrk(out)
}

func (w wrkClient) script(r Request) (string, error) {
	f, err := os.CreateTemp("", "loadgen-*.lua")
	if err != nil {
		return "", err
	}
	defer f.Close()
	fmt.Fprintf(f, "wrk.method = %q\n", r.Method)
	if r.Body != nil {
		// A long bracket of level 9 cannot be closed by JSON text.
		fmt.Fprintf(f, "wrk.body = [=========[%s]=========]\n", r.Body)
	}
	return filepath.Clean(f.Name()), nil
}

func (w wrkClient) run(r Request, script string, conns int, d time.Duration) ([]byte, error) {
	secs := max(int(d.Round(time.Second)/time.Second), 1)
	args := []string{"-t1", "-c" + strconv.Itoa(conns), "-d" + strconv.Itoa(secs) + "s", "--latency", "-s", script}
	for k, v := range r.Headers {
		args = append(args, "-H", k+": "+v)
	}
	return exec.Command(w.bin, append(args, r.URL)...).CombinedOutput()
}

// ParseWrk reads Requests/sec, the 50% and 99% latency lines and the error counts of wrk's report.
func ParseWrk(out []byte) Result {
	var r Result
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "Requests/sec:":
			r.RPS, _ = strconv.ParseFloat(f[1], 64)
		case len(f) == 2 && f[0] == "50%":
			r.P50 = parseWrkDuration(f[1])
		case len(f) == 2 && f[0] == "99%":
			r.P99 = parseWrkDuration(f[1])
		case len(f) >= 5 && f[0] == "Non-2xx":
			n, _ := strconv.Atoi(f[len(f)-1])
			r.Errors += n
		case len(f) >= 2 && f[0] == "Socket" && f[1] == "Errors:":
			for i := 2; i+1 < len(f); i += 2 {
				n, _ := strconv.Atoi(strings.TrimSuffix(f[i+1], ","))
				r.Errors += n
			}
		}
	}
	return r
}

// parseWrkDuration reads wrk's "812.00us", "1.23ms", "2.01s".
func parseWrkDuration(s string) time.Duration {
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"m", time.Minute}, {"s", time.Second}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return 0
			}
			return time.Duration(f * float64(u.unit)).Round(time.Microsecond)
		}
	}
	return 0
}

// goClient keeps conns keep-alive connections busy (used when wrk is not installed).
type goClient struct{}

func (goClient) Name() string { return "Go net/http client (wrk not installed)" }

func (goClient) Load(r Request, conns int, warmup, d time.Duration) Result {
	goRun(r, conns, warmup)
	return goRun(r, conns, d)
}

func goRun(r Request, conns int, d time.Duration) Result {
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1, MaxConnsPerHost: 1}}
			var lat []time.Duration
			bad := 0
			for time.Now().Before(deadline) {
				t0 := time.Now()
				code, err := do(client, r)
				if err != nil || code/100 != 2 {
					bad++
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			all = append(all, lat...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(all) == 0 {
		return Result{Errors: errs}
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	return Result{
		RPS: float64(len(all)) / d.Seconds(), Errors: errs,
		P50: all[len(all)/2].Round(time.Microsecond), P99: all[len(all)*99/100].Round(time.Microsecond),
	}
}

// do sends r once and drains the answer.
func do(client *http.Client, r Request) (int, error) {
	req, err := http.NewRequest(r.Method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return 0, err
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// ProcessCPU is utime+stime of pid from /proc/<pid>/stat.
func ProcessCPU(pid int) time.Duration {
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
