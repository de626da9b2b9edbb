package rest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/errs"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/server"
)

const collectionKey = "dxhost.collection"

// setCollection is req.collection (collection-exists / use-collection middleware), which names
// export files.
func setCollection(c *gin.Context, name string) { c.Set(collectionKey, name) }

// exportFormat is req.sanitizedQuery.export ("" when absent).
func exportFormat(c *gin.Context) string {
	q := server.SanitizedQuery(c)
	if q == nil || q.Export == nil {
		return ""
	}
	return fmt.Sprint(q.Export)
}

// respondExport is the respond middleware's ?export branch: the payload's data as a file download.
// dxhost writes JSON; csv, xml and yaml are not written yet.
func respondExport(c *gin.Context, format string, payload object) {
	var data any
	for _, m := range payload {
		if m.key == "data" {
			data = m.value
		}
	}
	if format != "json" {
		shimerrors.Respond(c, errs.ServiceUnavailable("export", fmt.Sprintf(`Export type "%s" is not supported by dxhost yet`, format)))
		c.Abort()
		return
	}
	name := "Export"
	if v, ok := c.Get(collectionKey); ok {
		name = v.(string)
	}
	filename := name + " " + dateTimeFormatted(time.Now()) + ".json"
	c.Writer.Header().Set("Content-Disposition", contentDisposition(filename))
	var out bytes.Buffer
	if err := json.Indent(&out, marshalJS(data), "", "\t"); err != nil {
		shimerrors.Respond(c, err)
		c.Abort()
		return
	}
	sendJSON(c, http.StatusOK, "application/json; charset=utf-8", out.Bytes())
}

// dateTimeFormatted is @directus/utils getDateTimeFormatted: local time, month and day padded,
// hours, minutes and seconds not.
func dateTimeFormatted(t time.Time) string {
	return fmt.Sprintf("%d%02d%02d-%d%d%d", t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second())
}

// contentDisposition is the content-disposition package's attachment header: a quoted ISO-8859-1
// filename, plus filename* (UTF-8, percent-encoded) when the name has other characters.
func contentDisposition(filename string) string {
	latin1 := true
	for _, r := range filename {
		if r > 0xff {
			latin1 = false
			break
		}
	}
	quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(filename)
	if latin1 {
		return `attachment; filename="` + quoted + `"`
	}
	fallback := []rune(quoted)
	for i, r := range fallback {
		if r > 0xff {
			fallback[i] = '?'
		}
	}
	return `attachment; filename="` + string(fallback) + `"; filename*=UTF-8''` + strings.ReplaceAll(url.PathEscape(filename), "+", "%2B")
}
