package router

import (
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// nextUnseen reports whether a handler provably cannot see a third argument, so that it can be called
// with (req, res) alone and the router's next function is made only if something else needs it (most
// route handlers are `(req, res) => …`). It is decided once per layer from the function's source:
// fewer than three declared parameters (defaults counted, no rest parameter) and, unless it is an
// arrow function, no `arguments` anywhere in it. Anything else (native or bound functions, sources that
// do not parse) gets next as before. toString is Function.prototype.toString, taken from rt.
func nextUnseen(rt *goja.Runtime, toString goja.Callable, fn goja.Value) bool {
	if toString == nil {
		return false
	}
	src, err := toString(fn)
	if err != nil {
		return false
	}
	text := src.String()
	prog, err := parser.ParseFile(nil, "", "("+text+"\n)", 0)
	if err != nil || len(prog.Body) != 1 {
		return false
	}
	stmt, ok := prog.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return false
	}
	var params *ast.ParameterList
	switch f := stmt.Expression.(type) {
	case *ast.ArrowFunctionLiteral:
		params = f.ParameterList // an arrow function has no arguments object of its own
	case *ast.FunctionLiteral:
		if strings.Contains(text, "arguments") {
			return false
		}
		params = f.ParameterList
	default:
		return false
	}
	return params != nil && params.Rest == nil && len(params.List) < 3
}
