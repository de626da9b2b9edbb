package db

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// config is the DB_* environment read the way Directus's getConfigFromEnv('DB_') reads it:
// the prefix dropped, each `__`-separated part camel-cased, `__` nesting (DB_SSL__CA → ssl.ca,
// DB_POOL__MAX → pool.max).
type config struct {
	client           string
	connectionString string
	searchPath       []string
	conn             map[string]any // host, port, database, user, password, filename, socketPath, ssl, charset, …
	pool             poolConfig
}

// Defaults dxhost uses when the env package supplied none (design: embedded SQLite out of the box).
const (
	defaultClient   = ClientSQLite
	defaultFilename = "./data/data.db"
)

func configFromEnv(env map[string]any) (*config, error) {
	tree := map[string]any{}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic when two spellings collide
	for _, key := range keys {
		if !strings.HasPrefix(strings.ToUpper(key), "DB_") || strings.EqualFold(key, "DB_EXCLUDE_TABLES") {
			continue
		}
		parts := strings.Split(key[len("DB_"):], "__")
		node := tree
		for i, p := range parts {
			name := camelCase(p)
			if i == len(parts)-1 {
				node[name] = env[key]
				break
			}
			child, ok := node[name].(map[string]any)
			if !ok {
				child = map[string]any{}
				node[name] = child
			}
			node = child
		}
	}

	cfg := &config{conn: tree}
	cfg.client = normaliseClient(asString(take(tree, "client")))
	if cfg.client == "" {
		cfg.client = defaultClient
	}
	cfg.connectionString = asString(take(tree, "connectionString"))
	cfg.searchPath = asStrings(take(tree, "searchPath"))
	take(tree, "version")
	poolTree, _ := take(tree, "pool").(map[string]any)
	pool, err := poolFromTree(poolTree)
	if err != nil {
		return nil, err
	}
	cfg.pool = pool
	if err := cfg.checkRequired(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// checkRequired mirrors Directus's required-variable sets per client (spec 01 §10).
func (c *config) checkRequired() error {
	var required []string
	switch c.client {
	case ClientSQLite:
		if asString(c.conn["filename"]) == "" {
			c.conn["filename"] = defaultFilename
		}
	case ClientPostgres:
		if c.connectionString == "" {
			required = []string{"host", "port", "database", "user"}
		}
	case ClientMySQL:
		if asString(c.conn["socketPath"]) == "" {
			required = []string{"host", "port", "database", "user", "password"}
		}
	}
	for _, k := range required {
		if _, ok := c.conn[k]; !ok {
			return fmt.Errorf("db: environment variable %s is required for DB_CLIENT=%s", envName(k), c.client)
		}
	}
	return nil
}

// poolConfig holds the knex/tarn pool options (DB_POOL__*) that database/sql can honour.
type poolConfig struct {
	min, max    int           // 0 = client default; min is only validated (database/sql opens on demand)
	idleTimeout time.Duration // DB_POOL__IDLE_TIMEOUT_MILLIS
}

func poolFromTree(tree map[string]any) (poolConfig, error) {
	var p poolConfig
	for key, v := range tree {
		n, ok := asNumber(v)
		if !ok {
			return p, fmt.Errorf("db: DB_POOL__%s must be a number, got %v", strings.ToUpper(snake(key)), v)
		}
		switch key {
		case "min":
			p.min = int(n)
		case "max":
			p.max = int(n)
		case "idleTimeoutMillis":
			p.idleTimeout = time.Duration(n) * time.Millisecond
		}
		// Other tarn options (acquireTimeoutMillis, reapIntervalMillis, …) have no database/sql
		// counterpart: context deadlines bound waiting for a connection instead.
	}
	if p.max < 0 || p.min < 0 || (p.max > 0 && p.min > p.max) {
		return p, fmt.Errorf("db: invalid pool size min=%d max=%d", p.min, p.max)
	}
	return p, nil
}

// apply sets the pool limits. knex's defaults are min 2, max 10, and tarn keeps a released
// connection until it has been idle for idleTimeoutMillis (30 s). database/sql has no "min", and
// its MaxIdleConns is a ceiling: set to the old min of 2 it closed every connection released beyond
// two, so under concurrent load each query opened a new PostgreSQL/MySQL connection. Idle
// connections are kept up to max and retired after the idle timeout, as tarn does. SQLite, which
// knex limits to one connection, gets a few readers because WAL lets them run beside the writer.
func (p poolConfig) apply(conn *sqlx.DB, client string) {
	maxOpen := 10
	if client == ClientSQLite {
		maxOpen = 4
	}
	if p.max > 0 {
		maxOpen = p.max
	}
	idle := p.idleTimeout
	if idle <= 0 {
		idle = 30 * time.Second
	}
	conn.SetMaxOpenConns(maxOpen)
	conn.SetMaxIdleConns(maxOpen)
	conn.SetConnMaxIdleTime(idle)
}

// take removes key from m and returns its value.
func take(m map[string]any, key string) any {
	v := m[key]
	delete(m, key)
	return v
}

// camelCase turns one env key part (HOST, SOCKET_PATH, REJECT_UNAUTHORIZED) into lodash camelCase.
func camelCase(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '_' || r == '-' || r == ' ' })
	for i := 1; i < len(words); i++ {
		words[i] = strings.ToUpper(words[i][:1]) + words[i][1:]
	}
	return strings.Join(words, "")
}

// snake is camelCase's inverse, for naming env variables in messages.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func envName(key string) string { return "DB_" + strings.ToUpper(snake(key)) }

func asString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return fmt.Sprint(x)
	}
}

func asNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x)
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// asBool reads a bool the way JS truthiness would for cast env values.
func asBool(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != "" && x != "false" && x != "0"
	}
	n, ok := asNumber(v)
	return !ok || n != 0
}

// asStrings reads an array env value (cast `array:` or comma list).
func asStrings(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, asString(e))
		}
		return out
	}
	var out []string
	for _, p := range strings.Split(asString(v), ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
