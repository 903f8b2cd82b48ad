package web

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestOpenAPIDocumentPassesRedoclyLint writes the served OpenAPI document
// to a file and lints it with Redocly CLI (installed by npm ci --prefix
// tools/checkers) under tools/checkers/redocly.yaml, the recommended
// rules: any error fails the test, each reported with its rule and place;
// warnings are logged. Without the tool the test skips, unless
// TSUNAGU_REQUIRE_BROWSER=1 (CI), when it fails.
func TestOpenAPIDocumentPassesRedoclyLint(t *testing.T) {
	checkers := filepath.Join("..", "..", "tools", "checkers")
	cli := filepath.Join(checkers, "node_modules", ".bin", "redocly")
	_, err := exec.LookPath("node")
	if _, serr := os.Stat(cli); serr != nil || err != nil {
		if os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1" {
			t.Fatalf("Redocly CLI needs node and %s (npm ci --prefix tools/checkers)", cli)
		}
		t.Skip("no node or Redocly CLI (npm ci --prefix tools/checkers)")
	}
	w := newWorld(t)
	status, body, _ := w.get(t, "/api/v1/openapi.json", "")
	if status != 200 {
		t.Fatalf("openapi.json: %d", status)
	}
	file := filepath.Join(t.TempDir(), "openapi.json")
	must(t, os.WriteFile(file, []byte(body), 0o600))

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "lint", "--config", filepath.Join(checkers, "redocly.yaml"), "--format", "json", file)
	// No usage data leaves the machine, and no update notice clutters the output.
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Totals struct {
			Errors, Warnings int
		}
		Problems []struct {
			RuleID   string `json:"ruleId"`
			Severity string
			Message  string
			Location []struct {
				Pointer string
				Start   struct{ Line int }
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("redocly lint: %v (%v)\n%s\n%s", err, runErr, stdout.Bytes(), stderr.Bytes())
	}
	for _, p := range report.Problems {
		where := ""
		if len(p.Location) > 0 {
			where = p.Location[0].Pointer
		}
		if p.Severity == "error" {
			t.Errorf("%s: %s (%s)", where, p.Message, p.RuleID)
		} else {
			t.Logf("%s %s: %s (%s)", p.Severity, where, p.Message, p.RuleID)
		}
	}
	if runErr != nil && report.Totals.Errors == 0 {
		t.Errorf("redocly lint failed with no error reported: %v\n%s", runErr, stderr.Bytes())
	}
}
