package server

import (
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/shim/exchange"
)

// cookies is cookie-parser without a secret (step 10). `j:` JSON cookies are kept as strings.
func cookies(c *gin.Context) {
	header := strings.Join(c.Request.Header.Values("Cookie"), "; ")
	if header != "" {
		exchange.Get(c).Cookies = parseCookies(header)
	}
}

// parseCookies is the `cookie` package's parse() (0.7): first occurrence of a name wins, blanks around
// names and values are trimmed, one pair of surrounding double quotes is removed, values with "%" are
// URI-decoded when they decode.
func parseCookies(str string) map[string]string {
	out := map[string]string{}
	n := len(str)
	if n < 2 {
		return out
	}
	index := 0
	for {
		eq := indexFrom(str, '=', index)
		if eq == -1 {
			break
		}
		end := indexFrom(str, ';', index)
		if end == -1 {
			end = n
		} else if eq > end {
			index = strings.LastIndexByte(str[:eq], ';') + 1
			if index >= n {
				break
			}
			continue
		}
		keyStart := skipBlanks(str, index, eq)
		key := str[keyStart:trimBlanksEnd(str, eq, keyStart)]
		if _, seen := out[key]; !seen {
			valStart := skipBlanks(str, eq+1, end)
			valEnd := trimBlanksEnd(str, end, valStart)
			if valEnd-valStart >= 2 && str[valStart] == '"' && str[valEnd-1] == '"' {
				valStart++
				valEnd--
			} else if valEnd-valStart == 1 && str[valStart] == '"' {
				// A lone quote is both first and last character: cookie strips it to "".
				valStart++
				valEnd--
				if valEnd < valStart {
					valEnd = valStart
				}
			}
			out[key] = decodeCookie(str[valStart:valEnd])
		}
		index = end + 1
		if index >= n {
			break
		}
	}
	return out
}

func indexFrom(s string, b byte, from int) int {
	if from >= len(s) {
		return -1
	}
	i := strings.IndexByte(s[from:], b)
	if i < 0 {
		return -1
	}
	return from + i
}

func skipBlanks(s string, i, max int) int {
	for ; i < max; i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return i
		}
	}
	return max
}

func trimBlanksEnd(s string, i, min int) int {
	for i > min {
		if s[i-1] != ' ' && s[i-1] != '\t' {
			return i
		}
		i--
	}
	return min
}

func decodeCookie(v string) string {
	if !strings.Contains(v, "%") {
		return v
	}
	if d, err := url.PathUnescape(v); err == nil {
		return d
	}
	return v
}
