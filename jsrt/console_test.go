package jsrt_test

import (
	"strings"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

func TestConsoleLevelsAndFormat(t *testing.T) {
	inst := jsrttest.New(t)
	jsrttest.Run(t, inst, `
		console.log('%s is %d years', 'Bob', 42);
		console.info('%i|%f|%j', '42.9px', '1.5', {a: [1, 'x']});
		console.warn('100%% sure', 1);
		console.error('no args');
		console.debug('%s', 'a', 'extra', 3, true);
		console.trace('%c styled', 'color: red');
		console.log(5, 'x', null, undefined);
		1`)
	// Messages recorded with Node 20.20.2's util.format on the same arguments.
	want := []struct {
		level logrus.Level
		msg   string
	}{
		{logrus.InfoLevel, "Bob is 42 years"},
		{logrus.InfoLevel, `42|1.5|{"a":[1,"x"]}`},
		{logrus.WarnLevel, "100% sure 1"},
		{logrus.ErrorLevel, "no args"},
		{logrus.DebugLevel, "a extra 3 true"},
		{logrus.TraceLevel, "Trace:  styled\n    at test.js:7:16"},
		{logrus.InfoLevel, "5 x null undefined"},
	}
	got := jsrttest.Logs(inst).AllEntries()
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for n, w := range want {
		if got[n].Level != w.level || !strings.HasPrefix(got[n].Message, w.msg) {
			t.Errorf("entry %d: %v %q, want %v %q", n, got[n].Level, got[n].Message, w.level, w.msg)
		}
	}
}

func TestConsoleAssertCountGroupTime(t *testing.T) {
	inst := jsrttest.New(t)
	jsrttest.Run(t, inst, `
		console.assert(1 === 2, "math %s", "broke"); console.assert(false); console.assert(true, "no");
		console.count(); console.count("x"); console.count(); console.countReset(); console.count();
		console.group("G"); console.log("inner"); console.group(); console.warn("deeper\nline2"); console.groupEnd(); console.groupEnd(); console.log("out");
		console.timeEnd("nope");
		1`)
	// What Node 20.20.2 printed for the same calls (its timeEnd warning goes to process warnings).
	want := []string{"Assertion failed: math broke", "Assertion failed", "default: 1", "x: 1", "default: 2", "default: 1",
		"G", "  inner", "    deeper\n    line2", "out", "Warning: No such label 'nope' for console.timeEnd()"}
	got := jsrttest.Logs(inst).AllEntries()
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for n, w := range want {
		if got[n].Message != w {
			t.Errorf("entry %d: %q, want %q", n, got[n].Message, w)
		}
	}
}
