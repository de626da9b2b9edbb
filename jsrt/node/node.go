// Package node enables every Node built-in module and Node 22 global in jsrt: import it for its side
// effects (import _ "github.com/dxhost/dxhost/jsrt/node"). Each module lives in its own package and
// registers itself with jsrt.RegisterModule; globals are installed by package globals.
//
// The JavaScript halves are generated: run `go generate ./jsrt/node/...` (needs npm) after changing
// gen/entries or gen/package.json.
package node

//go:generate sh -c "cd gen && npm ci --no-audit --no-fund --silent"
//go:generate go run ./gen

import (
	_ "github.com/dxhost/dxhost/jsrt/node/assert"
	_ "github.com/dxhost/dxhost/jsrt/node/buffer"
	_ "github.com/dxhost/dxhost/jsrt/node/childprocess"
	_ "github.com/dxhost/dxhost/jsrt/node/crypto"
	_ "github.com/dxhost/dxhost/jsrt/node/diagnosticschannel"
	_ "github.com/dxhost/dxhost/jsrt/node/dns"
	_ "github.com/dxhost/dxhost/jsrt/node/events"
	_ "github.com/dxhost/dxhost/jsrt/node/fetch"
	_ "github.com/dxhost/dxhost/jsrt/node/fs"
	_ "github.com/dxhost/dxhost/jsrt/node/globals"
	_ "github.com/dxhost/dxhost/jsrt/node/http"
	_ "github.com/dxhost/dxhost/jsrt/node/http2"
	_ "github.com/dxhost/dxhost/jsrt/node/intl"
	_ "github.com/dxhost/dxhost/jsrt/node/module"
	_ "github.com/dxhost/dxhost/jsrt/node/net"
	_ "github.com/dxhost/dxhost/jsrt/node/os"
	_ "github.com/dxhost/dxhost/jsrt/node/path"
	_ "github.com/dxhost/dxhost/jsrt/node/perfhooks"
	_ "github.com/dxhost/dxhost/jsrt/node/process"
	_ "github.com/dxhost/dxhost/jsrt/node/punycode"
	_ "github.com/dxhost/dxhost/jsrt/node/querystring"
	_ "github.com/dxhost/dxhost/jsrt/node/readline"
	_ "github.com/dxhost/dxhost/jsrt/node/stream"
	_ "github.com/dxhost/dxhost/jsrt/node/stringdecoder"
	_ "github.com/dxhost/dxhost/jsrt/node/timers"
	_ "github.com/dxhost/dxhost/jsrt/node/tty"
	_ "github.com/dxhost/dxhost/jsrt/node/url"
	_ "github.com/dxhost/dxhost/jsrt/node/util"
	_ "github.com/dxhost/dxhost/jsrt/node/webstreams"
	_ "github.com/dxhost/dxhost/jsrt/node/zlib"
)
