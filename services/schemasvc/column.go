package schemasvc

import (
	"bytes"
	"encoding/json"

	"github.com/dxhost/dxhost/services/db"
)

// Column is one column as @directus/schema's columnInfo() reports it (spec 12 §4): the `schema`
// of a field. Its JSON has the key set and order of the dialect that produced it.
type Column struct {
	Name                 string  `json:"name"`
	Table                string  `json:"table"`
	Schema               *string `json:"schema,omitempty"` // PostgreSQL only
	DataType             string  `json:"data_type"`
	DefaultValue         any     `json:"default_value"`
	GenerationExpression *string `json:"generation_expression"`
	MaxLength            *int64  `json:"max_length"`
	NumericPrecision     *int64  `json:"numeric_precision"`
	NumericScale         *int64  `json:"numeric_scale"`
	IsGenerated          bool    `json:"is_generated"`
	IsNullable           bool    `json:"is_nullable"`
	IsUnique             bool    `json:"is_unique"`
	IsIndexed            bool    `json:"is_indexed"`
	IsPrimaryKey         bool    `json:"is_primary_key"`
	HasAutoIncrement     bool    `json:"has_auto_increment"`
	ForeignKeySchema     *string `json:"foreign_key_schema"`
	ForeignKeyTable      *string `json:"foreign_key_table"`
	ForeignKeyColumn     *string `json:"foreign_key_column"`
	Comment              *string `json:"comment"`

	Client string `json:"-"` // which dialect's key order MarshalJSON uses
}

// Key orders of columnInfo() per dialect (@directus/schema 14.0.2).
var columnKeyOrder = map[string][]string{
	db.ClientSQLite: {"name", "table", "data_type", "default_value", "max_length", "numeric_precision", "numeric_scale",
		"is_generated", "generation_expression", "is_nullable", "is_unique", "is_indexed", "is_primary_key",
		"has_auto_increment", "foreign_key_column", "foreign_key_table"},
	db.ClientPostgres: {"name", "table", "data_type", "default_value", "generation_expression", "max_length",
		"numeric_precision", "numeric_scale", "is_generated", "is_nullable", "is_unique", "is_indexed", "is_primary_key",
		"has_auto_increment", "foreign_key_schema", "foreign_key_table", "foreign_key_column", "comment"},
	db.ClientMySQL: {"name", "table", "data_type", "default_value", "generation_expression", "max_length",
		"numeric_precision", "numeric_scale", "is_generated", "is_nullable", "is_unique", "is_indexed", "is_primary_key",
		"has_auto_increment", "foreign_key_column", "foreign_key_table", "comment"},
}

// MarshalJSON writes the dialect's keys in the dialect's order.
func (c *Column) MarshalJSON() ([]byte, error) {
	if c == nil {
		return []byte("null"), nil
	}
	values := map[string]any{
		"name": c.Name, "table": c.Table, "schema": c.Schema, "data_type": c.DataType, "default_value": c.DefaultValue,
		"generation_expression": c.GenerationExpression, "max_length": c.MaxLength, "numeric_precision": c.NumericPrecision,
		"numeric_scale": c.NumericScale, "is_generated": c.IsGenerated, "is_nullable": c.IsNullable, "is_unique": c.IsUnique,
		"is_indexed": c.IsIndexed, "is_primary_key": c.IsPrimaryKey, "has_auto_increment": c.HasAutoIncrement,
		"foreign_key_schema": c.ForeignKeySchema, "foreign_key_table": c.ForeignKeyTable,
		"foreign_key_column": c.ForeignKeyColumn, "comment": c.Comment,
	}
	order := columnKeyOrder[c.Client]
	if order == nil {
		order = columnKeyOrder[db.ClientPostgres]
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range order {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(values[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Map is the column as a plain map (what JS receives).
func (c *Column) Map() map[string]any {
	var m map[string]any
	raw, _ := c.MarshalJSON()
	_ = json.Unmarshal(raw, &m)
	return m
}
