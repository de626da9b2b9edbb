package router

import (
	"github.com/dop251/goja"

	shimerrors "github.com/dxhost/dxhost/shim/errors"
)

// jsError converts an error value passed out of the router into the error Serve returns; an array
// (next([a, b])) stays a list, as Directus's error handler renders every element.
func jsError(rt *goja.Runtime, v goja.Value) error { return shimerrors.FromJSValue(rt, v) }
