package jsrt

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/dxhost/dxhost/jsrt/sourcemap"
)

// moduleWrapper is Node's CommonJS wrapper. It shares the script's first line so every line number
// holds; the source map's first-line columns are shifted by its length.
const (
	moduleWrapper    = "(function(exports,require,module,__filename,__dirname){"
	moduleWrapperEnd = "\n})"
	mapURLName       = "dxhost-module.js.map"
)

// RunModule runs code as the CommonJS module filename (call on the loop) and returns its
// module.exports. sourceMap (optional; else an inline data: URL in code is used) maps code back to
// the extension's own files: syntax errors, throws and every later stack trace name them.
func (i *Instance) RunModule(filename, code string, sourceMap []byte) (exports goja.Value, err error) {
	prg, err := latestProgram(filename, code, sourceMap)
	if err != nil {
		return nil, err
	}
	m := i.newModule(filename)
	i.modules[filename] = m
	if err := i.execModule(prg, m, filename); err != nil {
		delete(i.modules, filename)
		return nil, err
	}
	return m.Get("exports"), nil
}

// latest keeps, per file name, the last program compiled from it: instances of a pool (and a
// re-run of unchanged code) share one compilation, and a reload replaces the entry instead of
// piling versions up.
var latest sync.Map // filename → latestEntry

type latestEntry struct {
	sum [sha256.Size]byte
	prg *goja.Program
}

func latestProgram(filename, code string, sourceMap []byte) (*goja.Program, error) {
	h := sha256.New()
	h.Write([]byte(code))
	h.Write([]byte{0})
	h.Write(sourceMap)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	if e, ok := latest.Load(filename); ok && e.(latestEntry).sum == sum {
		return e.(latestEntry).prg, nil
	}
	prg, err := compileModule(filename, code, sourceMap)
	if err != nil {
		return nil, err
	}
	latest.Store(filename, latestEntry{sum: sum, prg: prg})
	return prg, nil
}

// compileModule parses and compiles one CommonJS file with its wrapper and source map.
func compileModule(filename, code string, sourceMap []byte) (*goja.Program, error) {
	body, url := sourcemap.SplitURL(code)
	if sourceMap == nil && url != "" {
		if data, ok := sourcemap.DecodeDataURL(url); ok {
			sourceMap = data
		} else {
			body = code // an external map file: leave the comment for goja's own loader
		}
	}
	var opts []parser.Option
	src := moduleWrapper + body + moduleWrapperEnd
	var mapped []byte
	if sourceMap != nil {
		var err error
		mapped, err = sourcemap.ForGoja(sourceMap, len(moduleWrapper))
		if err != nil {
			mapped = nil // a broken map costs the mapping, not the module
		}
	}
	if mapped != nil {
		src = moduleWrapper + body + "\n//# sourceMappingURL=" + mapURLName + moduleWrapperEnd
		opts = append(opts, parser.WithSourceMapLoader(func(string) ([]byte, error) { return mapped, nil }))
	}
	ast, err := parser.ParseFile(nil, filename, src, 0, opts...)
	if err != nil {
		return nil, syntaxException(filename, err, mapped)
	}
	prg, err := goja.CompileAST(ast, false)
	if err != nil {
		return nil, compileException(err)
	}
	return prg, nil
}

func (i *Instance) newModule(filename string) *goja.Object {
	m := i.rt.NewObject()
	m.Set("id", filename)
	m.Set("filename", filename)
	m.Set("path", filepath.Dir(filename))
	m.Set("exports", i.rt.NewObject())
	m.Set("loaded", false)
	m.Set("children", i.rt.NewArray())
	return m
}

// execModule runs a compiled module function with (exports, require, module, __filename, __dirname).
func (i *Instance) execModule(prg *goja.Program, m *goja.Object, filename string) error {
	fnv, err := i.rt.RunProgram(prg)
	if err != nil {
		return i.wrapError(err)
	}
	fn, ok := goja.AssertFunction(fnv)
	if !ok {
		return fmt.Errorf("jsrt: %s: module wrapper is not a function", filename)
	}
	exports := m.Get("exports")
	req := i.requireFor(filename)
	m.Set("require", req)
	_, err = fn(exports, exports, req, m, i.rt.ToValue(filename), i.rt.ToValue(filepath.Dir(filename)))
	if err != nil {
		return i.wrapError(err)
	}
	m.Set("loaded", true)
	return nil
}

// syntaxException maps a parser error to the original file through the map goja never got to load.
func syntaxException(filename string, err error, mapped []byte) error {
	ex := &Exception{Name: "SyntaxError", Message: err.Error(), File: filename, Cause: err}
	var list parser.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		first := list[0]
		ex.Message = first.Message
		ex.File, ex.Line, ex.Column = first.Position.Filename, first.Position.Line, first.Position.Column
		if ex.Line == 1 {
			ex.Column -= len(moduleWrapper)
		}
		if mapped != nil {
			if m, perr := sourcemap.Parse("", mapped); perr == nil {
				if src, l, c, ok := m.Source(first.Position.Line, first.Position.Column); ok {
					ex.File, ex.Line, ex.Column = resolveSource(filename, src), l, c
				}
			}
		}
	}
	ex.Stack = "    at " + ex.File + ":" + itoa(ex.Line) + ":" + itoa(ex.Column) + "\n"
	return ex
}

// compileException reports errors the compiler finds after parsing (e.g. a redeclared let);
// goja's file already maps positions.
func compileException(err error) error {
	ex := &Exception{Name: "SyntaxError", Message: err.Error(), Cause: err}
	var se *goja.CompilerSyntaxError
	if errors.As(err, &se) {
		ex.Message = se.Message
		if se.File != nil {
			p := se.File.Position(se.Offset)
			ex.File, ex.Line, ex.Column = p.Filename, p.Line, p.Column
		}
	}
	var re *goja.CompilerReferenceError
	if errors.As(err, &re) {
		ex.Name, ex.Message = "ReferenceError", re.Message
		if re.File != nil {
			p := re.File.Position(re.Offset)
			ex.File, ex.Line, ex.Column = p.Filename, p.Line, p.Column
		}
	}
	return ex
}

// resolveSource resolves a map's source name against the generated file, as goja does for stacks.
func resolveSource(filename, src string) string {
	if path.IsAbs(src) || strings.Contains(src, "://") {
		return src
	}
	return path.Join(path.Dir(filepath.ToSlash(filename)), src)
}

func itoa(n int) string { return fmt.Sprint(n) }
