package rest

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/smtp"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"

	"github.com/dxhost/dxhost/services/auth"
)

// healthCache is the health store: one result per HEALTHCHECK_CACHE_TTL (default 5 minutes).
type healthCache struct {
	mu      sync.Mutex
	data    object
	expires time.Time
}

// result returns the cached health report or runs the checks (ServerService.health for an admin).
func (hc *healthCache) result(ctx context.Context, h *handlers) object {
	hc.mu.Lock()
	defer hc.mu.Unlock()
	if hc.data != nil && time.Now().Before(hc.expires) {
		return hc.data
	}
	env := h.d.Env.Map()
	ttl, ok := auth.ParseMS(env["HEALTHCHECK_CACHE_TTL"])
	if !ok {
		ttl = 300000
	}
	hc.data = runHealth(ctx, h, env)
	hc.expires = time.Now().Add(time.Duration(ttl) * time.Millisecond)
	return hc.data
}

func runHealth(ctx context.Context, h *handlers, env map[string]any) object {
	enabled := map[string]bool{}
	for _, s := range toArray(env["HEALTHCHECK_SERVICES"]) {
		enabled[strings.TrimSpace(fmt.Sprint(s))] = true
	}
	var checks object
	if enabled["database"] {
		checks = append(checks, h.databaseChecks(ctx, env)...)
	}
	if enabled["redis"] {
		checks = append(checks, redisChecks(ctx, env)...)
	}
	if enabled["storage"] {
		checks = append(checks, storageChecks(env)...)
	}
	if enabled["email"] && truthyEnv(env["EMAIL_VERIFY_SETUP"], true) {
		checks = append(checks, emailChecks(env)...)
	}
	status := "ok"
	for _, c := range checks {
		for _, e := range c.value.([]any) {
			s := statusOf(e.(object))
			if s == "warn" && status == "ok" {
				h.d.Logger.Warnf("%s in WARN state", c.key)
				status = "warn"
				continue
			}
			if s == "error" {
				h.d.Logger.Errorf("%s in ERROR state", c.key)
				status = "error"
				break
			}
		}
		if status == "error" {
			break
		}
	}
	return object{{"status", status}, {"releaseId", Version}, {"serviceId", orUndefined(env["PUBLIC_URL"])}, {"checks", checks}}
}

func statusOf(o object) string {
	for _, m := range o {
		if m.key == "status" {
			s, _ := m.value.(string)
			return s
		}
	}
	return ""
}

// timed runs fn and returns its duration in ms rounded to 3 decimals (+(t).toFixed(3)).
func timed(fn func() error) (float64, error) {
	start := time.Now()
	err := fn()
	ms := float64(time.Since(start).Nanoseconds()) / 1e6
	return math.Round(ms*1000) / 1000, err
}

func thresholdOf(v any, def float64) float64 {
	if f, ok := jsNumber(v).(float64); ok && v != nil && !math.IsNaN(f) && f != 0 {
		return f
	}
	return def
}

func checkStatus(err error, observed, threshold float64) string {
	switch {
	case err != nil:
		return "error"
	case observed > threshold:
		return "warn"
	}
	return "ok"
}

func (h *handlers) databaseChecks(ctx context.Context, env map[string]any) object {
	client := fmt.Sprint(env["DB_CLIENT"])
	threshold := thresholdOf(env["DB_HEALTHCHECK_THRESHOLD"], 150)
	observed, err := timed(func() error { return h.d.DB.PingContext(ctx) })
	rt := object{{"status", checkStatus(err, observed, threshold)}, {"componentType", "datastore"},
		{"observedUnit", "ms"}, {"observedValue", observed}, {"threshold", threshold}}
	if err != nil {
		rt = append(rt, member{"output", "Can't connect to the database."})
	}
	stats := h.d.DB.Stats()
	return object{
		{client + ":responseTime", []any{rt}},
		{client + ":connectionsAvailable", []any{object{{"status", "ok"}, {"componentType", "datastore"}, {"observedValue", int64(stats.Idle)}}}},
		{client + ":connectionsUsed", []any{object{{"status", "ok"}, {"componentType", "datastore"}, {"observedValue", int64(stats.InUse)}}}},
	}
}

// redisChecks runs only when Redis is configured (REDIS or REDIS_HOST), like redisConfigAvailable.
func redisChecks(ctx context.Context, env map[string]any) object {
	var opts *redis.Options
	if u, ok := env["REDIS"].(string); ok && u != "" {
		parsed, err := redis.ParseURL(u)
		if err != nil {
			return object{{"redis:responseTime", []any{object{{"status", "error"}, {"componentType", "cache"}, {"observedValue", float64(0)}, {"observedUnit", "ms"}, {"threshold", float64(150)}, {"output", err.Error()}}}}}
		}
		opts = parsed
	} else if host, ok := env["REDIS_HOST"].(string); ok && host != "" {
		port := "6379"
		if p := env["REDIS_PORT"]; p != nil {
			port = strings.TrimSuffix(fmt.Sprint(p), ".0")
		}
		password, _ := env["REDIS_PASSWORD"].(string)
		opts = &redis.Options{Addr: net.JoinHostPort(host, port), Password: password}
	} else {
		return nil
	}
	threshold := thresholdOf(env["CACHE_HEALTHCHECK_THRESHOLD"], 150)
	client := redis.NewClient(opts)
	defer client.Close()
	key := "directus-health-" + uuid.NewString()[:5]
	observed, err := timed(func() error {
		if err := client.Set(ctx, key, 1, 0).Err(); err != nil {
			return err
		}
		return client.Del(ctx, key).Err()
	})
	o := object{{"status", checkStatus(err, observed, threshold)}, {"componentType", "cache"}, {"observedValue", observed}, {"observedUnit", "ms"}, {"threshold", threshold}}
	if err != nil {
		o = append(o, member{"output", err.Error()})
	}
	return object{{"redis:responseTime", []any{o}}}
}

// storageChecks writes a probe file to each storage location. dxhost has the local driver only.
func storageChecks(env map[string]any) object {
	var out object
	for _, l := range toArray(env["STORAGE_LOCATIONS"]) {
		location := strings.TrimSpace(fmt.Sprint(l))
		prefix := "STORAGE_" + strings.ToUpper(location) + "_"
		threshold := thresholdOf(env[prefix+"HEALTHCHECK_THRESHOLD"], 750)
		observed, err := timed(func() error {
			driver := fmt.Sprint(env[prefix+"DRIVER"])
			if driver != "local" {
				return fmt.Errorf("dxhost has no %q storage driver", driver)
			}
			root, _ := env[prefix+"ROOT"].(string)
			if root == "" {
				root = "./uploads"
			}
			if err := os.MkdirAll(root, 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(root, "directus-health-file"), []byte(uuid.NewString()[:5]), 0o644)
		})
		o := object{{"status", checkStatus(err, observed, threshold)}, {"componentType", "objectstore"}, {"observedValue", observed}, {"observedUnit", "ms"}, {"threshold", threshold}}
		if err != nil {
			o = append(o, member{"output", err.Error()})
		}
		out = append(out, member{"storage:" + location + ":responseTime", []any{o}})
	}
	return out
}

// emailChecks is getMailer().verify(): the sendmail transport has no verify (always ok), SMTP
// connects and greets; dxhost cannot verify the API transports (ses, mailgun, mailtrap).
func emailChecks(env map[string]any) object {
	o := object{{"status", "ok"}, {"componentType", "email"}}
	transport := strings.ToLower(fmt.Sprint(env["EMAIL_TRANSPORT"]))
	var err error
	switch transport {
	case "sendmail":
	case "smtp":
		err = verifySMTP(env)
	default:
		err = fmt.Errorf("dxhost cannot verify the %q e-mail transport", transport)
	}
	if err != nil {
		o = object{{"status", "error"}, {"componentType", "email"}, {"output", err.Error()}}
	}
	return object{{"email:connection", []any{o}}}
}

func verifySMTP(env map[string]any) error {
	host, _ := env["EMAIL_SMTP_HOST"].(string)
	port := "587"
	if p := env["EMAIL_SMTP_PORT"]; p != nil {
		port = strconv.FormatFloat(jsNumber(p).(float64), 'f', -1, 64)
	}
	conn, err := net.DialTimeout("tcp", net.JoinHostPort(host, port), 10*time.Second)
	if err != nil {
		return err
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	name, _ := env["EMAIL_SMTP_NAME"].(string)
	if name == "" {
		name = "localhost"
	}
	if err := c.Hello(name); err != nil {
		return err
	}
	return c.Quit()
}
