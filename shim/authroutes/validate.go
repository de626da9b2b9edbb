package authroutes

import (
	"regexp"
	"strings"
)

// validateLogin is the local driver's Joi schema for POST /auth/login (abortEarly, unknown keys
// allowed): email (string, e-mail, required), password (string, required), mode (cookie | json |
// session), otp (string). It returns Joi's message, or "" when the body passes.
func validateLogin(body any) string {
	b, ok := body.(map[string]any)
	if !ok {
		return `"value" must be of type object`
	}
	if msg := requiredString(b, "email"); msg != "" {
		return msg
	}
	if !validEmail(b["email"].(string)) {
		return `"email" must be a valid email`
	}
	if msg := requiredString(b, "password"); msg != "" {
		return msg
	}
	if v, present := b["mode"]; present {
		if s, ok := v.(string); !ok || (s != "cookie" && s != "json" && s != "session") {
			return `"mode" must be one of [cookie, json, session]`
		}
	}
	if v, present := b["otp"]; present {
		s, ok := v.(string)
		if !ok {
			return `"otp" must be a string`
		}
		if s == "" {
			return `"otp" is not allowed to be empty`
		}
	}
	return ""
}

func requiredString(b map[string]any, key string) string {
	v, present := b[key]
	if !present {
		return `"` + key + `" is required`
	}
	s, ok := v.(string)
	if !ok {
		return `"` + key + `" must be a string`
	}
	if s == "" {
		return `"` + key + `" is not allowed to be empty`
	}
	return ""
}

// Joi's email rule (@sideway/address): dot-atom local part, a domain of at least two labels.
// Joi also checks the top-level domain against the IANA list; here a TLD is any 2+ letters
// (an approximation: "a@b.invalidtld" passes here and fails in Directus).
var (
	localPart = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
	label     = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	tld       = regexp.MustCompile(`^[A-Za-z]{2,63}$`)
)

func validEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > 64 || !localPart.MatchString(local) {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !label.MatchString(l) {
			return false
		}
	}
	return tld.MatchString(labels[len(labels)-1])
}
