package eval

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/nixarch/nixarch/nix/syntax"
)

//go:embed lib.nix
var libSource string

// LibFile is the file name positions in lib's values carry.
const LibFile = "<nixarch>/lib.nix"

// parseLib parses lib.nix once for all evaluators; trees are not
// changed by evaluation.
var parseLib = sync.OnceValues(func() (syntax.Expr, error) {
	return syntax.ParseFile(LibFile, []byte(libSource))
})

// Lib returns lib: the part of nixpkgs' lib that configurations use
// (see lib.nix), with mkIf, mkMerge, mkOverride, mkOrder, mkOption,
// mkPackageOption, literalExpression and types made by Go as Tagged
// values.
func (e *Evaluator) Lib() Value {
	if e.lib == nil {
		e.lib = &Thunk{fn: func() Value {
			x, err := parseLib()
			if err != nil {
				return &Error{Class: OtherError, Msg: "lib.nix: " + err.Error()}
			}
			return e.Apply(syntax.Pos{Filename: LibFile}, e.eval(x, e.globals), e.libPrims())
		}}
	}
	return e.lib
}

func (e *Evaluator) libPrims() *Attrs {
	m := map[string]Value{}
	add := func(name string, arity int, fn func(e *Evaluator, pos syntax.Pos, args []Value) Value) {
		m[name] = prim(name, arity, fn)
	}
	add("mkIf", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		return &Tagged{P: pos, Tag: TagIf, Cond: a[0], Content: a[1]}
	})
	add("mkMerge", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[0])
		if bad != nil {
			return bad
		}
		return &Tagged{P: pos, Tag: TagMerge, Contents: l.Elems}
	})
	prio := func(name string, tag Tag) {
		add(name, 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			p, bad := e.integer(pos, a[0])
			if bad != nil {
				return bad
			}
			return &Tagged{P: pos, Tag: tag, Priority: int(p), Content: a[1]}
		})
	}
	prio("mkOverride", TagOverride)
	prio("mkOrder", TagOrder)
	add("mkOption", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.attrset(pos, a[0])
		if bad != nil {
			return bad
		}
		return &Tagged{P: pos, Tag: TagOption, Fields: s}
	})
	add("mkPackageOption", 3, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		f := map[string]Value{"pkgs": a[0], "name": a[1]}
		if s, bad := e.attrset(pos, a[2]); bad == nil {
			for k, v := range s.M {
				f[k] = v
			}
		}
		return &Tagged{P: pos, Tag: TagPackageOption, Fields: NewAttrs(pos, f)}
	})
	add("literalExpression", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		return &Tagged{P: pos, Tag: TagLiteral, Content: a[0]}
	})
	add("getExe", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		v := Force(a[0])
		p, ok := v.(*Package)
		if !ok {
			if s, ok := v.(*Script); ok {
				return Str(pos, "/nix/store/00000000000000000000000000000000-"+s.Name+"/bin/"+s.Name)
			}
			if isAbnormal(v) {
				return abnormal(v)
			}
			return &Unknown{P: pos, Reason: "lib.getExe of " + describe(v)}
		}
		s := e.coerce(pos, p, false).(*String)
		name := p.Attr
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		return concatStrings(pos, s, Str(pos, "/bin/"+name))
	})
	m["types"] = e.types()
	for _, n := range []string{"maintainers", "licenses", "platforms", "systems", "teams"} {
		m[n] = &Attrs{P: syntax.Pos{Filename: LibFile}, M: map[string]Value{}, Partial: &Unknown{Reason: "lib." + n}}
	}
	return NewAttrs(syntax.Pos{Filename: LibFile}, m)
}

// typeFuncs are the types.* that take arguments, by arity.
var typeFuncs = map[string]int{
	"listOf": 1, "attrsOf": 1, "lazyAttrsOf": 1, "nullOr": 1, "enum": 1, "either": 2,
	"oneOf": 1, "submodule": 1, "submoduleWith": 1, "uniq": 1, "unique": 2, "coercedTo": 3,
	"functionTo": 1, "separatedString": 1, "strMatching": 1, "addCheck": 2, "nonEmptyListOf": 1,
	"between": 2, "deferredModuleWith": 1, "optionType": 0,
}

var typeConsts = []string{"str", "string", "bool", "int", "float", "number", "package", "path",
	"lines", "commas", "envVar", "attrs", "anything", "unspecified", "raw", "port", "nonEmptyStr",
	"singleLineStr", "passwdEntry", "shellPackage", "pathInStore", "externalPath",
	"deferredModule", "optionType", "pkgs", "luaInline"}

var intTypes = []string{"unsigned", "positive", "u8", "u16", "u32", "s8", "s16", "s32", "port", "between"}

func (e *Evaluator) types() *Attrs {
	pos := syntax.Pos{Filename: LibFile}
	mk := func(prefix, name string) Value {
		full := "types." + prefix + name
		if n, ok := typeFuncs[name]; ok && n > 0 {
			return prim(full, n, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
				return &Tagged{P: pos, Tag: TagType, Name: full, Args: a}
			})
		}
		return &Tagged{P: pos, Tag: TagType, Name: full}
	}
	m := map[string]Value{}
	for _, n := range typeConsts {
		m[n] = mk("", n)
	}
	for n := range typeFuncs {
		if n != "between" {
			m[n] = mk("", n)
		}
	}
	ints := map[string]Value{}
	for _, n := range intTypes {
		ints[n] = mk("ints.", n)
	}
	m["ints"] = NewAttrs(pos, ints)
	m["numbers"] = &Attrs{P: pos, M: map[string]Value{}, Partial: &Unknown{P: pos, Reason: "lib.types.numbers"}}
	return &Attrs{P: pos, M: m, Partial: &Unknown{P: pos, Reason: "lib.types"}}
}
