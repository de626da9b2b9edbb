package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

const (
	peerToken    = "admin-static-token" // what directus-peer sets on its admin
	adminEmail   = "admin@example.com"
	adminPass    = "admin-password"
	articleCount = 10000
)

// peer drives the real Directus through /work/shared/tools/directus-peer (which starts it detached
// with setsid, so dxcompare stops it with the script's own `stop`).
type peer struct {
	script, dir, extensions string
	port                    int
	db, dbName              string // PEER_DB ("" = sqlite3) and PEER_DB_NAME (pg, mysql)
}

func (p peer) url() string { return fmt.Sprintf("http://127.0.0.1:%d", p.port) }

func (p peer) dbFile() string { return filepath.Join(p.dir, "data", "directus.db") }

func (p peer) run(freeze bool, action string) error {
	cmd := exec.Command(p.script, action)
	f := "0"
	if freeze {
		f = "1"
	}
	cmd.Env = append(os.Environ(), "PEER_DIR="+p.dir, fmt.Sprintf("PEER_PORT=%d", p.port),
		"PEER_EXTENSIONS="+p.extensions, "PEER_DB="+cmp.Or(p.db, "sqlite3"), "PEER_DB_NAME="+cmp.Or(p.dbName, "directus_peer"), "PEER_FREEZE="+f,
		"PEER_ENV_EXTRA=DXCOMPARE_UPSTREAM_URL=http://127.0.0.1:9")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("directus-peer %s: %w", action, err)
	}
	return nil
}

// start runs Directus unfrozen, seeds articles if needed, then restarts it frozen (a frozen schema
// would not see the collection created through REST).
func (p peer) start() error {
	atExit(func() { _ = p.run(false, "stop") })
	if err := p.run(false, "restart"); err != nil {
		return err
	}
	if err := seedArticles(p.url()); err != nil {
		return err
	}
	return p.run(true, "restart")
}

// seedArticles creates articles (id, title, status, views) with articleCount rows through Directus's
// REST API, unless they are already there. The values are deterministic.
func seedArticles(base string) error {
	var count struct {
		Data []struct {
			Count json.Number `json:"count"`
		} `json:"data"`
	}
	code, err := call("GET", base+"/items/articles?aggregate[count]=*", nil, &count)
	if err == nil && code == 200 && len(count.Data) == 1 && count.Data[0].Count.String() == fmt.Sprint(articleCount) {
		return nil
	}
	if code != 200 {
		collection := map[string]any{
			"collection": "articles", "schema": map[string]any{}, "meta": map[string]any{},
			"fields": []any{
				map[string]any{"field": "id", "type": "integer", "schema": map[string]any{"is_primary_key": true, "has_auto_increment": true}},
				map[string]any{"field": "title", "type": "string"},
				map[string]any{"field": "status", "type": "string"},
				map[string]any{"field": "views", "type": "integer"},
			},
		}
		if code, err := call("POST", base+"/collections", collection, nil); err != nil || code != 200 {
			return fmt.Errorf("create articles: status %d: %w", code, err)
		}
	} else {
		// Partly seeded: start over.
		if code, err := call("DELETE", base+"/items/articles", map[string]any{"query": map[string]any{"limit": -1}}, nil); err != nil || code/100 != 2 {
			return fmt.Errorf("empty articles: status %d: %w", code, err)
		}
	}
	statuses := []string{"published", "draft", "archived"}
	for batch := 0; batch < articleCount; batch += 1000 {
		rows := make([]map[string]any, 0, 1000)
		for i := batch; i < batch+1000; i++ {
			rows = append(rows, map[string]any{
				"title": fmt.Sprintf("Article %d", i+1), "status": statuses[i%3], "views": (i * 7919) % 10007,
			})
		}
		if code, err := call("POST", base+"/items/articles", rows, nil); err != nil || code != 200 {
			return fmt.Errorf("insert articles: status %d: %w", code, err)
		}
	}
	return nil
}

// call sends one admin (static token) JSON request and decodes the answer into out when given.
func call(method, url string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+peerToken)
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Timeout: 120 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, fmt.Errorf("%s %s: %s", method, url, b)
	}
	if out != nil {
		return resp.StatusCode, json.Unmarshal(b, out)
	}
	return resp.StatusCode, nil
}

// login returns a fresh access token (JWT) of the admin from POST /auth/login.
func login(base string) (string, error) {
	var out struct {
		Data struct {
			AccessToken string `json:"access_token"`
		} `json:"data"`
	}
	b, _ := json.Marshal(map[string]string{"email": adminEmail, "password": adminPass})
	resp, err := http.Post(base+"/auth/login", "application/json", bytes.NewReader(b))
	if err != nil {
		return "", fmt.Errorf("login at %s: %w", base, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, &out); err != nil || out.Data.AccessToken == "" {
		return "", fmt.Errorf("login at %s: status %d: %s", base, resp.StatusCode, body)
	}
	return out.Data.AccessToken, nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
