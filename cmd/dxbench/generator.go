package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// generator is one load generator; both targets of a run use the same one.
type generator interface {
	name() string
	load(url string, conns int, warmup, d time.Duration) result
}

func pickGenerator(choice string) (generator, error) {
	wrk, err := exec.LookPath("wrk")
	switch choice {
	case "go":
		return goClient{}, nil
	case "wrk":
		if err != nil {
			return nil, fmt.Errorf("-generator wrk: %w (apt-get install wrk)", err)
		}
		return wrkClient{bin: wrk}, nil
	case "auto":
		if err != nil {
			return goClient{}, nil
		}
		return wrkClient{bin: wrk}, nil
	}
	return nil, fmt.Errorf("unknown -generator %q (auto, wrk or go)", choice)
}

type goClient struct{}

func (goClient) name() string { return "Go net/http client (wrk not installed)" }
func (goClient) load(url string, conns int, warmup, d time.Duration) result {
	return goLoad(url, conns, warmup, d)
}

// wrkClient runs wrk with one thread (the machine's other core is the server's): a warm-up run, then the
// measured run with --latency.
type wrkClient struct{ bin string }

func (w wrkClient) name() string { return "wrk (1 thread)" }

func (w wrkClient) load(url string, conns int, warmup, d time.Duration) result {
	if warmup > 0 {
		_, _ = w.run(url, conns, warmup)
	}
	out, err := w.run(url, conns, d)
	if err != nil {
		fmt.Fprintf(os.Stderr, "dxbench: wrk: %v\n%s", err, out)
		return result{errors: -1}
	}
	return parseWrk(out)
}

func (w wrkClient) run(url string, conns int, d time.Duration) ([]byte, error) {
	secs := int(d.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	cmd := exec.Command(w.bin, "-t1", "-c"+strconv.Itoa(conns), "-d"+strconv.Itoa(secs)+"s", "--latency", url)
	return cmd.CombinedOutput()
}

// parseWrk reads Requests/sec, the 50% and 99% latency lines, and error counts from wrk's report.
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
			// "Socket errors: connect 0, read 0, write 0, timeout 0"
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
