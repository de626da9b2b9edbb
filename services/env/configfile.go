package env

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// ordered is a string-keyed map that remembers insertion order (JS object semantics for new keys).
type ordered struct {
	keys   []string
	values map[string]any
}

func newOrdered() *ordered { return &ordered{values: map[string]any{}} }

func (o *ordered) set(k string, v any) {
	if _, ok := o.values[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.values[k] = v
}

// readConfigFile reads the CONFIG_PATH file by its extension: .js/.mjs/.cjs (through jsConfig),
// .json, .yaml/.yml, anything else dotenv. A missing file is no configuration.
func readConfigFile(path string, processEnv map[string]string, jsConfig func(string, map[string]string) ([]string, map[string]any, error)) (*ordered, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newOrdered(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("env: read config file %s: %w", path, err)
	}
	switch strings.ToLower(strings.TrimPrefix(filepath.Ext(path), ".")) {
	case "js", "mjs", "cjs":
		if jsConfig == nil {
			return nil, fmt.Errorf("env: config file %s: JavaScript config files need a JS evaluator (env.Options.JSConfig)", path)
		}
		keys, values, err := jsConfig(path, processEnv)
		if err != nil {
			return nil, fmt.Errorf("env: config file %s: %w", path, err)
		}
		out := newOrdered()
		for _, k := range keys {
			out.set(k, values[k])
		}
		return out, nil
	case "json":
		return parseJSONConfig(data, path)
	case "yaml", "yml":
		return parseYAMLConfig(data, path)
	}
	return parseDotenv(data), nil
}

func parseJSONConfig(data []byte, path string) (*ordered, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("env: %s: JSON configuration file does not contain an object", path)
	}
	out := newOrdered()
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("env: %s: %w", path, err)
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("env: %s: %w", path, err)
		}
		out.set(keyTok.(string), dropProto(v))
	}
	return out, nil
}

func parseYAMLConfig(data []byte, path string) (*ordered, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("env: %s: %w", path, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("env: %s: YAML configuration file does not contain an object", path)
	}
	m := doc.Content[0]
	out := newOrdered()
	for i := 0; i+1 < len(m.Content); i += 2 {
		var v any
		if err := m.Content[i+1].Decode(&v); err != nil {
			return nil, fmt.Errorf("env: %s: %w", path, err)
		}
		out.set(m.Content[i].Value, normalizeYAML(v))
	}
	return out, nil
}

// normalizeYAML turns yaml.v3's Go values into JSON-like ones (ints become float64 as JS numbers).
func normalizeYAML(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	case []any:
		for i, el := range x {
			x[i] = normalizeYAML(el)
		}
	case map[string]any:
		for k, el := range x {
			x[k] = normalizeYAML(el)
		}
	}
	return v
}

// dotenvLine is the line grammar of the `dotenv` npm package (v17), which Directus uses.
var dotenvLine = regexp.MustCompile(`(?m)(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*` + "`(?:\\\\`|[^`])*`" + `|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)`)

var surroundingQuotes = regexp.MustCompile("(?m)^(['\"`])([\\s\\S]*)(['\"`])$")

// parseDotenv is dotenv's parse(): later keys win, values trimmed, one level of quotes removed, and
// \n / \r expanded inside double quotes. No variable expansion (dotenv does none).
func parseDotenv(data []byte) *ordered {
	src := strings.ReplaceAll(string(data), "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	out := newOrdered()
	for _, m := range dotenvLine.FindAllStringSubmatch(src, -1) {
		value := strings.TrimSpace(m[2])
		quote := byte(0)
		if value != "" {
			quote = value[0]
		}
		if q := surroundingQuotes.FindStringSubmatch(value); q != nil && q[1] == q[3] && len(value) >= 2 {
			value = q[2]
		}
		if quote == '"' {
			value = strings.ReplaceAll(value, `\n`, "\n")
			value = strings.ReplaceAll(value, `\r`, "\r")
		}
		out.set(m[1], value)
	}
	return out
}
