package router

import (
	"github.com/dop251/goja"

	shimerrors "github.com/dxhost/dxhost/shim/errors"
)

// jsError converts an error value passed out of the router into the error Serve returns.
func jsError(rt *goja.Runtime, v goja.Value) error { return shimerrors.FromJS(rt, v) }
