package errors

import (
	"context"
	"github.com/dxhost/dxhost/jsrt"
	"strings"

	"bytes"
	"encoding/json"
	"github.com/dop251/goja"
	"github.com/dxhost/dxhost/services/errs"
	"os"
	"testing"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

// testdata/errors.json is the real @directus/errors@2.5.2 under Node 20, probed by
// testdata/probe-errors.js (recorded with testdata/record-errors.mjs). Our module runs the same probe
// inside jsrt and must give the same JSON.
func TestDirectusErrorsModuleMatchesRecording(t *testing.T) {
	probe, err := os.ReadFile("testdata/probe-errors.js")
	if err != nil {
		t.Fatal(err)
	}
	recorded, err := os.ReadFile("testdata/errors.json")
	if err != nil {
		t.Fatal(err)
	}
	inst := jsrttest.New(t)
	got := jsrttest.Run(t, inst, `(`+string(probe)+`)(require("@directus/errors"))`).String()

	var want, have struct {
		Classes         []map[string]any `json:"classes"`
		CreateError     []map[string]any `json:"createError"`
		IsDirectusError []bool           `json:"isDirectusError"`
		ErrorCode       [][2]string      `json:"errorCode"`
		Exports         []string         `json:"exports"`
	}
	if err := json.Unmarshal(recorded, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(got), &have); err != nil {
		t.Fatalf("probe output: %v\n%s", err, got)
	}
	if len(have.Classes) != len(want.Classes) {
		t.Fatalf("%d class cases, want %d", len(have.Classes), len(want.Classes))
	}
	for i := range want.Classes {
		compareCase(t, have.Classes[i], want.Classes[i])
	}
	for i := range want.CreateError {
		compareCase(t, have.CreateError[i], want.CreateError[i])
	}
	same(t, "isDirectusError", have.IsDirectusError, want.IsDirectusError)
	same(t, "ErrorCode", have.ErrorCode, want.ErrorCode)
	same(t, "exports", have.Exports, want.Exports)
	if len(want.ErrorCode) != 46 || len(want.Exports) != 50 {
		t.Fatalf("recording: %d codes, %d exports", len(want.ErrorCode), len(want.Exports))
	}
}

func compareCase(t *testing.T, have, want map[string]any) {
	t.Helper()
	a, _ := json.Marshal(have)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Errorf("%v:\n got %s\nwant %s", want["case"], a, b)
	}
}

func same(t *testing.T, what string, have, want any) {
	t.Helper()
	a, _ := json.Marshal(have)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Errorf("%s:\n got %s\nwant %s", what, a, b)
	}
}

// A thrown instance of the module's class renders as spec 03 §4's verified example.
func TestModuleErrorThroughRespond(t *testing.T) {
	inst := jsrttest.New(t)
	var e *errs.Error
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		v, err := inst.Require("@directus/errors")
		if err != nil {
			return err
		}
		ctor := v.ToObject(rt).Get("InvalidPayloadError")
		obj, err := rt.New(ctor, rt.ToValue(map[string]any{"reason": "Bad"}))
		if err != nil {
			return err
		}
		e = FromJS(rt, obj)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := respond(t, false, e)
	want := `{"errors":[{"message":"Invalid payload. Bad.","extensions":{"reason":"Bad","code":"INVALID_PAYLOAD"}}]}`
	if w.Code != 400 || w.Body.String() != want {
		t.Fatalf("got %d %s", w.Code, w.Body)
	}
}

// A plain error from an extension keeps its source position for the log line.
func TestFromJSKeepsPosition(t *testing.T) {
	inst := jsrttest.New(t)
	var e *errs.Error
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		v, err := rt.RunScript("ext/index.js", "\n\nnew Error('boom')")
		if err != nil {
			return err
		}
		e = FromJS(rt, v)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if e.Directus || e.Message != "boom" || !strings.Contains(jsrt.Describe(e.Cause), "ext/index.js:3") {
		t.Fatalf("got %+v (%s)", e, jsrt.Describe(e.Cause))
	}
	if !strings.HasPrefix(e.Stack, "Error: boom\n    at ") {
		t.Fatalf("stack %q", e.Stack)
	}
}
