// Package testserver is the loopback HTTP server the http/fetch conformance snippets talk to: the same
// handler serves Node while recording (testdata/testserver) and dxhost under go test.
package testserver

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Handler answers the snippets' requests deterministically (no dates in bodies).
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = io.WriteString(w, `{"hello":"world","n":[1,2,3]}`)
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		names := []string{}
		for name := range r.Header {
			lower := strings.ToLower(name)
			if lower == "accept-encoding" || lower == "user-agent" || lower == "connection" || lower == "accept" || lower == "accept-language" || lower == "sec-fetch-mode" {
				continue
			}
			names = append(names, lower)
		}
		sort.Strings(names)
		headers := map[string]string{}
		for _, n := range names {
			headers[n] = r.Header.Get(n)
		}
		if r.ContentLength >= 0 && len(body) > 0 || r.ContentLength == 0 && r.Header.Get("Content-Length") != "" {
			headers["content-length"] = strconv.FormatInt(r.ContentLength, 10)
		}
		if len(r.TransferEncoding) > 0 {
			headers["transfer-encoding"] = strings.Join(r.TransferEncoding, ",")
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"method": r.Method, "path": r.URL.RequestURI(), "headers": headers, "body": string(body),
		})
	})
	mux.HandleFunc("/status/", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/status/"))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, `{"error":"status `+strconv.Itoa(code)+`"}`)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/json", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		_, _ = io.WriteString(w, "slow done")
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		_, _ = io.WriteString(gz, strings.Repeat("compressed text ", 100))
		_ = gz.Close()
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < 5; i++ {
			_, _ = io.WriteString(w, "chunk"+strconv.Itoa(i)+"\n")
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/cookies", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Set-Cookie", "a=1; Path=/")
		w.Header().Add("Set-Cookie", "b=2; HttpOnly")
		w.Header().Add("X-Multi", "one")
		w.Header().Add("X-Multi", "two")
		_, _ = io.WriteString(w, "ok")
	})
	return mux
}
