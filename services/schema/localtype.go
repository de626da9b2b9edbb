package schema

import "strings"

// LocalType maps a column's database type to a Directus type (getLocalType, spec 12 §2.2).
// dbType is the introspected type name; special is the field's special flags (may be nil).
// Precision is never known in the overview, so the PG "numeric with scale" rule cannot apply.
func LocalType(dbType string, special []string) string {
	for _, s := range []struct{ special, typ string }{
		{"cast-json", "json"}, {"hash", "hash"}, {"cast-csv", "csv"}, {"uuid", "uuid"}, {"file", "uuid"},
		{"cast-timestamp", "timestamp"}, {"cast-datetime", "dateTime"},
	} {
		for _, sp := range special {
			if sp == s.special {
				return s.typ
			}
		}
	}
	base := strings.ToLower(dbType)
	if i := strings.IndexByte(base, '('); i >= 0 {
		base = base[:i]
	}
	base = strings.TrimSpace(base)
	if base == "numeric" {
		// Verified live (spec 12 §1, §2.1): PostgreSQL numeric columns are "decimal" in the overview,
		// although the generic map lists numeric as integer.
		return "decimal"
	}
	if t, ok := localTypes[base]; ok {
		if strings.HasPrefix(t, "geometry") && len(special) > 0 && strings.HasPrefix(special[0], "geometry") {
			return special[0]
		}
		return t
	}
	return "unknown"
}

var localTypes = func() map[string]string {
	m := map[string]string{}
	add := func(t string, names ...string) {
		for _, n := range names {
			m[n] = t
		}
	}
	add("boolean", "boolean", "bool", "bit")
	add("integer", "tinyint", "smallint", "mediumint", "int", "integer", "serial", "int2", "int4", "serial4",
		"year", "number", "integerfirst", "int unsigned", "tinyint unsigned", "smallint unsigned",
		"mediumint unsigned", "bigint unsigned", "numeric")
	add("bigInteger", "bigint", "bigserial", "int8", "serial8")
	add("float", "float", "double", "double precision", "real", "float4", "float8", "smallmoney", "money")
	add("decimal", "decimal")
	add("string", "varchar", "longvarchar", "varchar2", "nvarchar", "char", "character varying", "character",
		"bpchar", "interval", "_varchar")
	add("text", "text", "tinytext", "mediumtext", "longtext", "clob", "ntext", "nchar", "citext", "string")
	add("date", "date")
	add("dateTime", "datetime", "datetime2", "smalldatetime", "timestamp without time zone",
		"timestamp without local time zone")
	add("timestamp", "timestamp", "timestamptz", "timestamp with time zone", "timestamp with local time zone",
		"datetimeoffset")
	add("time", "time", "timetz", "time with time zone", "time without time zone")
	add("json", "json", "jsonb")
	add("uuid", "uuid", "uniqueidentifier")
	add("binary", "binary", "varbinary", "image", "blob", "mediumblob")
	add("geometry", "geometry", "sdo_geometry")
	m["point"] = "geometry.Point"
	m["linestring"] = "geometry.LineString"
	m["polygon"] = "geometry.Polygon"
	m["multipoint"] = "geometry.MultiPoint"
	m["multilinestring"] = "geometry.MultiLineString"
	m["multipolygon"] = "geometry.MultiPolygon"
	return m
}()
