package server

import (
	"runtime/debug"
	"strings"
)

// Defaults applied by ApplyGCDefaults when the operator has not chosen.
//
// Why: under load the JS bridge allocates ~12 KB per request in many small objects, and with
// Go's GOGC=100 the collector took 20–25% of dxhost's CPU (make bench, /greet: 41% of raw Gin's
// req/s at GOGC=100, 51% at GOGC=200, for ~+70 MB RSS). The soft memory limit keeps that trade
// bounded: near the limit the collector runs as often as it needs to, whatever GOGC says.
const (
	DefaultGCPercent   = 200
	DefaultMemoryLimit = 768 << 20 // bytes
)

// GCSettings reports what ApplyGCDefaults decided, for the startup log.
type GCSettings struct {
	GCPercent        int   // -1 when left to GOGC
	MemoryLimit      int64 // -1 when left to GOMEMLIMIT
	GCPercentFromEnv bool
	LimitFromEnv     bool
}

// ApplyGCDefaults sets DefaultGCPercent unless GOGC is set and DefaultMemoryLimit unless GOMEMLIMIT
// is set. lookup is os.LookupEnv: the Go runtime reads GOGC/GOMEMLIMIT from the process environment
// only (not from .env), so that is the only place an override can come from. Call once at startup.
func ApplyGCDefaults(lookup func(string) (string, bool)) GCSettings {
	s := GCSettings{GCPercent: -1, MemoryLimit: -1}
	if v, ok := lookup("GOGC"); ok && strings.TrimSpace(v) != "" {
		s.GCPercentFromEnv = true
	} else {
		debug.SetGCPercent(DefaultGCPercent)
		s.GCPercent = DefaultGCPercent
	}
	if v, ok := lookup("GOMEMLIMIT"); ok && strings.TrimSpace(v) != "" {
		s.LimitFromEnv = true
	} else {
		debug.SetMemoryLimit(DefaultMemoryLimit)
		s.MemoryLimit = DefaultMemoryLimit
	}
	return s
}
