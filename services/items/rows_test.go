package items

import (
	"testing"

	"github.com/dxhost/dxhost/services/db"
)

// TestSlabRowsAreSeparate: rows carved from one slab never share values, an append to one row
// leaves the next alone, and slabs keep coming past the hint.
func TestSlabRowsAreSeparate(t *testing.T) {
	for _, hint := range []int{0, 1, 3, 100} {
		rs := slab[any]{per: 2, rows: hint}
		var rows [][]any
		for i := range 40 {
			r := rs.take()
			if len(r) != 2 || cap(r) != 2 {
				t.Fatalf("hint %d: row %d has len %d cap %d", hint, i, len(r), cap(r))
			}
			r[0], r[1] = i, -i
			rows = append(rows, r)
		}
		_ = append(rows[0], "appended")
		for i, r := range rows {
			if r[0] != i || r[1] != -i {
				t.Fatalf("hint %d: row %d holds %v", hint, i, r)
			}
		}
	}
}

// TestCellKeepsNoDriverBytes: bytes a driver hands over are reused for the next row, so a value
// kept as []byte (a MySQL BLOB) is a copy, and strings never alias them.
func TestCellKeepsNoDriverBytes(t *testing.T) {
	var blob, text, decimal, number any
	src := []byte("abc")
	row := &rowText{}
	for _, c := range []cell{
		{conv: convFor(db.ClientMySQL, "BLOB"), dst: &blob, text: row},
		{conv: convFor(db.ClientMySQL, "VARCHAR"), dst: &text, text: row},
		{conv: convFor(db.ClientMySQL, "DECIMAL"), dst: &decimal, text: row},
		{conv: convFor(db.ClientMySQL, "INT"), dst: &number, text: row},
	} {
		in := src
		switch c.dst {
		case &decimal:
			in = []byte("12.50")
		case &number:
			in = []byte("42")
		}
		if err := c.Scan(in); err != nil {
			t.Fatal(err)
		}
	}
	row.finish()
	copy(src, "xyz")
	if decimal != "12.50" || number != int64(42) {
		t.Fatalf("DECIMAL %#v, INT %#v", decimal, number)
	}
	if b, ok := blob.([]byte); !ok || string(b) != "abc" {
		t.Fatalf("BLOB value %#v changed with the driver's buffer", blob)
	}
	if text != "abc" {
		t.Fatalf("VARCHAR value %#v", text)
	}
}
