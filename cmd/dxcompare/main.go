// Command dxcompare runs the comparative benchmarks of dxhost's issues in one run, on loopback, with
// one load generator for every target, and prints a markdown table per benchmark:
//
//  1. node: an extension endpoint doing HMAC-SHA256 over a 1 KB JSON body, and an axios proxy to a
//     loopback upstream — dxhost against the SAME dist file under Node with express 4.22.1 (npm
//     installs express into -node-dir at bench time), plus where dxhost spends its CPU (pprof).
//
//  2. auth: /greet public, with the admin static token and with a JWT from POST /auth/login — on
//     dxhost and on the real Directus 12.4.1.
//
//  3. data: core GET /items/articles?limit=100&filter=…&sort=… and an extension endpoint doing the same
//     through ItemsService.readByQuery, over the same 10,000 rows — dxhost against the real Directus
//     with CACHE_SCHEMA_FREEZE_ENABLED=true (directus-peer, PEER_FREEZE=1), on SQLite and then on
//     PostgreSQL (database dxcompare_data, shared by both servers), each without and with an index
//     on (status, views).
//
//     go run ./cmd/dxcompare -dxhost bin/dxhost [-only node,auth,data] [-duration 8s] [-conns 16]
//
// Directus runs through /work/shared/tools/directus-peer in -peer-dir (its articles are seeded through
// the REST API once per database; on SQLite dxhost serves a copy of Directus's file, on PostgreSQL
// the same database). Every process dxcompare starts is
// stopped on the way out, also on failure or interrupt. Node and npm are needed only here, never by
// dxhost or its tests.
package main

import (
	"github.com/dxhost/dxhost/cmd/internal/loadgen"

	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

type config struct {
	dxhost, testdata, nodeDir string
	peerScript, peerDir       string
	peerPort                  int
	duration, warmup          time.Duration
	conns                     int
	only                      map[string]bool
	gen                       loadgen.Generator
	work, profileDir          string
}

func main() {
	var c config
	var only, genChoice string
	flag.StringVar(&c.dxhost, "dxhost", "bin/dxhost", "dxhost binary")
	flag.StringVar(&c.testdata, "testdata", "cmd/dxcompare/testdata", "dxcompare's testdata folder (extensions, node host)")
	flag.StringVar(&c.nodeDir, "node-dir", filepath.Join(os.TempDir(), "dxcompare-node"), "where npm installs express for the Node host (kept between runs)")
	flag.StringVar(&c.peerScript, "peer", "/work/shared/tools/directus-peer", "directus-peer script (the real Directus)")
	flag.StringVar(&c.peerDir, "peer-dir", "/tmp/peer-compare", "PEER_DIR of the Directus used here")
	flag.IntVar(&c.peerPort, "peer-port", 18060, "PEER_PORT of that Directus")
	flag.DurationVar(&c.duration, "duration", 8*time.Second, "measured load per target")
	flag.DurationVar(&c.warmup, "warmup", 2*time.Second, "unmeasured load before each target")
	flag.IntVar(&c.conns, "conns", 16, "concurrent keep-alive connections")
	flag.StringVar(&only, "only", "node,auth,data", "benchmarks to run: node, auth, data (auth and data load Directus too unless -no-directus)")
	flag.StringVar(&c.profileDir, "profile-dir", "", "keep dxhost's raw CPU profiles of the data benchmark here (for go tool pprof)")
	noDirectus := flag.Bool("no-directus", false, "skip the real Directus (auth runs on dxhost only; data is skipped)")
	flag.StringVar(&genChoice, "generator", "auto", "load generator: auto (wrk if installed), wrk or go")
	flag.Parse()

	cleanupOnSignal()
	var err error
	c.gen, err = loadgen.Pick(genChoice)
	check(err)
	c.only = map[string]bool{}
	for _, s := range strings.Split(only, ",") {
		c.only[strings.TrimSpace(s)] = true
	}
	if *noDirectus {
		delete(c.only, "data")
	}
	c.testdata, err = filepath.Abs(c.testdata)
	check(err)
	c.dxhost, err = filepath.Abs(c.dxhost)
	check(err)
	c.work, err = os.MkdirTemp("", "dxcompare")
	check(err)
	atExit(func() { os.RemoveAll(c.work) })

	fmt.Printf("# dxcompare — %s\n\nload generator %s, %d connections, %s measured per target after %s warm-up, loopback.\n",
		time.Now().UTC().Format(time.RFC3339), c.gen.Name(), c.conns, c.duration, c.warmup)
	fmt.Printf("machine at start (`uptime`): %s — shared and loaded, absolute numbers move with it; ratios of one run are the point.\n\n", uptime())

	upstream, err := startUpstream()
	check(err)

	var directus *peer
	dbFile := filepath.Join(c.work, "data.db")
	if !*noDirectus && (c.only["auth"] || c.only["data"]) {
		directus = &peer{script: c.peerScript, dir: c.peerDir, port: c.peerPort, extensions: filepath.Join(c.testdata, "extensions")}
		check(directus.start())
		check(copyFile(directus.dbFile(), dbFile))
	}
	dx, err := startDxhost(c, "dxhost", []string{"DB_CLIENT=sqlite3", "DB_FILENAME=" + dbFile}, upstream)
	check(err)

	if c.only["node"] {
		check(benchNode(c, dx, upstream))
	}
	if c.only["auth"] {
		check(benchAuth(c, dx, directus))
	}
	if c.only["data"] {
		check(benchData(c, dx, directus, dbFile, upstream))
	}
	fmt.Printf("machine at end (`uptime`): %s\n", uptime())
	runCleanups()
}

// server is one HTTP target: base URL and the pid whose CPU time is counted.
type server struct {
	name      string
	base      string
	pid       int
	pprofAddr string
}

// startDxhost starts dxhost (logging to <name>.log) on the database dbEnv (DB_* variables) describes.
func startDxhost(c config, name string, dbEnv []string, upstream string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	pprofAddr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	host, port, _ := net.SplitHostPort(addr)
	env := []string{
		"HOST=" + host, "PORT=" + port, "EXTENSIONS_PATH=" + filepath.Join(c.testdata, "extensions"),
		"EXTENSIONS_AUTO_RELOAD=false", "LOG_LEVEL=warn",
		"CONFIG_PATH=" + filepath.Join(c.work, "none.env"), "KEY=dxcompare-key", "SECRET=dxcompare-secret",
		"ADMIN_EMAIL=" + adminEmail, "ADMIN_PASSWORD=" + adminPass, "ADMIN_TOKEN=" + peerToken,
		"DXCOMPARE_UPSTREAM_URL=" + upstream, "DXHOST_PPROF_ADDR=" + pprofAddr,
	}
	env = append(env, dbEnv...)
	logFile := filepath.Join(c.work, name+".log")
	p, err := startProcess(name, c.work, c.dxhost, []string{"serve"}, env, logFile)
	if err != nil {
		return nil, err
	}
	base := "http://" + addr
	if err := waitFor(p, base+"/greet", 60*time.Second); err != nil {
		log, _ := os.ReadFile(logFile)
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return &server{name: name, base: base, pid: p.pid(), pprofAddr: pprofAddr}, nil
}

// measure loads s with r: warm-up, then the measured run with the server's CPU time around it.
type measured struct {
	loadgen.Result
	cpuPerReq time.Duration
}

func measure(c config, s *server, r loadgen.Request) measured {
	r.URL = s.base + r.URL
	c.gen.Load(r, c.conns, 0, c.warmup)
	cpu0 := loadgen.ProcessCPU(s.pid)
	res := c.gen.Load(r, c.conns, 0, c.duration)
	used := loadgen.ProcessCPU(s.pid) - cpu0
	m := measured{Result: res}
	if n := res.RPS * c.duration.Seconds(); n >= 1 {
		m.cpuPerReq = (used / time.Duration(n)).Round(time.Microsecond)
	}
	return m
}

func printHeader() {
	fmt.Println("| target | req/s | p50 | p99 | server CPU / req | errors | ratio |")
	fmt.Println("|---|---|---|---|---|---|---|")
}

func printRow(name string, m measured, ratio string) {
	fmt.Printf("| %s | %.0f | %s | %s | %s | %d | %s |\n", name, m.RPS, m.P50, m.P99, m.cpuPerReq, m.Errors, ratio)
}

func ratio(a, b float64) string {
	if b == 0 {
		return "n/a"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64) + "×"
}
