// Package env builds Directus's environment object (spec 01 §10) — defaults, the process environment and
// the CONFIG_PATH file, every value cast by Directus's rules — and gives Go a typed view of it.
package env

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Env is the cast environment. The same *Env (and the same map) is shared by everything in the process,
// as Directus shares one mutable env object with all extensions.
type Env struct {
	mu     sync.RWMutex
	values map[string]any
	order  []string // key order of the JS object: defaults first, then the raw configuration
}

// Options says where the raw configuration comes from; zero values mean the real process.
type Options struct {
	Environ []string // KEY=VALUE pairs; nil = os.Environ()
	Dir     string   // working directory that relative paths resolve from; "" = os.Getwd()

	// JSConfig evaluates a .js/.mjs/.cjs CONFIG_PATH file (this package runs no JavaScript): it gets the
	// process environment and returns the configuration's keys in order with their values. nil = such
	// files are refused. shim/envjs.Read implements it.
	JSConfig func(path string, processEnv map[string]string) (keys []string, values map[string]any, err error)
}

// Load builds the env the way @directus/env's createEnv does: defaults (cast when the key has a fixed
// type), then process env overridden by the config file at CONFIG_PATH (default <Dir>/.env), every key
// cast and written over the defaults. `<KEY>_FILE` values of Directus variables are read from files.
func Load(opts Options) (*Env, error) {
	environ := opts.Environ
	if environ == nil {
		environ = os.Environ()
	}
	dir := opts.Dir
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("env: working directory: %w", err)
		}
		dir = wd
	}

	raw := newOrdered()
	processConfigPath := ""
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			continue
		}
		raw.set(k, v)
		if k == "CONFIG_PATH" {
			processConfigPath = v
		}
	}
	configPath := processConfigPath
	if configPath == "" {
		configPath = ".env"
	}
	if !filepath.IsAbs(configPath) {
		configPath = filepath.Join(dir, configPath)
	}
	processEnv := make(map[string]string, len(raw.keys))
	for _, k := range raw.keys {
		processEnv[k] = raw.values[k].(string)
	}
	file, err := readConfigFile(configPath, processEnv, opts.JSConfig)
	if err != nil {
		return nil, err
	}
	for _, k := range file.keys {
		raw.set(k, file.values[k])
	}

	e := &Env{values: map[string]any{}}
	for _, d := range defaults(configPath) {
		v := d.value
		if typeOf(d.key) != "" {
			v = cast(v, d.key)
		}
		e.put(d.key, v)
	}
	for _, k := range raw.keys {
		key, v := k, raw.values[k]
		if s, ok := v.(string); ok && isFileKey(key) && isDirectusVariable(key) {
			flag := castFlag(s)
			prefix, path := "", s
			if flag != "" {
				prefix = flag + ":"
				path = strings.Replace(s, prefix, "", 1)
			}
			if !filepath.IsAbs(path) {
				path = filepath.Join(dir, path)
			}
			content, err := os.ReadFile(path)
			if err != nil {
				return nil, fmt.Errorf("Failed to read value from file \"%s\", defined in environment variable \"%s\".: %w", s, key, err)
			}
			key = strings.TrimSuffix(key, "_FILE")
			v = prefix + string(content)
		}
		e.put(key, cast(v, key))
	}
	return e, nil
}

func (e *Env) put(key string, v any) {
	if _, exists := e.values[key]; !exists {
		e.order = append(e.order, key)
	}
	e.values[key] = v
}

// Map returns the cast values (numbers are float64, arrays []any, regexes Regex, JSON objects
// map[string]any). The map is shared: do not modify it.
func (e *Env) Map() map[string]any {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.values
}

// Keys returns the keys in the order a JS object built from this env enumerates them.
func (e *Env) Keys() []string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return append([]string(nil), e.order...)
}

// Get returns the raw cast value of key.
func (e *Env) Get(key string) (any, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	v, ok := e.values[key]
	return v, ok
}

// Set changes (or adds) one value — for tests and for what dxhost generates at first start (KEY, SECRET).
func (e *Env) Set(key string, v any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.put(key, v)
}

// String is JavaScript's String(value): "" for a missing key.
func (e *Env) String(key string) string {
	v, ok := e.Get(key)
	if !ok || v == nil {
		return ""
	}
	return ToJSString(v)
}

// Bool is `env[key] === true`, the comparison Directus uses for flags such as CORS_ENABLED.
func (e *Env) Bool(key string) bool {
	v, _ := e.Get(key)
	b, ok := v.(bool)
	return ok && b
}

// Number returns the value as a number when it is one (or a string that is a number), else def.
func (e *Env) Number(key string, def float64) float64 {
	v, ok := e.Get(key)
	if !ok {
		return def
	}
	switch n := v.(type) {
	case float64:
		return n
	case string:
		if f, ok := parseJSNumber(n); ok && !math.IsNaN(f) {
			return f
		}
	}
	return def
}

// Int is Number truncated to an int (def when missing, not a number or not finite).
func (e *Env) Int(key string, def int) int {
	f := e.Number(key, math.NaN())
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return def
	}
	return int(f)
}

// List is Directus's toArray(env[key]): a string is split on ",", an array kept, anything else wrapped;
// nil for a missing key.
func (e *Env) List(key string) []any {
	v, ok := e.Get(key)
	if !ok {
		return nil
	}
	return toArray(v)
}

// Strings is List with every element as String().
func (e *Env) Strings(key string) []string {
	list := e.List(key)
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = ToJSString(v)
	}
	return out
}

// Has reports whether key is set (to anything, even false or "").
func (e *Env) Has(key string) bool {
	_, ok := e.Get(key)
	return ok
}
