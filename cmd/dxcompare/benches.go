package main

import (
	"github.com/dxhost/dxhost/cmd/internal/loadgen"

	"bytes"
	"encoding/json"
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
)

// startUpstream serves the proxy route's upstream inside dxcompare: GET /data answers a fixed JSON.
func startUpstream() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	payload, _ := json.Marshal(map[string]any{
		"id": 42, "name": "upstream", "tags": []string{"alpha", "beta", "gamma"},
		"nested": map[string]any{"count": 3, "ok": true, "ratio": 0.5}, "text": strings.Repeat("x", 200),
	})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(payload)
	})}
	go func() { _ = srv.Serve(l) }()
	atExit(func() { _ = srv.Close() })
	return "http://" + l.Addr().String(), nil
}

// hmacBody is the ~1 KB JSON body of the HMAC route.
func hmacBody() []byte {
	type line struct {
		SKU   string  `json:"sku"`
		Qty   int     `json:"qty"`
		Price float64 `json:"price"`
	}
	body := map[string]any{"event": "order.created", "id": "ord_0001", "customer": map[string]any{"name": "Ada Lovelace", "email": "ada@example.com"}}
	var lines []line
	for i := 0; ; i++ {
		lines = append(lines, line{fmt.Sprintf("SKU-%04d", i), i%5 + 1, float64(i%100) + 0.99})
		body["lines"] = lines
		if b, _ := json.Marshal(body); len(b) >= 1000 {
			return b
		}
	}
}

func benchNode(c config, dx *server, upstream string) error {
	nodeSrv, err := startNode(c, upstream)
	if err != nil {
		return err
	}
	hmac := loadgen.Request{Method: "POST", URL: "/compare/hmac", Body: hmacBody(), Headers: map[string]string{"Content-Type": "application/json"}}
	proxy := loadgen.Request{Method: "GET", URL: "/compare/proxy"}
	relay := loadgen.Request{Method: "GET", URL: "/compare/fetch"}
	echo := loadgen.Request{Method: "POST", URL: "/compare/echo", Body: hmac.Body, Headers: hmac.Headers}
	hash := loadgen.Request{Method: "GET", URL: "/compare/hash"}
	if err := sameAnswers(dx, nodeSrv, hmac, echo, hash, proxy, relay); err != nil {
		return err
	}
	fmt.Printf("## 1. Node-inside-VM: the same extension file in dxhost and under Node %s + express 4.22.1\n\n", nodeVersion())
	fmt.Printf("HMAC route: POST %d-byte JSON, createHmac('sha256').update(JSON.stringify(req.body)), JSON answer. Proxy route: axios GET to a loopback Go upstream, JSON relayed. Both answers checked byte-identical first.\n\n", len(hmac.Body))
	printHeader()
	var why []string
	for _, route := range []struct {
		name string
		r    loadgen.Request
	}{{"HMAC", hmac}, {"HMAC route's JSON round trip alone", echo}, {"HMAC route's HMAC alone (fixed 1004 bytes)", hash}, {"axios proxy", proxy}, {"fetch proxy (same relay without axios)", relay}} {
		wait := cpuProfile(dx.pprofAddr, c.warmup, c.duration)
		d := measure(c, dx, route.r)
		prof, perr := wait()
		n := measure(c, nodeSrv, route.r)
		printRow("dxhost "+route.name, d, ratio(d.RPS, n.RPS)+" of Node")
		printRow("Node/express "+route.name, n, "1×")
		if perr != nil {
			why = append(why, fmt.Sprintf("- %s: no profile (%v)", route.name, perr))
		} else {
			why = append(why, fmt.Sprintf("- dxhost CPU under the %s load: %s", route.name, where(prof)))
		}
	}
	fmt.Println()
	fmt.Println(strings.Join(why, "\n"))
	fmt.Println()
	return nil
}

// startNode installs express@4.22.1 into c.nodeDir (once) and starts testdata/node/host.mjs with the
// same extension dist files dxhost serves.
func startNode(c config, upstream string) (*server, error) {
	if _, err := os.Stat(filepath.Join(c.nodeDir, "node_modules", "express", "package.json")); err != nil {
		if err := os.MkdirAll(c.nodeDir, 0o755); err != nil {
			return nil, err
		}
		cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--prefix", c.nodeDir, "express@4.22.1")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("npm install express@4.22.1: %w", err)
		}
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(addr)
	ext := filepath.Join(c.testdata, "extensions")
	args := []string{filepath.Join(c.testdata, "node", "host.mjs"), port,
		filepath.Join(ext, "compare", "dist", "index.js"), filepath.Join(ext, "greet", "dist", "index.js")}
	env := []string{"NODE_ENV=production", "DXCOMPARE_EXPRESS_DIR=" + filepath.Join(c.nodeDir, "node_modules"), "DXCOMPARE_UPSTREAM_URL=" + upstream}
	p, err := startProcess("node", c.work, "node", args, env, filepath.Join(c.work, "node.log"))
	if err != nil {
		return nil, err
	}
	base := "http://" + addr
	if err := waitFor(p, base+"/greet", 30*time.Second); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.work, "node.log"))
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return &server{name: "node", base: base, pid: p.pid()}, nil
}

func nodeVersion() string {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func benchAuth(c config, dx *server, directus *peer) error {
	targets := []*server{dx}
	if directus != nil {
		ds, err := directusServer(directus)
		if err != nil {
			return err
		}
		targets = append(targets, ds)
	}
	fmt.Println("## 2. Auth cost per request: GET /greet public, with the admin static token, with a JWT")
	fmt.Println()
	printHeader()
	for _, s := range targets {
		jwt, err := login(s.base)
		if err != nil {
			return err
		}
		pub := measure(c, s, loadgen.Request{Method: "GET", URL: "/greet"})
		tok := measure(c, s, loadgen.Request{Method: "GET", URL: "/greet", Headers: map[string]string{"Authorization": "Bearer " + peerToken}})
		jw := measure(c, s, loadgen.Request{Method: "GET", URL: "/greet", Headers: map[string]string{"Authorization": "Bearer " + jwt}})
		printRow(s.name+" public", pub, "1×")
		printRow(s.name+" static token", tok, ratio(tok.RPS, pub.RPS)+" of public, "+costPerReq(tok, pub))
		printRow(s.name+" JWT", jw, ratio(jw.RPS, pub.RPS)+" of public, "+costPerReq(jw, pub))
	}
	fmt.Println()
	return nil
}

// costPerReq is the extra server CPU an authenticated request costs over a public one.
func costPerReq(auth, pub measured) string {
	return "+" + (auth.cpuPerReq - pub.cpuPerReq).String() + " CPU/req"
}

func directusServer(p *peer) (*server, error) {
	b, err := os.ReadFile(filepath.Join(p.dir, "directus.pid"))
	if err != nil {
		return nil, fmt.Errorf("Directus pid: %w", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("Directus pid: %w", err)
	}
	return &server{name: "Directus 12.4.1 (frozen schema)", base: p.url(), pid: pid}, nil
}

// answer sends r to base once and returns the 200 answer's body.
func answer(base string, r loadgen.Request) (string, error) {
	req, err := http.NewRequest(r.Method, base+r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return "", err
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("%s %s: %d %s", r.Method, base+r.URL, resp.StatusCode, b)
	}
	return string(b), nil
}

// sameAnswers checks that a and b answer every request with the same bytes: only then do their
// speeds compare the same work.
func sameAnswers(a, b *server, rs ...loadgen.Request) error {
	for _, r := range rs {
		x, err := answer(a.base, r)
		if err != nil {
			return err
		}
		y, err := answer(b.base, r)
		if err != nil {
			return err
		}
		if x != y {
			return fmt.Errorf("%s and %s answer %s %s differently:\n%.300s\n%.300s", a.name, b.name, r.Method, r.URL, x, y)
		}
	}
	return nil
}
