package items

import (
	"strconv"
	"unsafe"
)

// valueBoxes makes the interface values of a result's strings and numbers without one allocation
// each. Converting a string or an int64 to `any` copies it to a new heap object; here the value is
// written once into a shared array and the interface is made to point at it, as the conversion's
// own copy would be pointed at. Text bytes likewise go into shared chunks the strings point into.
// Nothing handed out is ever written again, which is all an interface or a string asks of the
// memory it points to. Like the row slabs, a kept value keeps its array alive.
type valueBoxes struct {
	strs   slab[string]
	ints   slab[int64]
	floats slab[float64]
	chunk  []byte // text bytes; only appended to
}

// Text chunks start small and double up to textChunk; longer values get their own string.
const (
	firstTextChunk = 512
	textChunk      = 8 << 10
)

// newValueBoxes prepares boxes for about strs strings, ints numbers and floats floats (0 =
// unknown, start small).
func newValueBoxes(strs, ints, floats int) *valueBoxes {
	return &valueBoxes{
		strs:   slab[string]{per: 1, rows: min(strs, maxRowsHint)},
		ints:   slab[int64]{per: 1, rows: min(ints, maxRowsHint)},
		floats: slab[float64]{per: 1, rows: min(floats, maxRowsHint)},
	}
}

// eface is the runtime's layout of an empty interface: its dynamic type and a pointer to its value.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

func typeOf(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

var (
	stringType  = typeOf("")
	int64Type   = typeOf(int64(0))
	float64Type = typeOf(float64(0))
)

// boxAt is the interface holding *p, of the dynamic type typ (*p's). *p must never change again.
func boxAt[T any](typ unsafe.Pointer, p *T) (v any) {
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, unsafe.Pointer(p)
	return v
}

// string is any(string(b)); b is copied.
func (x *valueBoxes) string(b []byte) any {
	if len(b) == 0 {
		return ""
	}
	return x.boxString(x.text(b))
}

// decimal is any(strconv.FormatInt(n, 10)).
func (x *valueBoxes) decimal(n int64) any {
	var buf [20]byte
	return x.boxString(x.text(strconv.AppendInt(buf[:0], n, 10)))
}

// text is string(b), its bytes in the current chunk.
func (x *valueBoxes) text(b []byte) string {
	if len(b) > textChunk/4 {
		return string(b)
	}
	if cap(x.chunk)-len(x.chunk) < len(b) {
		x.chunk = make([]byte, 0, min(max(2*cap(x.chunk), firstTextChunk), textChunk))
	}
	start := len(x.chunk)
	x.chunk = append(x.chunk, b...)
	return unsafe.String(&x.chunk[start], len(b))
}

func (x *valueBoxes) boxString(s string) any {
	p := &x.strs.take()[0]
	*p = s
	return boxAt(stringType, p)
}

// int is any(n).
func (x *valueBoxes) int(n int64) any {
	if n >= 0 && n < 256 {
		return n // the runtime boxes small numbers without allocating
	}
	p := &x.ints.take()[0]
	*p = n
	return boxAt(int64Type, p)
}

// float is any(f).
func (x *valueBoxes) float(f float64) any {
	p := &x.floats.take()[0]
	*p = f
	return boxAt(float64Type, p)
}
