package items

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/systables/password"
)

// processWrite is PayloadService.processValues('create'|'update') for one row (spec 10 §7):
// special transformers, then dates parsed, then objects/arrays stringified. It returns the
// values to bind (already in each driver's representation) and the processed payload for
// revisions (dates as ISO strings, like JSON.stringify of a JS Date).
func (s *Service) processWrite(col *schema.Collection, action string, payload map[string]any, now time.Time) (map[string]any, error) {
	out := make(map[string]any, len(payload))
	for k, v := range payload {
		out[k] = v
	}
	user, role := s.accountabilityValue("user"), s.accountabilityValue("role")
	for _, name := range col.FieldOrder {
		f := col.Fields[name]
		for _, sp := range f.Special {
			v, has := out[name]
			switch sp {
			case "uuid":
				if action == "create" && (!has || v == nil || v == "") {
					out[name] = uuid.NewString()
				}
			case "hash":
				if str, ok := v.(string); ok && str != "" {
					h, err := password.HashWith(str, s.hashOptions())
					if err != nil {
						return nil, err
					}
					out[name] = h
				}
			case "cast-csv":
				if list, ok := v.([]any); ok {
					parts := make([]string, len(list))
					for i, e := range list {
						parts[i] = fmt.Sprint(e)
					}
					out[name] = strings.Join(parts, ",")
				}
			case "user-created", "role-created":
				if action == "create" {
					out[name] = pick(sp == "user-created", user, role)
				}
			case "user-updated", "role-updated":
				if action == "update" {
					out[name] = pick(sp == "user-updated", user, role)
				}
			case "date-created":
				if action == "create" {
					out[name] = now
				}
			case "date-updated":
				if action == "update" {
					out[name] = now
				}
			}
		}
	}
	for name, v := range out {
		f := col.Fields[name]
		if f == nil {
			continue
		}
		switch x := v.(type) {
		case int64, float64:
			if f.Type == "string" || f.Type == "text" {
				// the drivers Directus uses send numbers as text for text columns
				out[name] = keyString(x)
				continue
			}
		}
		if str, ok := v.(string); ok && schema.IsDateType(f.Type) {
			t, err := parseWriteDate(f.Type, str)
			if err != nil {
				return nil, errs.InvalidPayload(err.Error() + fmt.Sprintf(` in field "%s"`, name))
			}
			out[name] = t
		}
	}
	return out, nil
}

func pick(first bool, a, b any) any {
	if first {
		return a
	}
	return b
}

func (s *Service) accountabilityValue(key string) any {
	if s.opts.Accountability == nil {
		return nil
	}
	return s.opts.Accountability[key]
}

// parseWriteDate parses date/dateTime strings as local times and timestamps as ISO instants.
func parseWriteDate(typ, v string) (any, error) {
	switch typ {
	case "date":
		if t, err := time.ParseInLocation("2006-01-02", v[:min(len(v), 10)], time.Local); err == nil {
			return t, nil
		}
		return nil, fmt.Errorf("Invalid Date format")
	case "dateTime":
		for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
			if t, err := time.ParseInLocation(layout, v, time.Local); err == nil {
				return t, nil
			}
		}
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t, nil
		}
		return nil, fmt.Errorf("Invalid DateTime format")
	}
	if t, ok := parseDateString(v); ok {
		return t, nil
	}
	return v, nil // Directus hands unparsable timestamps to the database as they are
}

// bindValue turns a processed value into what the driver should receive, as Directus's knex
// drivers write it: SQLite dates as epoch milliseconds, MySQL dates in local time, JSON text.
func bindValue(client string, v any) any {
	switch x := v.(type) {
	case time.Time:
		switch client {
		case db.ClientSQLite:
			return x.UnixMilli()
		case db.ClientMySQL:
			return x.Local().Format("2006-01-02 15:04:05.000")
		}
		return x
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x)
		}
		return x
	case bool:
		if client == db.ClientPostgres {
			return x
		}
		if x {
			return int64(1)
		}
		return int64(0)
	case map[string]any, []any, *Item:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return v
}

// jsonSafe converts processed values for revisions/hook payloads: dates become ISO strings.
func jsonSafe(v any) any {
	if t, ok := v.(time.Time); ok {
		return t.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	return v
}

// hashOptions are the argon2 parameters of the hash special: HASH_* as the caller configured them,
// node-argon2's defaults otherwise.
func (s *Service) hashOptions() password.Options {
	if s.opts.Hash == (password.Options{}) {
		return password.Defaults
	}
	return s.opts.Hash
}

// asObject reads one JSON object of a payload: a Go map, or an *Item from a caller that kept the
// JavaScript key order (nested values from JS, a REST body). The map's values stay as they are.
func asObject(v any) (map[string]any, bool) {
	switch x := v.(type) {
	case map[string]any:
		return x, true
	case *Item:
		if x == nil {
			return nil, false
		}
		m := make(map[string]any, x.Len())
		for i, k := range x.keys {
			m[k] = x.values[i]
		}
		return m, true
	}
	return nil, false
}

// relationalMaps turns the ordered objects (*Item) in payload's relational fields into maps, the
// form the nested writes take; one level only, so each nested payload keeps its own ordered values.
// Other values (JSON columns) stay ordered: bindValue writes them in their key order, as
// JSON.stringify does in Directus.
func (s *Service) relationalMaps(col *schema.Collection, payload map[string]any) {
	object := func(v any) any {
		if m, ok := asObject(v); ok {
			return m
		}
		return v
	}
	list := func(v any) any {
		l, ok := v.([]any)
		if !ok {
			return v
		}
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = object(e)
		}
		return out
	}
	for _, rel := range s.opts.Schema.Relations {
		if rel.Collection == col.Collection {
			if v, ok := payload[rel.Field]; ok {
				payload[rel.Field] = object(v)
			}
		}
		if rel.RelatedCollection == nil || *rel.RelatedCollection != col.Collection || rel.Meta == nil || rel.Meta.OneField == nil {
			continue
		}
		v, ok := payload[*rel.Meta.OneField]
		if !ok {
			continue
		}
		if delta, ok := asObject(v); ok {
			for _, k := range []string{"create", "update"} {
				if e, ok := delta[k]; ok {
					delta[k] = list(e)
				}
			}
			payload[*rel.Meta.OneField] = delta
			continue
		}
		payload[*rel.Meta.OneField] = list(v)
	}
}

// PayloadFromJSON parses a request body for a write the way body-parser's JSON.parse would leave
// it: the top-level object (or each object of a top-level array) is a map, every object inside keeps
// JavaScript's key order (*Item), so JSON columns are written as Directus writes them.
func PayloadFromJSON(raw []byte) (any, error) {
	v, err := FromJSON(raw)
	if err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case *Item:
		m, _ := asObject(x)
		return m, nil
	case []any:
		for i, e := range x {
			if m, ok := asObject(e); ok {
				x[i] = m
			}
		}
	}
	return v, nil
}

// ObjectOf reads a payload object that may be ordered (*Item) as a map; nested values unchanged.
func ObjectOf(v any) (map[string]any, bool) { return asObject(v) }
