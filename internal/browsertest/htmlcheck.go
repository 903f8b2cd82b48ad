package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// CheckHTML runs the Nu HTML Checker (installed by npm ci --prefix
// tools/checkers; it needs java) over the pages and reports each message
// as a test error against the page's name; with errorsOnly, warnings are
// left out. Tests call it from a package two levels below the repository
// root. Without the checker the test skips, unless
// TSUNAGU_REQUIRE_BROWSER=1 (CI), when it fails.
func CheckHTML(t *testing.T, names []string, pages [][]byte, errorsOnly bool) {
	t.Helper()
	required := os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1"
	jar := filepath.Join("..", "..", "tools", "checkers", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	java, err := exec.LookPath("java")
	if _, serr := os.Stat(jar); serr != nil || err != nil {
		if required {
			t.Fatalf("the Nu HTML Checker needs java and %s (npm ci --prefix tools/checkers)", jar)
		}
		t.Skip("no java or vnu.jar (npm ci --prefix tools/checkers)")
	}
	dir := t.TempDir()
	args := []string{"-jar", jar, "--format", "json"}
	if errorsOnly {
		args = append(args, "--errors-only")
	}
	for i, body := range pages {
		file := filepath.Join(dir, fmt.Sprintf("page%03d.html", i))
		if err := os.WriteFile(file, body, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, file)
	}
	out, _ := exec.Command(java, args...).CombinedOutput()
	var report struct {
		Messages []struct {
			Type, SubType, Message, URL string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("checker output: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		var i int
		fmt.Sscanf(filepath.Base(m.URL), "page%03d.html", &i)
		t.Errorf("%s line %d: %s %s: %s", names[i], m.LastLine, m.Type, m.SubType, m.Message)
	}
}
