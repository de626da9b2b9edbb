package httpjs

import (
	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/shim/exchange"
)

// RequestSchema gives req.schema (Directus's SchemaOverview for the request, spec 02 §3), built lazily
// on first access. It is set by whoever owns the data layer; nil leaves req.schema undefined.
var RequestSchema func(rt *goja.Runtime, ex *exchange.Request) goja.Value
