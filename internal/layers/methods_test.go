package layers

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxMethods is how many methods a type may have, its own and those it
// gets from embedded types of its package: past it, a type has become a
// god object with no seams.
const maxMethods = 60

// TestNoGodObjects counts, from the source of every package of the
// module, the method set of each named type (declared methods on the type
// and its pointer, plus those promoted from embedded types of the same
// package) and fails above maxMethods.
func TestNoGodObjects(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, top := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(dir string, d os.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return err
			}
			for typ, n := range methodSets(t, dir) {
				if n > maxMethods {
					rel, _ := filepath.Rel(root, dir)
					t.Errorf("%s.%s has %d methods (at most %d): split it by capability", rel, typ, n, maxMethods)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// methodSets gives each named type of the package in dir the names in its
// method set.
func methodSets(t *testing.T, dir string) map[string]int {
	t.Helper()
	fset := token.NewFileSet()
	own := map[string]map[string]bool{} // type → its declared methods
	embeds := map[string][]string{}     // type → the package's types it embeds
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) == 0 {
					continue
				}
				if typ := baseName(d.Recv.List[0].Type); typ != "" {
					if own[typ] == nil {
						own[typ] = map[string]bool{}
					}
					own[typ][d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok {
						continue
					}
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						continue
					}
					for _, field := range st.Fields.List {
						if len(field.Names) == 0 {
							if base := baseName(field.Type); base != "" {
								embeds[ts.Name.Name] = append(embeds[ts.Name.Name], base)
							}
						}
					}
				}
			}
		}
	}
	out := map[string]int{}
	for typ := range own {
		set := map[string]bool{}
		collect(typ, own, embeds, set, map[string]bool{})
		out[typ] = len(set)
	}
	for typ := range embeds {
		if _, done := out[typ]; !done {
			set := map[string]bool{}
			collect(typ, own, embeds, set, map[string]bool{})
			out[typ] = len(set)
		}
	}
	return out
}

func collect(typ string, own map[string]map[string]bool, embeds map[string][]string, set, seen map[string]bool) {
	if seen[typ] {
		return
	}
	seen[typ] = true
	for m := range own[typ] {
		set[m] = true
	}
	for _, e := range embeds[typ] {
		collect(e, own, embeds, set, seen)
	}
}

// baseName is the name of T in T, *T, or a package-local generic T[…];
// "" for a type of another package.
func baseName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.StarExpr:
		return baseName(x.X)
	case *ast.IndexExpr:
		return baseName(x.X)
	case *ast.IndexListExpr:
		return baseName(x.X)
	}
	return ""
}
