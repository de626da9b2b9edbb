package httpjs

import (
	"net/http"

	"github.com/dop251/goja"
)

// RequestSchema gives req.schema (Directus's SchemaOverview for the request, spec 02 §3), built lazily
// on first access. It is set by whoever owns the data layer; nil leaves req.schema undefined.
var RequestSchema func(rt *goja.Runtime, r *http.Request) goja.Value
