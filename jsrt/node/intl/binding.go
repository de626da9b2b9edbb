package intl

import (
	"math"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones for timeZone options even where the host has no zoneinfo

	"github.com/dop251/goja"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// binding is the Go half of intl.gen.js: locale matching, CLDR number formatting from x/text, and
// time zone arithmetic from the IANA database.
func binding(rt *goja.Runtime) *goja.Object {
	b := rt.NewObject()
	b.Set("canonicalLocale", func(tag string) goja.Value {
		t, err := language.Parse(tag)
		if err != nil {
			e := rt.NewGoError(err)
			e.Set("name", "RangeError")
			panic(rt.NewTypeError("Incorrect locale information provided"))
		}
		return rt.ToValue(t.String())
	})
	// formatNumber(locale, value, style, minFrac, maxFrac, grouping) → the digits with the locale's
	// separators (no currency symbol: placed by the JS half).
	b.Set("formatNumber", func(locale string, v float64, style string, minFrac, maxFrac int, grouping bool) string {
		if math.IsNaN(v) {
			return "NaN"
		}
		if math.IsInf(v, 0) {
			if v < 0 {
				return "-∞"
			}
			return "∞"
		}
		tag, _ := language.Parse(locale)
		p := message.NewPrinter(tag)
		opts := []number.Option{number.MinFractionDigits(minFrac), number.MaxFractionDigits(maxFrac)}
		if !grouping {
			opts = append(opts, number.NoSeparator())
		}
		if style == "percent" {
			return p.Sprint(number.Percent(v, opts...))
		}
		return p.Sprint(number.Decimal(v, opts...))
	})
	b.Set("currencyInfo", func(code string) goja.Value {
		unit, err := currency.ParseISO(code)
		if err != nil {
			return goja.Null()
		}
		scale, _ := currency.Standard.Rounding(unit)
		o := rt.NewObject()
		o.Set("digits", scale)
		p := message.NewPrinter(language.AmericanEnglish)
		o.Set("symbol", p.Sprint(currency.Symbol(unit)))
		o.Set("narrow", p.Sprint(currency.NarrowSymbol(unit)))
		return o
	})
	// zoned(ms, zone) → [year, month(1-12), day, hour, minute, second, weekday(0=Sun), offsetMinutes, abbreviation, ms]
	b.Set("zoned", func(ms float64, zone string) goja.Value {
		loc := time.Local
		if zone != "" {
			l, err := time.LoadLocation(zone)
			if err != nil {
				e := rt.NewGoError(err)
				e.Set("message", "Invalid time zone specified: "+zone)
				panic(rt.NewTypeError("Invalid time zone specified: " + zone))
			}
			loc = l
		}
		t := time.UnixMilli(int64(ms)).In(loc)
		name, off := t.Zone()
		return rt.ToValue([]any{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), int(t.Weekday()), off / 60, name, t.Nanosecond() / 1e6})
	})
	b.Set("localZone", localZone)
	return b
}

// localZone names the host's zone as ICU does: $TZ, else the /etc/localtime link, else UTC.
func localZone() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		return tz
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			return target[i+len("zoneinfo/"):]
		}
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil && strings.TrimSpace(string(b)) != "" {
		return strings.TrimSpace(string(b))
	}
	return "UTC"
}
