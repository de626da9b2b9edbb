package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestCommands(t *testing.T) {
	cases := []struct {
		args     []string
		wantErr  error
		stdout   string // substring
		stderr   string // substring
		anyError bool
	}{
		{args: []string{"version"}, stdout: "dxhost dev (Directus 12.4.1 API extensions"},
		{args: []string{"help"}, stdout: "EXTENSIONS_JS_TIME_LIMIT"},
		{args: []string{"--help"}, wantErr: flag.ErrHelp, stderr: "bootstrap"},
		{args: []string{"frobnicate"}, anyError: true, stderr: "Commands:"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		err := run(context.Background(), c.args, &out, &errOut)
		switch {
		case c.wantErr != nil && !errors.Is(err, c.wantErr):
			t.Errorf("%v: err %v, want %v", c.args, err, c.wantErr)
		case c.anyError && err == nil:
			t.Errorf("%v: no error", c.args)
		case c.wantErr == nil && !c.anyError && err != nil:
			t.Errorf("%v: %v", c.args, err)
		}
		if !strings.Contains(out.String(), c.stdout) || !strings.Contains(errOut.String(), c.stderr) {
			t.Errorf("%v: stdout %q / stderr %q lack %q / %q", c.args, out.String(), errOut.String(), c.stdout, c.stderr)
		}
	}
}
