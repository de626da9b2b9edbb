package main

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/google/pprof/profile"
)

// cpuProfile fetches a CPU profile of dxhost (DXHOST_PPROF_ADDR) covering d, starting after warmup;
// the returned func waits for it.
func cpuProfile(pprofAddr string, warmup, d time.Duration) func() (*profile.Profile, error) {
	type answer struct {
		p   *profile.Profile
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		time.Sleep(warmup)
		secs := max(int(d/time.Second)-1, 1)
		resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", pprofAddr, secs))
		if err != nil {
			ch <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		p, err := profile.Parse(resp.Body)
		ch <- answer{p, err}
	}()
	return func() (*profile.Profile, error) { a := <-ch; return a.p, a.err }
}

// where groups the profile's samples by the package of the function on top of the stack (flat time)
// into the parts the "why" needs: the goja VM, Go's runtime/GC, networking, crypto, JSON, SQL...
func where(p *profile.Profile) string {
	if p == nil || len(p.Sample) == 0 {
		return "no samples"
	}
	groups := map[string]int64{}
	funcs := map[string]int64{}
	var total int64
	for _, s := range p.Sample {
		v := s.Value[len(s.Value)-1]
		total += v
		name := ""
		if len(s.Location) > 0 && len(s.Location[0].Line) > 0 {
			name = s.Location[0].Line[0].Function.Name
		}
		groups[group(name)] += v
		funcs[name] += v
	}
	var b strings.Builder
	b.WriteString("on the stack (inclusive, overlapping): ")
	b.WriteString(inclusive(p, total))
	b.WriteString(". Flat by package: ")
	b.WriteString(top(groups, total, 6))
	b.WriteString(". Top functions: ")
	b.WriteString(top(funcs, total, 5))
	return b.String()
}

// inclusive gives the share of samples whose stack holds each part, so "JS running in goja" counts
// the Go work JS calls into (allocation, GC assists, Go-backed modules) as well.
func inclusive(p *profile.Profile, total int64) string {
	parts := []struct{ name, prefix string }{
		{"JS in goja", "github.com/dop251/goja.(*vm).run"},
		{"goja compile", "github.com/dop251/goja.(*compiler)"},
		{"allocation (mallocgc)", "runtime.mallocgc"},
		{"GC background mark", "runtime.gcBgMarkWorker"},
		{"SQLite (modernc)", "modernc.org/sqlite"},
		{"pgx", "github.com/jackc/pgx"},
		{"database/sql", "database/sql."},
		{"items service", "github.com/dxhost/dxhost/services/items."},
		{"REST JSON writer", "github.com/dxhost/dxhost/shim/rest.writeJS"},
		{"Go crypto", "crypto/"},
		{"encoding/json", "encoding/json"},
		{"syscalls", "syscall."},
		{"syscalls", "internal/runtime/syscall"},
	}
	shares := map[string]int64{}
	var order []string
	for _, part := range parts {
		if _, ok := shares[part.name]; !ok {
			shares[part.name] = 0
			order = append(order, part.name)
		}
	}
	for _, s := range p.Sample {
		v := s.Value[len(s.Value)-1]
		seen := map[string]bool{}
		for _, loc := range s.Location {
			for _, line := range loc.Line {
				for _, part := range parts {
					if !seen[part.name] && strings.HasPrefix(line.Function.Name, part.prefix) {
						seen[part.name] = true
						shares[part.name] += v
					}
				}
			}
		}
	}
	var out []string
	for _, name := range order {
		if shares[name] > 0 {
			out = append(out, fmt.Sprintf("%s %.0f%%", name, 100*float64(shares[name])/float64(total)))
		}
	}
	return strings.Join(out, ", ")
}

func top(m map[string]int64, total int64, n int) string {
	type kv struct {
		k string
		v int64
	}
	var all []kv
	for k, v := range m {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v })
	var parts []string
	for i := 0; i < len(all) && i < n; i++ {
		parts = append(parts, fmt.Sprintf("%s %.0f%%", all[i].k, 100*float64(all[i].v)/float64(total)))
	}
	return strings.Join(parts, ", ")
}

func group(fn string) string {
	for _, g := range []struct{ prefix, name string }{
		{"github.com/dop251/goja_nodejs", "goja_nodejs"},
		{"github.com/dop251/goja", "goja VM"},
		{"github.com/dxhost/dxhost", "dxhost Go code"},
		{"runtime.", "Go runtime+GC"},
		{"syscall.", "syscalls"},
		{"internal/runtime/syscall", "syscalls"},
		{"internal/poll", "net I/O"},
		{"net/http", "net/http"},
		{"net.", "net I/O"},
		{"github.com/gin-gonic", "gin"},
		{"crypto/", "Go crypto"},
		{"encoding/json", "encoding/json"},
		{"modernc.org", "SQLite (modernc)"},
		{"github.com/jackc/pgx", "pgx"},
		{"github.com/jmoiron/sqlx", "sqlx"},
		{"database/sql", "database/sql"},
		{"regexp", "regexp"},
		{"strings.", "strings/bytes"},
		{"bytes.", "strings/bytes"},
		{"unicode", "strings/bytes"},
		{"sync.", "sync"},
		{"reflect.", "reflect"},
	} {
		if strings.HasPrefix(fn, g.prefix) {
			return g.name
		}
	}
	if fn == "" {
		return "unknown"
	}
	return "other"
}
