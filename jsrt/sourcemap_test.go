package jsrt_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

// bundle builds testdata/mapped/src/index.ts the way the loader does: one CommonJS file plus a map.
func bundle(t *testing.T) (filename, code string, sourceMap []byte) {
	t.Helper()
	dir, err := filepath.Abs("testdata/mapped")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "dist", "index.js")
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{filepath.Join(dir, "src", "index.ts")},
		Bundle:      true,
		Format:      api.FormatCommonJS,
		Platform:    api.PlatformNode,
		Sourcemap:   api.SourceMapExternal,
		Outfile:     out,
		Write:       false,
	})
	if len(res.Errors) > 0 {
		t.Fatalf("esbuild: %v", res.Errors[0].Text)
	}
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".map") {
			sourceMap = f.Contents
		} else {
			code = string(f.Contents)
		}
	}
	return out, code, sourceMap
}

func TestSourceMappedErrors(t *testing.T) {
	filename, code, sourceMap := bundle(t)
	src, _ := filepath.Abs("testdata/mapped/src/index.ts")
	inst := jsrttest.New(t)
	var syncErr, asyncStack string
	var ex *jsrt.Exception
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		exports, err := inst.RunModule(filename, code, sourceMap)
		if err != nil {
			return err
		}
		rt.Set("mod", exports)
		_, err = rt.RunString(`mod.shout({ name: "boom" })`)
		err = inst.Wrap(err)
		if !errors.As(err, &ex) {
			t.Fatalf("want *Exception, got %v", err)
		}
		syncErr = jsrt.Describe(err)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Positions recorded with Node 20.20.2 running the same esbuild output with --enable-source-maps:
	//   at Object.shout (<src>/index.ts:12:9)      (sync call)
	//   at shout (<src>/index.ts:12:9) / at Object.later (<src>/index.ts:19:9)   (after an await)
	if want := "Error: kaboom from boom! (" + src + ":12:9)"; syncErr != want {
		t.Fatalf("got %q\nwant %q", syncErr, want)
	}
	if !strings.Contains(ex.Stack, "shout ("+src+":12:9)") {
		t.Fatalf("stack not mapped:\n%s", ex.Stack)
	}
	// A stack read from JS (err.stack), after an await, names the original file too.
	asyncStack = jsrttest.Run(t, inst, `mod.later({ name: "boom" }).catch(e => e.stack)`).String()
	if !strings.Contains(asyncStack, src+":12:9") || !strings.Contains(asyncStack, src+":19:9") {
		t.Fatalf("async stack not mapped:\n%s", asyncStack)
	}
}

func TestUnhandledRejectionLoggedWithPosition(t *testing.T) {
	filename, code, sourceMap := bundle(t)
	src, _ := filepath.Abs("testdata/mapped/src/index.ts")
	inst := jsrttest.New(t)
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		exports, err := inst.RunModule(filename, code, sourceMap)
		rt.Set("mod", exports)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Handled in the same job (after microtasks ran): not reported, as in Node.
	jsrttest.Run(t, inst, `const p = Promise.reject(new Error('handled later')); Promise.resolve().then(() => p.catch(() => {})); 1`)
	jsrttest.Run(t, inst, `mod.rejectLater(); 1`)
	hook := jsrttest.Logs(inst)
	var found []string
	for _, e := range hook.AllEntries() {
		if strings.Contains(e.Message, "Unhandled promise rejection") {
			found = append(found, e.Message)
			if e.Data["file"] != src || e.Data["line"] != 23 {
				t.Errorf("fields %v", e.Data)
			}
		}
	}
	if len(found) != 1 || !strings.Contains(found[0], "Error: nobody handles this ("+src+":23:17)") {
		t.Fatalf("rejection logs: %q", found)
	}
}

func TestSyntaxErrorNamesOriginalPosition(t *testing.T) {
	inst := jsrttest.New(t)
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		_, err := inst.RunModule("/ext/dist/bad.js", "const a = 1;\nconst b = ;\n", nil)
		return err
	})
	var ex *jsrt.Exception
	if !errors.As(err, &ex) || ex.Name != "SyntaxError" || ex.File != "/ext/dist/bad.js" || ex.Line != 2 {
		t.Fatalf("got %#v", err)
	}
	// On line 1 the wrapper's columns are taken off.
	err = inst.Do(t.Context(), func(rt *goja.Runtime) error {
		_, err := inst.RunModule("/ext/dist/bad1.js", "let x = )", nil)
		return err
	})
	if !errors.As(err, &ex) || ex.Line != 1 || ex.Column != 9 {
		t.Fatalf("line 1: %s", jsrt.Describe(err))
	}
}

func TestSyntaxErrorThroughSourceMap(t *testing.T) {
	inst := jsrttest.New(t)
	// Generated line 2 maps to ../src/orig.ts line 10 (0-based 9), column 1.
	sm := []byte(`{"version":3,"sources":["../src/orig.ts"],"names":[],"mappings":"AAAA;AASA"}`)
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		_, err := inst.RunModule("/ext/dist/index.js", "a;\nconst b = ;\n", sm)
		return err
	})
	var ex *jsrt.Exception
	if !errors.As(err, &ex) || ex.Name != "SyntaxError" || ex.File != "/ext/src/orig.ts" || ex.Line != 10 || ex.Column != 1 {
		t.Fatalf("got %s", jsrt.Describe(err))
	}
}
