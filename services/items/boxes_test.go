package items

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Values boxed into shared arrays and chunks are ordinary interface values: the right dynamic
// type, equal to the plain conversion, untouched by later values and by the collector, and never
// aliasing the bytes they were made from.
func TestValueBoxes(t *testing.T) {
	for _, hint := range []int{0, 3, 1000} {
		x := newValueBoxes(hint, hint, hint)
		var got, want []any
		src := []byte{}
		for i := range 2000 {
			src = append(src[:0], strings.Repeat(strconv.Itoa(i), i%700)...)
			n := int64(i*i*1000 - 5000)
			got = append(got, x.string(src), x.decimal(n), x.int(n), x.int(int64(i%256)), x.float(float64(i)/3))
			want = append(want, strings.Repeat(strconv.Itoa(i), i%700), strconv.FormatInt(n, 10), n, int64(i%256), float64(i)/3)
			copy(src, "scribble")
		}
		runtime.GC()
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("hint %d: value %d is %T %#v, want %T %#v", hint, i, got[i], got[i], want[i], want[i])
			}
		}
	}
}
