// Package errs is the Go side of Directus's errors (spec 03): the value the HTTP error handler renders,
// and constructors for the @directus/errors classes that Go code raises. It knows nothing of JavaScript.
package errs

import (
	"errors"
	"fmt"
	"strings"
)

// Error is one Directus error as the HTTP error handler renders it.
type Error struct {
	Code       string
	Status     int
	Message    string
	Extensions map[string]any // without "code"; the renderer adds it last
	Directus   bool           // false = a plain error: rendered as INTERNAL_SERVER_ERROR 500, message only for admins
	Cause      error

	// Order lists Extensions' keys in the order JavaScript would enumerate them (the JSON key order);
	// keys not listed are rendered after, sorted. Values may be json.RawMessage (JSON made by JS).
	Order []string
	// Stack is the JS stack (or Go trace) shown as extensions.stack when NODE_ENV=development.
	Stack string
}

// Error formats like Directus's toString(): "DirectusError [CODE]: message" (plain errors: the message).
func (e *Error) Error() string {
	if !e.Directus {
		return e.Message
	}
	return fmt.Sprintf("DirectusError [%s]: %s", e.Code, e.Message)
}

// Unwrap exposes the cause to errors.Is/As.
func (e *Error) Unwrap() error { return e.Cause }

// As finds the *Error in err's chain, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Is reports whether err carries a Directus error with the given code.
func Is(err error, code string) bool {
	e := As(err)
	return e != nil && e.Directus && e.Code == code
}

// New builds a Directus error of any code (the Go equivalent of createError(code, message, status)(extensions)).
func New(code string, status int, message string, extensions map[string]any) *Error {
	return &Error{Code: strings.ToUpper(code), Status: status, Message: message, Extensions: extensions, Directus: true}
}

// Plain wraps a non-Directus failure: the handler renders it as INTERNAL_SERVER_ERROR 500 and shows
// message only to admins.
func Plain(message string, cause error) *Error {
	return &Error{Code: CodeInternal, Status: 500, Message: message, Cause: cause}
}

// Internal wraps an unexpected Go failure as a plain error (500; admins see cause's message).
func Internal(cause error) *Error {
	msg := ""
	if cause != nil {
		msg = cause.Error()
	}
	return Plain(msg, cause)
}

// WithCause returns e with its cause set, for chaining at the construction site.
func (e *Error) WithCause(cause error) *Error {
	e.Cause = cause
	return e
}
