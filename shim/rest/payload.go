package rest

import (
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/shim/exchange"
)

// payloadBody is the request body of an item write with the objects inside each payload in
// JavaScript's key order (items.PayloadFromJSON), so a JSON column keeps the key order the client
// sent, as in Directus. Without the raw bytes it is the parsed body as it is.
func payloadBody(c *gin.Context) any {
	req := exchange.Get(c)
	if len(req.RawBody) == 0 {
		return req.Body
	}
	v, err := items.PayloadFromJSON(req.RawBody)
	if err != nil {
		return req.Body
	}
	return v
}
