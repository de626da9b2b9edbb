package schema

import (
	"encoding/json"
	"strconv"
	"strings"
)

// AutoIncrement is the defaultValue Directus reports for serial/identity/AUTOINCREMENT keys.
const AutoIncrement = "AUTO_INCREMENT"

// defaultValue turns a normalised database default (quotes and casts already stripped by the
// dialect's introspection; nil when there is none) into the overview's defaultValue for a field
// of Directus type typ (spec 12 §2.4).
func defaultValue(raw *string, typ string) any {
	if raw == nil {
		return nil
	}
	v := *raw
	if v == AutoIncrement {
		return v
	}
	if v == "0000-00-00 00:00:00" {
		return nil
	}
	switch {
	case IsNumeric(typ):
		if n, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && strings.TrimSpace(v) != "" {
			return n
		}
		return v
	case typ == "boolean":
		switch strings.ToLower(v) {
		case "0", "false":
			return false
		case "1", "true":
			return true
		}
		return v
	case typ == "json":
		var parsed any
		if err := json.Unmarshal([]byte(v), &parsed); err == nil {
			return parsed
		}
		return v
	}
	return v
}

// stripQuotes removes one pair of surrounding single or double quotes and unescapes doubled ones.
func stripQuotes(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"') {
		q := s[:1]
		return strings.ReplaceAll(s[1:len(s)-1], q+q, q)
	}
	return s
}
