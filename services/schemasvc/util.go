package schemasvc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

func asDDL(err error, target **ddlError) bool { return errors.As(err, target) }

// jsNumberParse is Number(s) for the strings a column default can hold.
func jsNumberParse(s string) (float64, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, true
	}
	f, err := strconv.ParseFloat(t, 64)
	return f, err == nil
}

// undefinedProperty is the TypeError Directus's services throw when a payload is missing (a 500).
func undefinedProperty(name string) error {
	return fmt.Errorf("Cannot read properties of undefined (reading '%s')", name)
}
