package chart

import (
	"sort"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
)

// TestHTMLChecker embeds every golden chart in an HTML5 page and runs the
// Nu HTML Checker over it, when it is installed (npm ci --prefix
// tools/checkers) and java is on PATH; CI sets TSUNAGU_REQUIRE_BROWSER=1
// to make it required, as for the page checks in cmd/tsunagu.
func TestHTMLChecker(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: starts java")
	}
	var page strings.Builder
	page.WriteString("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>charts</title>\n</head>\n<body>\n")
	g := goldens()
	names := make([]string, 0, len(g))
	for name := range g {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		out, err := g[name]()
		if err != nil {
			t.Fatal(err)
		}
		page.WriteString("<figure>\n" + string(out) + "<figcaption>" + name + "</figcaption>\n</figure>\n")
	}
	page.WriteString("</body>\n</html>\n")
	browsertest.CheckHTML(t, []string{"chart"}, [][]byte{[]byte(page.String())}, false)
}
