package errors

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

//go:embed directus_errors.js
var directusErrorsSource string

var directusErrorsProgram = goja.MustCompile("@directus/errors", directusErrorsSource, true)

func init() {
	jsrt.RegisterModule("@directus/errors", LoadDirectusErrors)
}

// LoadDirectusErrors fills module.exports with the @directus/errors API: the 47 error classes,
// createError, isDirectusError and ErrorCode.
func LoadDirectusErrors(rt *goja.Runtime, module *goja.Object) {
	factory, err := rt.RunProgram(directusErrorsProgram)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(factory)
	exports := module.Get("exports")
	if exports == nil || goja.IsUndefined(exports) {
		exports = rt.NewObject()
		_ = module.Set("exports", exports)
	}
	if _, err := fn(goja.Undefined(), exports); err != nil {
		panic(err)
	}
}
