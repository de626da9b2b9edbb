package schema

import (
	"encoding/json"
	"testing"
)

// Cases from spec 12 §2.2 and its "verified live" consequences.
func TestLocalType(t *testing.T) {
	cases := []struct {
		dbType  string
		special []string
		want    string
	}{
		{"integer", nil, "integer"},
		{"int unsigned", nil, "integer"},
		{"bigint unsigned", nil, "integer"},
		{"numeric", nil, "decimal"},
		{"bigint", nil, "bigInteger"},
		{"decimal", nil, "decimal"},
		{"character varying", nil, "string"},
		{"char", nil, "string"},
		{"longtext", nil, "text"},
		{"longtext", []string{"cast-json"}, "json"},
		{"char", []string{"uuid"}, "uuid"},
		{"char", []string{"file"}, "uuid"},
		{"uuid", nil, "uuid"},
		{"datetime", nil, "dateTime"},
		{"datetime", []string{"cast-timestamp"}, "timestamp"},
		{"timestamp with time zone", nil, "timestamp"},
		{"timestamp without time zone", nil, "dateTime"},
		{"time without time zone", nil, "time"},
		{"varchar", []string{"hash", "conceal"}, "hash"},
		{"text", []string{"cast-csv"}, "csv"},
		{"boolean", []string{"cast-boolean"}, "boolean"},
		{"real", nil, "float"},
		{"double precision", nil, "float"},
		{"jsonb", nil, "json"},
		{"geometry", []string{"geometry.Point"}, "geometry.Point"},
		{"point", nil, "geometry.Point"},
		{"USER-DEFINED", nil, "unknown"},
		{"varchar(255)", nil, "string"},
	}
	for _, c := range cases {
		if got := LocalType(c.dbType, c.special); got != c.want {
			t.Errorf("LocalType(%q, %v) = %q, want %q", c.dbType, c.special, got, c.want)
		}
	}
}

// Spec 12 §2.4.
func TestDefaultValue(t *testing.T) {
	s := func(v string) *string { return &v }
	cases := []struct {
		raw  *string
		typ  string
		want string
	}{
		{nil, "string", `null`},
		{s("draft"), "string", `"draft"`},
		{s("7"), "integer", `7`},
		{s("1.5"), "decimal", `1.5`},
		{s("0"), "boolean", `false`},
		{s("true"), "boolean", `true`},
		{s(`{"a":1}`), "json", `{"a":1}`},
		{s(`not json`), "json", `"not json"`},
		{s("0000-00-00 00:00:00"), "dateTime", `null`},
		{s("CURRENT_TIMESTAMP"), "timestamp", `"CURRENT_TIMESTAMP"`},
		{s("AUTO_INCREMENT"), "integer", `"AUTO_INCREMENT"`},
	}
	for _, c := range cases {
		got, _ := json.Marshal(defaultValue(c.raw, c.typ))
		if string(got) != c.want {
			t.Errorf("defaultValue(%v, %s) = %s, want %s", deref(c.raw), c.typ, got, c.want)
		}
	}
}

func TestPostgresDefault(t *testing.T) {
	cases := map[string]string{
		`nextval('articles_id_seq'::regclass)`: "AUTO_INCREMENT",
		`'draft'::character varying`:           "draft",
		`'it''s'::text`:                        "it's",
		`'-1'::integer`:                        "-1",
		`false`:                                "false",
		`now()`:                                "now()",
		`CURRENT_TIMESTAMP`:                    "CURRENT_TIMESTAMP",
		`NULL::character varying`:              "<nil>",
	}
	for in, want := range cases {
		if got := deref(postgresDefault(in)); got != want {
			t.Errorf("postgresDefault(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMySQLType(t *testing.T) {
	cases := map[string]string{"int(10) unsigned": "int unsigned", "tinyint(1)": "boolean", "tinyint(4)": "tinyint",
		"varchar(255)": "varchar", "decimal(10,2)": "decimal", "longtext": "longtext", "float(10,5)": "float"}
	for in, want := range cases {
		if got := mysqlType(in); got != want {
			t.Errorf("mysqlType(%q) = %q, want %q", in, got, want)
		}
	}
}

// Spec 12 §5: 33 system collections, 62 system relations, and a few specials that matter to
// REST output (masked passwords, settings singleton).
func TestSystemData(t *testing.T) {
	if len(systemCollections) != 33 {
		t.Errorf("%d system collections, want 33", len(systemCollections))
	}
	if len(systemRelations) != 62 {
		t.Errorf("%d system relations, want 62", len(systemRelations))
	}
	var password *fieldMeta
	for i, f := range systemFields {
		if f.Collection == "directus_users" && f.Field == "password" {
			password = &systemFields[i]
		}
	}
	if password == nil || len(password.Special) != 2 || password.Special[0] != "hash" || password.Special[1] != "conceal" {
		t.Errorf("directus_users.password meta = %+v", password)
	}
	for _, c := range systemCollections {
		if c.Collection == "directus_settings" && !c.Singleton {
			t.Error("directus_settings must be a singleton")
		}
		if c.Collection == "directus_activity" && c.Accountability != nil {
			t.Error("directus_activity accountability must be null")
		}
	}
	if !IsSystemCollection("directus_users") || IsSystemCollection("articles") {
		t.Error("IsSystemCollection")
	}
}
