package jsrt_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

func init() {
	jsrt.RegisterModule("dxhost-test-host", func(rt *goja.Runtime, module *goja.Object) {
		module.Get("exports").(*goja.Object).Set("hello", "from host")
	})
	jsrt.RegisterModule("dxhost-test-panics", func(rt *goja.Runtime, module *goja.Object) {
		panic("loader bug")
	})
}

func testdataExt(t *testing.T) string {
	dir, err := filepath.Abs("testdata/ext")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRequireResolvesLikeNode(t *testing.T) {
	dir := testdataExt(t)
	inst := jsrttest.NewWith(t, jsrt.Options{Dir: dir})
	// Recorded with Node 20.20.2: node /tmp/req.js jsrt/testdata/ext (createRequire(<ext>/x.js)).
	want := `[{"kind":"require-condition"},"extra",{"name":"main-pkg","helper":"helped","file":true},"feature-a",{"answer":42},{"fromIndex":true},{"answer":42}]`
	got := jsrttest.Run(t, inst, `JSON.stringify([require('cond-pkg'), require('cond-pkg/extra'), require('main-pkg'),
		require('@scope/sub/features/a'), require('./lib/data.json'), require('./lib'), require('./lib/data')])`).String()
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	// Each failure as Node 20 reports it (code and message), the "x.js" of Node's run being our test.js.
	failures := jsrttest.Run(t, inst, `['nope', './nope', 'cond-pkg/dist/extra.js', '@scope/sub'].map(s => {
		try { require(s); return 'loaded ' + s } catch (e) { return s + ' ' + e.code + ' ' + JSON.stringify(e.message) }
	}).join('\n')`).String()
	wantFailures := strings.Join([]string{
		`nope MODULE_NOT_FOUND "Cannot find module 'nope'\nRequire stack:\n- ` + dir + `/test.js"`,
		`./nope MODULE_NOT_FOUND "Cannot find module './nope'\nRequire stack:\n- ` + dir + `/test.js"`,
		`cond-pkg/dist/extra.js ERR_PACKAGE_PATH_NOT_EXPORTED "Package subpath './dist/extra.js' is not defined by \"exports\" in ` + dir + `/node_modules/cond-pkg/package.json"`,
		`@scope/sub ERR_PACKAGE_PATH_NOT_EXPORTED "No \"exports\" main defined in ` + dir + `/node_modules/@scope/sub/package.json"`,
	}, "\n")
	if failures != wantFailures {
		t.Fatalf("got\n%s\nwant\n%s", failures, wantFailures)
	}
	// Modules are cached per instance.
	if v := jsrttest.Run(t, inst, `require('main-pkg') === require('main-pkg')`); !v.ToBoolean() {
		t.Fatal("module not cached")
	}
}

func TestRequireHostModules(t *testing.T) {
	inst := jsrttest.New(t)
	got := jsrttest.Run(t, inst, `[require('dxhost-test-host').hello, require('node:dxhost-test-host') === require('dxhost-test-host')].join()`).String()
	if got != "from host,true" {
		t.Fatalf("got %q", got)
	}
	got = jsrttest.Run(t, inst, `try { require('dxhost-test-panics') } catch (e) { e.message }`).String()
	if !strings.Contains(got, `loading module "dxhost-test-panics": Go panic: loader bug`) {
		t.Fatalf("got %q", got)
	}
}

func TestRequireUnavailableBuiltin(t *testing.T) {
	inst := jsrttest.New(t)
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		_, err := inst.RunModule("/ext/dist/index.js", "'use strict';\nconst cp = require('child_process');\n", nil)
		return err
	})
	if got, want := jsrt.Describe(err), `Error: Module "child_process" is not available in dxhost (required at /ext/dist/index.js:2) (/ext/dist/index.js:2:`; !strings.HasPrefix(got, want) {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	v := jsrttest.Run(t, inst, `try { require('node:worker_threads') } catch (e) { e.code }`)
	if v.String() != "ERR_DXHOST_MODULE_UNAVAILABLE" {
		t.Fatal(v)
	}
}

func TestRunModuleExportsAndWrapperArgs(t *testing.T) {
	inst := jsrttest.New(t)
	var got string
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		v, err := inst.RunModule("/ext/dist/index.js",
			`exports.self = this === exports; module.exports.f = __filename; exports.d = __dirname; exports.strict = (function(){ return this === undefined })();`, nil)
		if err != nil {
			return err
		}
		o := v.(*goja.Object)
		got = strings.Join([]string{o.Get("self").String(), o.Get("f").String(), o.Get("d").String(), o.Get("strict").String()}, ",")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != "true,/ext/dist/index.js,/ext/dist,false" {
		t.Fatalf("got %q", got)
	}
}
