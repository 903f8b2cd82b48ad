package layers

import (
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

const module = "github.com/tsunagu-hub/tsunagu/"

// imports lists what the non-test Go files of a package import, file by
// file.
func imports(t *testing.T, dir string) map[string][]string {
	t.Helper()
	pkg, err := build.ImportDir(filepath.Join("..", "..", dir), 0)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	out := map[string][]string{}
	fset := token.NewFileSet()
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(pkg.Dir, name), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			out[name] = append(out[name], path)
		}
	}
	return out
}

// internalOf names a module package by its path inside the module
// ("internal/store"), or "" for the standard library and other modules.
func internalOf(path string) string {
	rest, ok := strings.CutPrefix(path, module)
	if !ok {
		return ""
	}
	return rest
}

// TestLayers checks who may import whom.
func TestLayers(t *testing.T) {
	for _, rule := range []struct {
		pkg string
		// may lists the module packages it may import (nil: any but
		// those in mayNot); std lists forbidden standard packages.
		may    []string
		mayNot []string
		std    []string
		why    string
	}{
		{pkg: "internal/domain", may: []string{"internal/refdata"}, std: []string{"net/http", "database/sql"},
			why: "domain types are plain: no HTTP, no SQL, no other layer"},
		{pkg: "internal/policy", may: []string{"internal/domain"}, std: []string{"net/http", "database/sql"},
			why: "the access policy is a pure function of actor, action and resource"},
		{pkg: "internal/match", may: []string{}, std: []string{"net/http", "database/sql"},
			why: "matching and allocation are pure algorithms"},
		{pkg: "internal/store", may: []string{"internal/domain"}, std: []string{"net/http"},
			why: "the store persists; it knows no workflow, HTTP or jobs"},
		{pkg: "internal/app", mayNot: []string{"internal/web", "internal/jobs"}, std: []string{"net/http"},
			why: "services serve every caller (web, API, CLI, jobs) and know none of them"},
		{pkg: "internal/jobs", mayNot: []string{"internal/web", "internal/app"},
			why: "jobs call the services through the small interfaces they declare"},
		{pkg: "internal/web", mayNot: []string{"internal/store", "internal/jobs"},
			why: "handlers parse, call one service in internal/app, and render; the store is the services' business"},
	} {
		for file, imps := range imports(t, rule.pkg) {
			for _, imp := range imps {
				if slices.Contains(rule.std, imp) {
					t.Errorf("%s/%s imports %s: %s", rule.pkg, file, imp, rule.why)
				}
				in := internalOf(imp)
				if in == "" || in == rule.pkg {
					continue
				}
				if (rule.may != nil && !slices.Contains(rule.may, in)) || slices.Contains(rule.mayNot, in) {
					t.Errorf("%s/%s imports %s: %s", rule.pkg, file, in, rule.why)
				}
			}
		}
	}
}

// TestStoreTakesNoCallbacks: no method of the store or of its
// repositories calls back into a higher layer. InTx takes the work of one
// transaction, IndexMissing reports its progress and WithClock takes the
// clock; none carries workflow.
func TestStoreTakesNoCallbacks(t *testing.T) {
	allowed := []string{"InTx", "IndexMissing", "WithClock"}
	types := []reflect.Type{reflect.TypeFor[*store.Store]()}
	st := types[0]
	for i := range st.NumMethod() {
		// The repositories: the store's accessors without arguments.
		m := st.Method(i).Type
		if m.NumIn() == 1 && m.NumOut() == 1 && m.Out(0).PkgPath() == st.Elem().PkgPath() {
			types = append(types, m.Out(0))
		}
	}
	if len(types) < 10 {
		t.Fatalf("found %d repositories of the store; the accessors changed shape", len(types)-1)
	}
	for _, typ := range types {
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			for j := 1; j < m.Type.NumIn(); j++ {
				if m.Type.In(j).Kind() == reflect.Func && !slices.Contains(allowed, m.Name) {
					t.Errorf("%s.%s takes a %s: return the result and let the service act on it", typ, m.Name, m.Type.In(j))
				}
			}
		}
	}
}
