package server

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestApplyGCDefaults(t *testing.T) {
	// Restore the process's settings whatever the cases set.
	prevPercent := debug.SetGCPercent(100)
	debug.SetGCPercent(prevPercent)
	prevLimit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	})

	tests := []struct {
		name        string
		env         map[string]string
		wantPercent int   // the collector's setting afterwards
		wantLimit   int64 // the collector's setting afterwards
	}{
		{"nothing set: defaults", nil, DefaultGCPercent, DefaultMemoryLimit},
		{"empty values count as unset", map[string]string{"GOGC": " ", "GOMEMLIMIT": ""}, DefaultGCPercent, DefaultMemoryLimit},
		{"GOGC set: percent left alone", map[string]string{"GOGC": "100"}, 100, DefaultMemoryLimit},
		{"GOMEMLIMIT set: limit left alone", map[string]string{"GOMEMLIMIT": "1GiB"}, DefaultGCPercent, math.MaxInt64},
		{"both set: nothing changes", map[string]string{"GOGC": "off", "GOMEMLIMIT": "2GiB"}, 100, math.MaxInt64},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// What the runtime would have from the environment; here: Go's own defaults.
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			got := ApplyGCDefaults(func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
			if p := debug.SetGCPercent(100); p != tc.wantPercent {
				t.Errorf("GC percent = %d, want %d", p, tc.wantPercent)
			}
			if l := debug.SetMemoryLimit(-1); l != tc.wantLimit {
				t.Errorf("memory limit = %d, want %d", l, tc.wantLimit)
			}
			_, gogcSet := tc.env["GOGC"]
			if got.GCPercentFromEnv != (gogcSet && tc.env["GOGC"] != " ") {
				t.Errorf("GCPercentFromEnv = %v", got.GCPercentFromEnv)
			}
		})
	}
}
