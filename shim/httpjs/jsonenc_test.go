package httpjs_test

import (
	"context"
	"testing"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/shim/httpjs"
)

// stringifyBoth evaluates src (an expression; `log` is an array it may push to) in two fresh
// runtimes and serialises it with the Go encoder in one and goja's JSON.stringify in the other.
// Each result is the JSON text (or "undefined", or "threw <name>: <message>") followed by the log.
func stringifyBoth(t *testing.T, src string, bare bool) (native, builtin string) {
	t.Helper()
	run := func(useNative bool) string {
		if !bare { // in an instance, as in production
			var out string
			inst := jsrttest.New(t)
			if err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
				out = stringifyIn(t, rt, src, useNative)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			return out
		}
		return stringifyIn(t, goja.New(), src, useNative)
	}
	return run(true), run(false)
}

// stringifyIn runs src in rt and serialises it with the Go encoder or with JSON.stringify.
func stringifyIn(t *testing.T, rt *goja.Runtime, src string, useNative bool) string {
	t.Helper()
	kit, err := httpjs.KitFor(rt)
	if err != nil {
		t.Fatal(err)
	}
	_ = rt.Set("nativeJSON", func(call goja.FunctionCall) goja.Value {
		out, ok := kit.JSON(call.Argument(0))
		if !ok {
			return goja.Undefined()
		}
		return rt.ToValue(string(out))
	})
	fn := "JSON.stringify"
	if useNative {
		fn = "nativeJSON"
	}
	v, err := rt.RunString(`(() => {
		globalThis.log = [];
		let out;
		try {
			const value = (` + src + `);
			out = ` + fn + `(value);
			out = out === undefined ? 'undefined' : out;
		} catch (e) {
			out = 'threw ' + e.name + ': ' + e.message;
		}
		return out + ' log=' + JSON.stringify(log);
	})()`)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v.String()
}

// TestJSONMatchesStringify compares the Go encoder with goja's JSON.stringify on the same values,
// side effects (getters, toJSON calls, their order and keys) included.
func TestJSONMatchesStringify(t *testing.T) {
	cases := []string{
		// primitives
		`1`, `-0`, `0.1 + 0.2`, `1e21`, `5e-7`, `-1e-7`, `123456789012345680000`, `2 ** 53 + 2`, `2 ** 60`,
		`5e-324`, `1 / 3`, `NaN`, `-Infinity`, `true`, `null`, `undefined`, `Symbol('s')`, `10n`,
		`function () {}`, `'plain'`, `'\u2028\u2029'`, `'\ud800'`, `'a\udc00b'`, `'\ud83d\ude00'`,
		`'\x00\x1f\x7f"\\\b\f\n\r\t'`, `'\ufffd\ud800'`, `'\ufffd'`, `'é€𝄞<>&'`,
		// objects and arrays
		`({ b: 1, 1: 2, a: 3, 0: 4, '01': 5, '4294967295': 6, '4294967294': 7, '-1': 8, '1.5': 9 })`,
		`({ a: undefined, b: function () {}, c: Symbol(), d: [undefined, function () {}, Symbol()] })`,
		`({ d: new Date(0), e: new Date(NaN), f: new Date(-1e15), g: new Date(8.64e15), h: new Date(Date.UTC(12345, 0)) })`,
		`[, 1, , ]`, `Object.assign([1, 2], { x: 1 })`, `[[[]], {}, [{}]]`, `new Array(3)`,
		`new Map([[1, 2]])`, `new Set([1])`, `new Number(3)`, `new String('s')`, `new Boolean(false)`, `Object(10n)`,
		`[new Number(1), new String('x'), new Boolean(true), Object(Symbol())]`,
		`new (class A { constructor() { this.x = 1; } get y() { return 2; } })()`,
		`({ toJSON(k) { log.push('toJSON:' + k); return { k }; } })`,
		`({ a: { toJSON(k) { log.push(k); return undefined; } }, b: 1 })`,
		`[{ toJSON(k) { log.push(typeof k + k); return 1; } }]`,
		`({ get a() { log.push('a'); return 1; }, b: 2, get c() { log.push('c'); delete this.d; return 3; }, d: 4 })`,
		`(() => { const a = [1, 2]; Object.defineProperty(a, 0, { get() { log.push('g'); return 5; }, enumerable: true }); return a; })()`,
		`(() => { Object.prototype.toJSON = function (k) { log.push('P' + k); return 'p'; }; return { a: [1] }; })()`,
		`(() => { Array.prototype.toJSON = function (k) { log.push('A' + k); return 'arr'; }; return { a: [1], b: { c: [] } }; })()`,
		`(() => { Object.defineProperty(Object.prototype, 'toJSON', { get() { log.push('get'); return undefined; }, configurable: true }); return { a: [1, { b: 2 }] }; })()`,
		`new Proxy({ a: 1 }, { get(t, k) { log.push(String(k)); return t[k]; } })`,
		`({ p: new Proxy([1, 2], {}), q: new Proxy({ z: 1 }, { ownKeys() { log.push('keys'); return ['z']; } }) })`,
		`(() => { const a = { x: 1 }; a.self = a; return a; })()`,
		`(() => { const a = [1]; a.push({ back: a }); return { a }; })()`,
		`new Error('x')`, `({ e: Object.assign(new Error('m'), { code: 1 }) })`,
		`Object.assign(Object.create(null), { a: 1, b: [2] })`,
		`Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } })`,
		`Object.defineProperty({ a: 1 }, 'b', { value: 2 })`,
		`({ toJSON() { return 10n; } })`, `({ a: { toJSON() { throw new RangeError('nope'); } } })`,
		`({ get a() { throw new Error('boom'); } })`,
		`({ '\ud800': 1, 'a"b': 2, '\n': 3, 'é': 4 })`,
		`new Uint8Array([1, 2])`, `({ buf: new ArrayBuffer(2), view: new DataView(new ArrayBuffer(1)) })`,
		`(() => { Date.prototype.toJSON = function () { log.push('D'); return 'D'; }; return [new Date(0)]; })()`,
		`(() => { Date.prototype.toISOString = function () { return 'iso'; }; return { d: new Date(0) }; })()`,
		`(function () { return arguments; })(1, 2)`,
		`Object.assign(function () {}, { a: 1 })`,
		`({ a: { toJSON() { Object.prototype.toJSON = () => 'late'; return 1; } }, b: { c: 1 } })`,
		`({ a: { toJSON() { return new Proxy({ x: 1 }, {}); } } })`,
		`({ a: { toJSON() { return new Number(4); } }, b: { toJSON() { return function () {}; } } })`,
		`({ a: 10n })`, `[10n]`, `(() => { BigInt.prototype.toJSON = function () { return 'big' + this; }; return { a: 10n, b: [1n] }; })()`,
		`({ 0: 'a', x: { 1: 'b', y: [{ 2: 'c' }] } })`,
		`Promise.resolve(1)`, `/re/g`, `Math`, `JSON`,
		`({ a: { toJSON() { return new Date(0); } }, b: { toJSON() { return { '\ud800x': 1, y: [1] }; } } })`,
		`[{ '\udc00': 1 }, { ok: { '\ud800': [2] } }]`,
		`[new (class D extends Date {})(0), Object.setPrototypeOf(new Date(0), null), Object.assign(new Date(0), { x: 1 })]`,
		`(() => { const d = new Date(0); d.toJSON = function (k) { log.push('own ' + k); return this.getTime(); }; return { d }; })()`,
	}
	for _, bare := range []bool{false, true} {
		for _, src := range cases {
			native, builtin := stringifyBoth(t, src, bare)
			if native != builtin {
				t.Errorf("%s (bare runtime %v):\n  Go encoder:     %s\n  JSON.stringify: %s", src, bare, native, builtin)
			}
		}
	}
}

// TestJSONMatchesNode pins numbers and strings to what Node's JSON.stringify gives (node -e).
func TestJSONMatchesNode(t *testing.T) {
	cases := map[string]string{
		`1e21`:                        `1e+21`,
		`-0`:                          `0`,
		`0.1 + 0.2`:                   `0.30000000000000004`,
		`5e-7`:                        `5e-7`,
		`-1e-7`:                       `-1e-7`,
		`123456789012345680000`:       `123456789012345680000`,
		`2 ** 53 + 2`:                 `9007199254740994`,
		`2 ** 60`:                     `1152921504606847000`,
		`1.5e300`:                     `1.5e+300`,
		`5e-324`:                      `5e-324`,
		`0.000001`:                    `0.000001`,
		`1.5e-6`:                      `0.0000015`,
		`1 / 3`:                       `0.3333333333333333`,
		`'\u2028\u2029'`:              "\"\u2028\u2029\"",
		`'\ud800'`:                    `"\ud800"`,
		`'a\udc00b'`:                  `"a\udc00b"`,
		`'\ud83d\ude00'`:              `"😀"`,
		`'\udbff\udfff'`:              "\"\U0010FFFF\"",
		`'\x00\x1f\x7f"\\\b\f\n\r\t'`: "\"\\u0000\\u001f\x7f\\\"\\\\\\b\\f\\n\\r\\t\"",
		`'\ufffd\ud800'`:              "\"\uFFFD\\ud800\"",
		`'é€𝄞<>&'`:                    `"é€𝄞<>&"`,
		`({ b: 1, 1: 2, a: 3, 0: 4, '01': 5, '4294967295': 6, '4294967294': 7, '-1': 8, '1.5': 9 })`: `{"0":4,"1":2,"4294967294":7,"b":1,"a":3,"01":5,"4294967295":6,"-1":8,"1.5":9}`,
	}
	for src, want := range cases {
		rt := goja.New()
		kit, err := httpjs.KitFor(rt)
		if err != nil {
			t.Fatal(err)
		}
		v, err := rt.RunString(src)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := kit.JSON(v)
		if !ok || string(got) != want {
			t.Errorf("%s: %s (ok %v), node gives %s", src, got, ok, want)
		}
	}
}
