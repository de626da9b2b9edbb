package rest

import "testing"

// TestAppendStringIsJSONStringify: the expected bytes are Node's
// JSON.stringify("a\"b\\c\n\t\u0001\u007f é 😀 <>&\u2028").
func TestAppendStringIsJSONStringify(t *testing.T) {
	got := string(appendString(nil, "a\"b\\c\n\t\u0001\u007f é 😀 <>&\u2028"))
	const node = "\"a\\\"b\\\\c\\n\\t\\u0001\u007f é 😀 <>&\u2028\""
	if got != node {
		t.Fatalf("got  %q\nnode %q", got, node)
	}
}
