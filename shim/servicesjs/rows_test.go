package servicesjs

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	_ "github.com/dxhost/dxhost/jsrt/node" // util, structuredClone
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/shim/httpjs"
)

// sampleItem is a row with every kind of value a service result carries (fresh on each call).
func sampleItem(id int64) *items.Item {
	meta := query.NewObject()
	meta.Set("b", "first")
	meta.Set("2", int64(2))
	meta.Set("a", map[string]any{"y": 1.5, "x": []any{"p", nil, true}})
	meta.Set("1", nil)
	author := items.NewItem()
	author.Set("id", int64(7))
	author.Set("name", "Ann")
	comment := func(n int64) *items.Item {
		c := items.NewItem()
		c.Set("id", n)
		c.Set("body", "c\n\"quoted\"")
		return c
	}
	it := items.NewItem()
	it.Set("id", id)
	it.Set("title", "Hello \u2028 \xff <b>&</b> é𝄞")
	it.Set("views", int64(1)<<60)
	it.Set("small", int64(-5))
	it.Set("price", 12.5)
	it.Set("ratio", 0.1+0.2)
	it.Set("tiny", 5e-7)
	it.Set("flag", true)
	it.Set("none", nil)
	it.Set("published", time.Date(2024, 5, 1, 10, 20, 30, 123456789, time.UTC))
	it.Set("old", time.Date(1960, 1, 2, 3, 4, 5, 999999999, time.FixedZone("x", 3600)))
	it.Set("far", time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC))
	it.Set("meta", meta)
	it.Set("cfg", map[string]any{"z": int64(1), "10": "ten", "a": []any{int64(1), "x", nil, map[string]any{"k": "v"}}})
	it.Set("raw", json.RawMessage(`{"b":1,"1":2,"n":1.0e2,"s":"\u00e9"}`))
	it.Set("bad_raw", json.RawMessage(`{`))
	it.Set("huge", json.Number("1e400"))
	it.Set("dec", json.Number("0.1"))
	it.Set("tags", []any{"x", "y"})
	it.Set("strs", []string{"a", "b"})
	it.Set("author", author)
	it.Set("comments", []*items.Item{comment(1), comment(2), nil})
	it.Set("nobody", (*items.Item)(nil))
	it.Set("n", 7)
	it.Set("7", "an index-like column")
	it.Set("toJSON", "a column named toJSON")
	return it
}

// rowScripts are what extensions do with results; each returns a value the test compares as
// JSON.stringify text, with `r` an item and `list` an array of items in scope.
var rowScripts = []string{
	`Object.keys(r)`,
	`Object.getOwnPropertyNames(r)`,
	`Object.entries(r).map(([k, v]) => k + ':' + typeof v)`,
	`(() => { const out = []; for (const k in r) out.push(k); return out; })()`,
	`JSON.stringify(r)`,
	`JSON.stringify(list)`,
	`[r.meta === r.meta, r.author === r.author, r.published === r.published, r.comments === r.comments, r.cfg.a === r.cfg.a, list[0] === list[0]]`,
	`(() => { r.meta.x = 1; r.cfg.a.push(2); return [JSON.stringify(r.meta), r.cfg.a.length]; })()`,
	`(() => { delete r.title; return ['title' in r, Object.keys(r).length, r.title]; })()`,
	`[r.hasOwnProperty('views'), Object.prototype.hasOwnProperty.call(r, 'nope'), 'toString' in r, 'id' in r]`,
	`Object.keys({ ...r, extra: 1, id: 'over' })`,
	`JSON.stringify(Object.assign({}, r))`,
	`(() => { r[3] = 'x'; r.zzz = 1; r['01'] = 2; r[100] = 3; r[5] = 4; return Object.keys(r); })()`,
	`(() => { r.author.name = 'Z'; r.author.extra = true; return JSON.stringify(r.author); })()`,
	`list.map((x) => x.id)`,
	`list.filter((x) => x.small < 0).length`,
	`list.slice().sort((a, b) => b.id - a.id).map((x) => x.id)`,
	`[Array.isArray(list), Array.isArray(r.comments), Array.isArray(r.tags), list.length, r.comments.length]`,
	`(() => { r.comments.push({ id: 99 }); return JSON.stringify(r.comments); })()`,
	`(() => { r.published.setFullYear(2000); return [r.published.toISOString(), r.published instanceof Date, r.old.getTime()]; })()`,
	`[typeof r.views, r.views, r.small, r.price, r.ratio, r.tiny, r.huge, r.dec, r.n, r.none, r.nobody, r.bad_raw, 'bad_raw' in r]`,
	`[String(r), Object.prototype.toString.call(r), Object.getPrototypeOf(r) === Object.prototype, r.constructor === Object, typeof r]`,
	`Object.getOwnPropertyDescriptor(r, 'id')`,
	`JSON.parse(JSON.stringify(r))`,
	`[Object.keys(r.meta), Object.keys(r.cfg), Object.keys(r.raw), r.raw.n, r.raw.s, r.toJSON]`,
	`(() => { r.id = undefined; r.title = function () {}; return [Object.keys(r).length, JSON.stringify(r)]; })()`,
	`(() => { Object.setPrototypeOf(r, { toJSON() { return 'proto'; } }); return JSON.stringify([r]); })()`,
	`(() => { Object.defineProperty(r, 'title', { value: 'd', writable: true, enumerable: true, configurable: true }); return r.title; })()`,
	`(() => { const { id, title, ...rest } = r; return [id, title, Object.keys(rest)]; })()`,
	`(() => { const m = new Map(Object.entries(list[1])); return [...m.keys()]; })()`,
	`list.reduce((n, x) => n + x.comments.length, 0)`,
	`(() => { const out = []; for (const k in r) { out.push(k); if (k === 'id') { delete r.price; r.later = 1; } } return out; })()`,
	`(() => { Array.prototype.toJSON = function (k) { return 'A' + k + this.length; }; return 1; })()`,
	`(() => { globalThis.calls = []; Object.defineProperty(Object.prototype, 'toJSON', { get() { calls.push(Object.keys(this).length); return undefined; }, configurable: true }); return 1; })()`,
	`(() => { globalThis.calls = []; Object.defineProperty(Array.prototype, 'toJSON', { get() { calls.push(this.length); return undefined; }, configurable: true }); return 1; })()`,
	`(() => { r.author.toJSON = function (k) { return 'author:' + k; }; list[1].meta.a.toJSON = () => 'a'; return 1; })()`,
	`(() => { globalThis.calls = []; Object.prototype.hasOwnProperty = function () { calls.push('hop'); return false; }; return 1; })()`,
	`(() => { Object.prototype.hasOwnProperty = () => false; Object.prototype.toJSON = function (k) { return 'P' + k; }; return 1; })()`,
	`(() => { list[2] = { ...list[2], title: 'copy' }; list[0].comments[0].body = 'edited'; return list[0].comments[0] === list[0].comments[0]; })()`,
}

// convertBoth gives the same Go results to JS through toJS (rows) and through plainJS (the plain
// objects toJS made before rows), each in a runtime of its own.
func convertBoth(t *testing.T, script string, run func(rt *goja.Runtime, kit *httpjs.Kit, script string) string) (rows, plain string) {
	t.Helper()
	for _, useRows := range []bool{true, false} {
		inst := jsrttest.New(t) // an instance, as in production (HasOwnProperty)
		err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
			kit, err := httpjs.KitFor(rt)
			if err != nil {
				return err
			}
			conv := plainJS
			if useRows {
				conv = toJS
			}
			_ = rt.Set("r", conv(rt, sampleItem(1)))
			_ = rt.Set("list", conv(rt, []*items.Item{sampleItem(1), sampleItem(2), sampleItem(3)}))
			out := run(rt, kit, script)
			if useRows {
				rows = out
			} else {
				plain = out
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return rows, plain
}

// TestRowsBehaveAsPlainObjects runs each script on rows and on plain objects: what JS sees, and
// what res.json then writes (the Go encoder for rows, goja's JSON.stringify for plain objects),
// must be the same.
func TestRowsBehaveAsPlainObjects(t *testing.T) {
	for _, script := range rowScripts {
		run := func(rows bool) func(rt *goja.Runtime, kit *httpjs.Kit, script string) string {
			return func(rt *goja.Runtime, kit *httpjs.Kit, script string) string {
				_ = rt.Set("resJSON", func(v goja.Value) string {
					if !rows {
						s, _ := rt.RunString(`(v) => JSON.stringify(v)`)
						f, _ := goja.AssertFunction(s)
						out, err := f(goja.Undefined(), v)
						if err != nil {
							panic(err)
						}
						return out.String()
					}
					b, _ := kit.JSON(v)
					return string(b)
				})
				v, err := rt.RunString(`(() => {
					let out;
					try { out = JSON.stringify(` + script + `); } catch (e) { out = 'threw ' + e.name + ': ' + e.message; }
					let after;
					try { after = resJSON({ r, list }); } catch (e) { after = 'threw ' + e.name + ': ' + e.message; }
					return out + '\n' + after + (globalThis.calls ? '\ncalls ' + JSON.stringify(calls) : '');
				})()`)
				if err != nil {
					t.Fatalf("%s: %v", script, err)
				}
				return v.String()
			}
		}
		rowsOut, _ := convertBoth(t, script, run(true))
		_, plainOut := convertBoth(t, script, run(false))
		if rowsOut != plainOut {
			t.Errorf("%s:\n  rows:  %s\n  plain: %s", script, rowsOut, plainOut)
		}
	}
}

// TestRowsCycleThrowsAsPlain: a row made to contain itself fails res.json as JSON.stringify does.
func TestRowsCycleThrowsAsPlain(t *testing.T) {
	script := `(() => { r.self = list; list.push(r); return 1; })()`
	rows, plain := convertBoth(t, script, func(rt *goja.Runtime, kit *httpjs.Kit, script string) string {
		if _, err := rt.RunString(script); err != nil {
			t.Fatal(err)
		}
		var out string
		_ = rt.Set("native", func(v goja.Value) { b, _ := kit.JSON(v); out = string(b) })
		v, err := rt.RunString(`(() => { try { native(r); } catch (e) { return e.name + ': ' + e.message; } })()`)
		if err != nil {
			t.Fatal(err)
		}
		return v.String() + out
	})
	if rows != "TypeError: Converting circular structure to JSON" || plain != rows {
		t.Errorf("rows: %q, plain: %q", rows, plain)
	}
}

// TestRowsExportAsPlainObjects: rows handed back to services (fromJS, payloadFromJS) and
// json.Marshal of their export give what plain objects give.
func TestRowsExportAsPlainObjects(t *testing.T) {
	export := func(conv func(*goja.Runtime, any) goja.Value) (any, any, string) {
		rt := goja.New()
		it := sampleItem(1)
		it.Delete("far") // json.Marshal refuses years past 9999 and infinities, rows or not
		it.Delete("huge")
		v := conv(rt, it)
		list := conv(rt, []*items.Item{sampleItem(1), sampleItem(2)})
		wrapped := rt.NewObject()
		_ = wrapped.Set("row", v)
		raw, err := json.Marshal(fromJS(wrapped))
		if err != nil {
			t.Fatal(err)
		}
		return fromJS(list), payloadFromJS(v), string(raw)
	}
	rowsList, rowsPayload, rowsJSON := export(toJS)
	plainList, plainPayload, plainJSON := export(plainJS)
	if !reflect.DeepEqual(rowsList, plainList) {
		t.Errorf("fromJS:\n  rows:  %#v\n  plain: %#v", rowsList, plainList)
	}
	if !reflect.DeepEqual(rowsPayload, plainPayload) {
		t.Errorf("payloadFromJS:\n  rows:  %#v\n  plain: %#v", rowsPayload, plainPayload)
	}
	if rowsJSON != plainJSON {
		t.Errorf("json.Marshal:\n  rows:  %s\n  plain: %s", rowsJSON, plainJSON)
	}
}

// TestRowsInspectAsPlainObjects: Node's util (console.log's formatting) and structuredClone see
// rows as they see plain objects.
func TestRowsInspectAsPlainObjects(t *testing.T) {
	var outs []string
	for _, conv := range []func(*goja.Runtime, any) goja.Value{toJS, plainJS} {
		inst := jsrttest.New(t)
		err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
			util, err := inst.Require("util")
			if err != nil {
				return err
			}
			_ = rt.Set("util", util)
			_ = rt.Set("r", conv(rt, sampleItem(1)))
			_ = rt.Set("list", conv(rt, []*items.Item{sampleItem(1), sampleItem(2)}))
			v, err := rt.RunString(`[
				util.inspect(r, { depth: 5 }), util.inspect(list), util.format('%j %o %O', r, list[0], r),
				JSON.stringify(structuredClone(list)), util.isDeepStrictEqual(r, structuredClone(r)),
			].join('\n')`)
			if err != nil {
				return err
			}
			outs = append(outs, v.String())
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if outs[0] != outs[1] {
		t.Errorf("rows:\n%s\nplain objects:\n%s", outs[0], outs[1])
	}
}
