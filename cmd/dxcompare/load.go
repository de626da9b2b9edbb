package main

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

// request is one route under load: every target of a comparison is loaded with the same request.
type request struct {
	method  string
	url     string
	body    []byte
	headers map[string]string
}

type result struct {
	rps      float64
	p50, p99 time.Duration
	errors   int // non-2xx answers and socket errors
}

// generator is one load generator; every target of a run uses the same one.
type generator interface {
	name() string
	load(r request, conns int, warmup, d time.Duration) result
}

func pickGenerator(choice string) (generator, error) {
	wrk, err := exec.LookPath("wrk")
	switch {
	case choice == "go" || (choice == "auto" && err != nil):
		return goClient{}, nil
	case choice == "wrk" || choice == "auto":
		if err != nil {
			return nil, fmt.Errorf("-generator wrk: %w (apt-get install wrk)", err)
		}
		return wrkClient{bin: wrk}, nil
	}
	return nil, fmt.Errorf("unknown -generator %q (auto, wrk or go)", choice)
}

// wrkClient runs wrk with one thread (the other core is the server's); method and body go through a
// Lua script, headers through -H.
type wrkClient struct{ bin string }

func (w wrkClient) name() string { return "wrk (1 thread)" }

func (w wrkClient) load(r request, conns int, warmup, d time.Duration) result {
	script, err := w.script(r)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dxcompare: wrk script:", err)
		return result{errors: -1}
	}
	defer os.Remove(script)
	if warmup > 0 {
		_, _ = w.run(r, script, conns, warmup)
	}
	out, err := w.run(r, script, conns, d)
	if err != nil {
		fmt.Fprintf(os.Stderr, "dxcompare: wrk: %v\n%s", err, out)
		return result{errors: -1}
	}
	return parseWrk(out)
}

func (w wrkClient) script(r request) (string, error) {
	f, err := os.CreateTemp("", "dxcompare-*.lua")
	if err != nil {
		return "", err
	}
	defer f.Close()
	fmt.Fprintf(f, "wrk.method = %q\n", r.method)
	if r.body != nil {
		// A long bracket of level 9 cannot be closed by JSON text.
		fmt.Fprintf(f, "wrk.body = [=========[%s]=========]\n", r.body)
	}
	return filepath.Clean(f.Name()), nil
}

func (w wrkClient) run(r request, script string, conns int, d time.Duration) ([]byte, error) {
	secs := max(int(d.Round(time.Second)/time.Second), 1)
	args := []string{"-t1", "-c" + strconv.Itoa(conns), "-d" + strconv.Itoa(secs) + "s", "--latency", "-s", script}
	for k, v := range r.headers {
		args = append(args, "-H", k+": "+v)
	}
	return exec.Command(w.bin, append(args, r.url)...).CombinedOutput()
}

// parseWrk reads Requests/sec, the 50% and 99% latency lines and the error counts of wrk's report.
func parseWrk(out []byte) result {
	var r result
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "Requests/sec:":
			r.rps, _ = strconv.ParseFloat(f[1], 64)
		case len(f) == 2 && f[0] == "50%":
			r.p50 = parseWrkDuration(f[1])
		case len(f) == 2 && f[0] == "99%":
			r.p99 = parseWrkDuration(f[1])
		case len(f) >= 5 && f[0] == "Non-2xx":
			n, _ := strconv.Atoi(f[len(f)-1])
			r.errors += n
		case len(f) >= 2 && f[0] == "Socket" && f[1] == "errors:":
			for i := 2; i+1 < len(f); i += 2 {
				n, _ := strconv.Atoi(strings.TrimSuffix(f[i+1], ","))
				r.errors += n
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

func (goClient) name() string { return "Go net/http client (wrk not installed)" }

func (goClient) load(r request, conns int, warmup, d time.Duration) result {
	goRun(r, conns, warmup)
	return goRun(r, conns, d)
}

func goRun(r request, conns int, d time.Duration) result {
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
		return result{errors: errs}
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	return result{
		rps: float64(len(all)) / d.Seconds(), errors: errs,
		p50: all[len(all)/2].Round(time.Microsecond), p99: all[len(all)*99/100].Round(time.Microsecond),
	}
}

// do sends r once and drains the answer.
func do(client *http.Client, r request) (int, error) {
	req, err := http.NewRequest(r.method, r.url, bytes.NewReader(r.body))
	if err != nil {
		return 0, err
	}
	for k, v := range r.headers {
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
