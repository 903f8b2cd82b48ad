package japanmap

import (
	"slices"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
)

// TestHTMLChecker embeds the golden maps, each with the list of links a
// page shows beside it, in an HTML5 page and runs the Nu HTML Checker over
// it, when it is installed (npm ci --prefix tools/checkers) and java is on
// PATH; CI sets TSUNAGU_REQUIRE_BROWSER=1 to make it required, as for the
// page checks in cmd/tsunagu.
func TestHTMLChecker(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: starts java")
	}
	_, r := newRenderer(t)
	var page strings.Builder
	page.WriteString("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>maps</title>\n</head>\n<body>\n<h1>地図</h1>\n<p>開催中の募集がある自治体を地図と一覧で示します。</p>\n")
	g := goldens()
	names := make([]string, 0, len(g))
	for name := range g {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		out, err := r.Render(g[name])
		if err != nil {
			t.Fatal(err)
		}
		lang := g[name].Lang
		if lang == "" {
			lang = "ja"
		}
		page.WriteString(`<section lang="` + lang + `">` + "\n<h2>" + name + "</h2>\n" + string(out) + "<ul>\n")
		for _, m := range g[name].Markers {
			page.WriteString(`<li><a href="` + strings.ReplaceAll(m.Href, "&", "&amp;") + `">` + m.LGCode + "</a></li>\n")
		}
		page.WriteString("</ul>\n</section>\n")
	}
	page.WriteString("</body>\n</html>\n")
	browsertest.CheckHTML(t, []string{"japanmap"}, [][]byte{[]byte(page.String())}, false)
}
