//go:build ignore

// Build bundles each packages/scenarios/*.js with its npm dependencies (installed by `npm ci` here)
// into packages/bundles/*.js, the way the loader bundles an extension: CommonJS, ES2017, Node
// built-ins left to the runtime. Run from this folder: npm ci && go run build.go && ../record.sh bundles/*.js
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

func main() {
	entries, _ := filepath.Glob("scenarios/*.js")
	for _, e := range entries {
		res := api.Build(api.BuildOptions{
			EntryPoints:      []string{e},
			Bundle:           true,
			Format:           api.FormatCommonJS,
			Platform:         api.PlatformNode,
			Target:           api.ES2017,
			MinifySyntax:     true,
			MinifyWhitespace: true,
			LegalComments:    api.LegalCommentsNone,
			Outfile:          filepath.Join("bundles", filepath.Base(e)),
			Write:            true,
			LogLevel:         api.LogLevelWarning,
		})
		if len(res.Errors) > 0 {
			fmt.Fprintln(os.Stderr, strings.Join(api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}), "\n"))
			os.Exit(1)
		}
	}
}
