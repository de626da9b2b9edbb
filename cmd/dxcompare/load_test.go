package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// The reports in testdata/wrk are real wrk 4 output (1 s against a loopback python http.server).
func TestParseWrk(t *testing.T) {
	tests := []struct {
		file string
		want result
	}{
		{"ok.txt", result{rps: 895.91, p50: 1450 * time.Microsecond, p99: 115350 * time.Microsecond}},
		{"non2xx.txt", result{rps: 1166.30, p50: 1230 * time.Microsecond, p99: 9990 * time.Microsecond, errors: 1169}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			out, err := os.ReadFile(filepath.Join("testdata", "wrk", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := parseWrk(out); got != tt.want {
				t.Errorf("parseWrk = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseWrkDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"812.00us", 812 * time.Microsecond},
		{"1.23ms", 1230 * time.Microsecond},
		{"2.01s", 2010 * time.Millisecond},
		{"1.50m", 90 * time.Second},
		{"bad", 0},
		{"xms", 0},
	}
	for _, tt := range tests {
		if got := parseWrkDuration(tt.in); got != tt.want {
			t.Errorf("parseWrkDuration(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// The Go client sends the method, body and headers it is given and counts non-2xx answers as errors.
func TestGoClientSendsRequest(t *testing.T) {
	var good, bad atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Method == "POST" && string(b) == `{"a":1}` && r.Header.Get("Authorization") == "Bearer t" {
			good.Add(1)
			return
		}
		bad.Add(1)
		w.WriteHeader(http.StatusTeapot)
	}))
	defer srv.Close()
	r := request{method: "POST", url: srv.URL, body: []byte(`{"a":1}`), headers: map[string]string{"Authorization": "Bearer t"}}
	res := goRun(r, 2, 200*time.Millisecond)
	if res.errors != 0 || good.Load() == 0 || bad.Load() != 0 || res.rps <= 0 || res.p50 <= 0 || res.p99 < res.p50 {
		t.Errorf("goRun = %+v (good %d, bad %d)", res, good.Load(), bad.Load())
	}
	res = goRun(request{method: "GET", url: srv.URL}, 1, 100*time.Millisecond)
	if res.errors == 0 {
		t.Errorf("418 answers not counted as errors: %+v", res)
	}
}

func TestGroup(t *testing.T) {
	tests := map[string]string{
		"github.com/dop251/goja.(*vm).run":                "goja VM",
		"github.com/dop251/goja_nodejs/eventloop.(*X).Y":  "goja_nodejs",
		"runtime.mallocgc":                                "Go runtime+GC",
		"modernc.org/sqlite/lib._sqlite3VdbeExec":         "SQLite (modernc)",
		"github.com/dxhost/dxhost/shim/router.(*R).Serve": "dxhost Go code",
		"crypto/sha256.block":                             "Go crypto",
		"":                                                "unknown",
		"main.main":                                       "other",
	}
	for fn, want := range tests {
		if got := group(fn); got != want {
			t.Errorf("group(%q) = %q, want %q", fn, got, want)
		}
	}
}
