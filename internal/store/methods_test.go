package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strings"
	"testing"
)

// maxMethods is how many methods a type of the store may have: the Store
// was split into repositories so that none grows into a god object again.
const maxMethods = 60

// repositoryTypes finds the repositories through the Store's accessors:
// its methods that take nothing and return a struct of this package.
func repositoryTypes(t *testing.T) []reflect.Type {
	t.Helper()
	st := reflect.TypeFor[*Store]()
	var repos []reflect.Type
	for m := range st.Methods() {
		ft := m.Type // the receiver is the first argument
		if ft.NumIn() != 1 || ft.NumOut() != 1 {
			continue
		}
		if out := ft.Out(0); out.Kind() == reflect.Struct && out.PkgPath() == st.Elem().PkgPath() {
			repos = append(repos, out)
		}
	}
	if len(repos) < 10 {
		t.Fatalf("found %d repositories through the Store's accessors, want at least 10", len(repos))
	}
	return repos
}

// TestMethodSets counts the exported methods of *Store and of every
// repository, as values and as pointers.
func TestMethodSets(t *testing.T) {
	types := append([]reflect.Type{reflect.TypeFor[Store]()}, repositoryTypes(t)...)
	for _, typ := range types {
		for _, tt := range []reflect.Type{typ, reflect.PointerTo(typ)} {
			if n := tt.NumMethod(); n > maxMethods {
				t.Errorf("%s has %d exported methods, more than %d: split it", tt, n, maxMethods)
			} else {
				t.Logf("%s: %d exported methods", tt, n)
			}
		}
	}
}

// TestMethodSetsWithUnexported counts from the source what reflect cannot
// see: unexported methods too, and those promoted from the shared core.
func TestMethodSetsWithUnexported(t *testing.T) {
	dir, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	declared := map[string]map[string]bool{} // receiver type → method names
	for _, e := range dir {
		if name := e.Name(); !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil {
				continue
			}
			rt := fd.Recv.List[0].Type
			if s, ok := rt.(*ast.StarExpr); ok {
				rt = s.X
			}
			if id, ok := rt.(*ast.Ident); ok {
				if declared[id.Name] == nil {
					declared[id.Name] = map[string]bool{}
				}
				declared[id.Name][fd.Name.Name] = true
			}
		}
	}
	core := len(declared["core"])
	if core == 0 {
		t.Fatal("found no methods of core")
	}
	names := []string{"Store"}
	for _, r := range repositoryTypes(t) {
		names = append(names, r.Name())
	}
	for _, name := range names {
		// Every one embeds the core: its methods are promoted.
		n := len(declared[name]) + core
		if n > maxMethods {
			t.Errorf("%s has %d methods with the core's %d, more than %d: split it", name, n, core, maxMethods)
		} else {
			t.Logf("%s: %d methods (%d of its own, %d of the core)", name, n, len(declared[name]), core)
		}
	}
}
