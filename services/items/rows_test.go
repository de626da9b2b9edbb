package items

import (
	"testing"

	"github.com/dxhost/dxhost/services/db"
)

// TestRowSlabRowsAreSeparate: rows carved from one slab never share values, an append to one row
// leaves the next alone, and slabs keep coming past the hint.
func TestRowSlabRowsAreSeparate(t *testing.T) {
	for _, hint := range []int{0, 1, 3, 100} {
		slab := rowSlab{width: 2, rows: hint}
		var rows [][]any
		for i := range 40 {
			r := slab.next()
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
	var blob, text any
	src := []byte("abc")
	c := cell{client: db.ClientMySQL, typeName: "BLOB", dst: &blob}
	if err := c.Scan(src); err != nil {
		t.Fatal(err)
	}
	c = cell{client: db.ClientMySQL, typeName: "VARCHAR", dst: &text}
	if err := c.Scan(src); err != nil {
		t.Fatal(err)
	}
	copy(src, "xyz")
	if b, ok := blob.([]byte); !ok || string(b) != "abc" {
		t.Fatalf("BLOB value %#v changed with the driver's buffer", blob)
	}
	if text != "abc" {
		t.Fatalf("VARCHAR value %#v", text)
	}
}
