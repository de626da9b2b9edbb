package loader

import (
	"fmt"
	"strings"
)

// BuildError is one problem esbuild (or the loader) found in an extension's code.
// Line and Column are 1-based; File is an absolute path when the problem has a place in a file.
type BuildError struct {
	File    string
	Line    int
	Column  int
	Message string
}

// Error reads "file:line:col: message", or just the message when there is no place.
func (e *BuildError) Error() string {
	if e.File == "" {
		return e.Message
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
}

// BuildErrors is what BuildExtension returns when esbuild reports more than one error.
// errors.As(err, &*BuildError) finds the first one.
type BuildErrors []*BuildError

func (es BuildErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap exposes every error to errors.Is/As.
func (es BuildErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
