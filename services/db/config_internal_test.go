package db

import (
	"reflect"
	"testing"
	"time"
)

// The nesting and camel-casing follow Directus's getConfigFromEnv('DB_') (spec 01 §10).
func TestConfigFromEnv(t *testing.T) {
	cfg, err := configFromEnv(map[string]any{
		"DB_CLIENT": "pg", "DB_HOST": "db.example", "DB_PORT": 5433.0, "DB_DATABASE": "directus", "DB_USER": "u",
		"DB_PASSWORD": "p", "DB_SSL__REJECT_UNAUTHORIZED": false, "DB_SSL__CA_FILE": "/ca.pem",
		"DB_POOL__MIN": 1.0, "DB_POOL__MAX": 7.0, "DB_POOL__IDLE_TIMEOUT_MILLIS": 1500.0,
		"DB_SEARCH_PATH": []any{"tenant", "public"}, "DB_EXCLUDE_TABLES": []any{"x"}, "PORT": "8055",
	})
	if err != nil {
		t.Fatal(err)
	}
	wantConn := map[string]any{
		"host": "db.example", "port": 5433.0, "database": "directus", "user": "u", "password": "p",
		"ssl": map[string]any{"rejectUnauthorized": false, "caFile": "/ca.pem"},
	}
	if !reflect.DeepEqual(cfg.conn, wantConn) {
		t.Errorf("conn = %#v\nwant %#v", cfg.conn, wantConn)
	}
	if cfg.client != ClientPostgres || !reflect.DeepEqual(cfg.searchPath, []string{"tenant", "public"}) {
		t.Errorf("client %q searchPath %v", cfg.client, cfg.searchPath)
	}
	if cfg.pool != (poolConfig{min: 1, max: 7, idleTimeout: 1500 * time.Millisecond}) {
		t.Errorf("pool = %+v", cfg.pool)
	}
}

func TestConfigDefaultsAndAliases(t *testing.T) {
	cfg, err := configFromEnv(map[string]any{})
	if err != nil || cfg.client != ClientSQLite || cfg.conn["filename"] != defaultFilename {
		t.Fatalf("empty env: %+v, %v", cfg, err)
	}
	for alias, want := range map[string]string{"postgres": ClientPostgres, "mysql2": ClientMySQL, "sqlite": ClientSQLite} {
		cfg, _ := configFromEnv(map[string]any{"DB_CLIENT": alias, "DB_CONNECTION_STRING": "x", "DB_SOCKET_PATH": "/s"})
		if cfg.client != want {
			t.Errorf("DB_CLIENT=%s → %q, want %q", alias, cfg.client, want)
		}
	}
}

func TestTLSFromEnv(t *testing.T) {
	if c, err := tlsFromEnv(nil, "h"); c != nil || err != nil {
		t.Errorf("no ssl: %v %v", c, err)
	}
	if c, err := tlsFromEnv(false, "h"); c != nil || err != nil {
		t.Errorf("ssl false: %v %v", c, err)
	}
	if c, err := tlsFromEnv(true, "h"); err != nil || c == nil || c.InsecureSkipVerify || c.ServerName != "h" {
		t.Errorf("ssl true: %+v %v", c, err)
	}
	if c, err := tlsFromEnv(map[string]any{"rejectUnauthorized": false}, "h"); err != nil || c == nil || !c.InsecureSkipVerify {
		t.Errorf("rejectUnauthorized false: %+v %v", c, err)
	}
	if _, err := tlsFromEnv(map[string]any{"ca": "not pem"}, "h"); err == nil {
		t.Error("bad CA accepted")
	}
	if _, err := tlsFromEnv(map[string]any{"caFile": "/nonexistent/ca.pem"}, "h"); err == nil {
		t.Error("missing CA file accepted")
	}
}
