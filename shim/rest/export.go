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
	"github.com/dxhost/dxhost/services/items"
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

// respondExport is the respond middleware's ?export branch: the payload's data as a file download
// in ExportService.transform's format.
func respondExport(c *gin.Context, format string, payload object) {
	var data any
	for _, m := range payload {
		if m.key == "data" {
			data = m.value
		}
	}
	ext, contentType := map[string][2]string{
		"json":     {"json", "application/json; charset=utf-8"},
		"xml":      {"xml", "text/xml; charset=utf-8"},
		"csv":      {"csv", "text/csv; charset=utf-8"},
		"csv_utf8": {"csv", "text/csv; charset=utf-8"},
		"yaml":     {"yaml", "text/yaml; charset=utf-8"},
	}[format][0], ""
	if ext == "" {
		shimerrors.Respond(c, errs.ServiceUnavailable("export", fmt.Sprintf(`Export type "%s" is not supported by dxhost yet`, format)))
		c.Abort()
		return
	}
	var body []byte
	if format == "json" {
		contentType = "application/json; charset=utf-8"
		var out bytes.Buffer
		if err := json.Indent(&out, marshalJS(data), "", "\t"); err != nil {
			shimerrors.Respond(c, err)
			c.Abort()
			return
		}
		body = out.Bytes()
	} else {
		parsed, err := items.FromJSON(marshalJS(data)) // the values as JS holds them
		if err != nil {
			shimerrors.Respond(c, err)
			c.Abort()
			return
		}
		switch format {
		case "xml":
			contentType = "text/xml; charset=utf-8"
			s, err := exportXML(parsed)
			if err != nil {
				shimerrors.Respond(c, err)
				c.Abort()
				return
			}
			body = []byte(s)
		case "yaml":
			contentType = "text/yaml; charset=utf-8"
			body = []byte(exportYAML(parsed))
		default:
			contentType = "text/csv; charset=utf-8"
			body = []byte(exportCSV(parsed, format == "csv_utf8"))
		}
	}
	name := "Export"
	if v, ok := c.Get(collectionKey); ok {
		name = v.(string)
	}
	filename := name + " " + dateTimeFormatted(time.Now()) + "." + ext
	c.Writer.Header().Set("Content-Disposition", contentDisposition(filename))
	sendJSON(c, http.StatusOK, contentType, body)
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
