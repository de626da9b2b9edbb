// Package intl closes goja's Intl gap with the basics extensions use: Intl.NumberFormat (CLDR
// separators from golang.org/x/text for any locale; currency symbols and placement), DateTimeFormat
// (en-US patterns, IANA time zones from the embedded tz database), PluralRules (en), Collator, and the
// toLocaleString family built on them.
package intl

import (
	_ "embed"
	"fmt"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed intl.gen.js
var source string

var asset = jsmod.New("node:internal/intl", source)

func init() {
	jsrt.RegisterGlobals("node:intl", Install)
}

// Install defines Intl (when the engine has none) and routes toLocaleString through it.
func Install(_ *jsrt.Instance, rt *goja.Runtime) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("intl: %v", r)
		}
	}()
	g := rt.GlobalObject()
	if v := g.Get("Intl"); v != nil && !goja.IsUndefined(v) {
		return nil
	}
	module := rt.NewObject()
	module.Set("exports", rt.NewObject())
	asset.Load(rt, module, host.Require, binding)
	exports := module.Get("exports").ToObject(rt)
	if err := g.DefineDataProperty("Intl", exports.Get("Intl"), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
		return err
	}
	set := func(ctor, name, from string) error {
		proto := g.Get(ctor).ToObject(rt).Get("prototype").ToObject(rt)
		return proto.DefineDataProperty(name, exports.Get(from), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	for _, s := range [][3]string{{"Number", "toLocaleString", "numberToLocale"}, {"Date", "toLocaleString", "dateToLocale"},
		{"Date", "toLocaleDateString", "dateToLocaleDate"}, {"Date", "toLocaleTimeString", "dateToLocaleTime"}} {
		if err := set(s[0], s[1], s[2]); err != nil {
			return err
		}
	}
	return nil
}
