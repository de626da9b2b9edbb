package loadgen

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
		want Result
	}{
		{"ok.txt", Result{RPS: 895.91, P50: 1450 * time.Microsecond, P99: 115350 * time.Microsecond}},
		{"non2xx.txt", Result{RPS: 1166.30, P50: 1230 * time.Microsecond, P99: 9990 * time.Microsecond, Errors: 1169}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			out, err := os.ReadFile(filepath.Join("testdata", "wrk", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := ParseWrk(out); got != tt.want {
				t.Errorf("ParseWrk = %+v, want %+v", got, tt.want)
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
	r := Request{Method: "POST", URL: srv.URL, Body: []byte(`{"a":1}`), Headers: map[string]string{"Authorization": "Bearer t"}}
	res := goRun(r, 2, 200*time.Millisecond)
	if res.Errors != 0 || good.Load() == 0 || bad.Load() != 0 || res.RPS <= 0 || res.P50 <= 0 || res.P99 < res.P50 {
		t.Errorf("goRun = %+v (good %d, bad %d)", res, good.Load(), bad.Load())
	}
	res = goRun(Request{Method: "GET", URL: srv.URL}, 1, 100*time.Millisecond)
	if res.Errors == 0 {
		t.Errorf("418 answers not counted as Errors: %+v", res)
	}
}
