package chart

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestHTMLChecker embeds every golden chart in an HTML5 page and runs the
// Nu HTML Checker over it, when it is installed (npm ci --prefix
// tools/checkers) and java is on PATH; CI sets TSUNAGU_REQUIRE_BROWSER=1
// to make it required, as for the page checks in cmd/tsunagu.
func TestHTMLChecker(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: starts java")
	}
	required := os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1"
	jar := filepath.Join("..", "..", "tools", "checkers", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	java, err := exec.LookPath("java")
	if _, serr := os.Stat(jar); serr != nil || err != nil {
		if required {
			t.Fatalf("the Nu HTML Checker needs java and %s", jar)
		}
		t.Skip("no java or vnu.jar (npm ci --prefix tools/checkers)")
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
	file := filepath.Join(t.TempDir(), "charts.html")
	if err := os.WriteFile(file, []byte(page.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(java, "-jar", jar, "--format", "json", file).CombinedOutput()
	var report struct {
		Messages []struct {
			Type, SubType, Message string
			LastLine               int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("checker output: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		t.Errorf("line %d: %s %s: %s", m.LastLine, m.Type, m.SubType, m.Message)
	}
}
