package extension

import (
	"github.com/gin-gonic/gin"

	shimerrors "github.com/dxhost/dxhost/shim/errors"
)

// Handler is the extension endpoint router of Directus (spec 02 §4 step 27): every mounted endpoint
// router whose prefix matches is tried in order; a router that falls through hands the request to the
// next one. It reports whether some router answered or failed; false leaves the request to the 404.
func (h *Host) Handler() func(c *gin.Context) bool {
	return func(c *gin.Context) bool {
		path := c.Request.URL.EscapedPath()
		t := h.table.Load()
		for _, m := range t.mounts {
			n := m.matchLen(path)
			if n < 0 {
				continue
			}
			if !m.ext.acquire() {
				// The generation retired after we took the snapshot: use its successor, if any.
				if m = h.table.Load().find(m.ext.folder, m.prefix); m == nil || !m.ext.acquire() {
					continue
				}
			}
			handled, err := m.router.Serve(c.Request.Context(), m.ext.inst, c, path[:n])
			m.ext.release()
			if err != nil {
				shimerrors.Respond(c, err)
				return true
			}
			if handled {
				return true
			}
		}
		return false
	}
}
