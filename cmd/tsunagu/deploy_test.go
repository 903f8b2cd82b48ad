package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// settingsRead lists the TSUNAGU_* variables the command's code reads:
// the names given to getenv, envOr, os.Getenv and os.LookupEnv in every
// file of the package that is not a test.
func settingsRead(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch f := call.Fun.(type) {
			case *ast.Ident:
				fn = f.Name
			case *ast.SelectorExpr:
				if pkg, ok := f.X.(*ast.Ident); ok {
					fn = pkg.Name + "." + f.Sel.Name
				}
			}
			if fn != "getenv" && fn != "envOr" && fn != "os.Getenv" && fn != "os.LookupEnv" {
				return true
			}
			for _, arg := range call.Args {
				if lit, ok := arg.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if v, err := strconv.Unquote(lit.Value); err == nil && strings.HasPrefix(v, "TSUNAGU_") {
						seen[v] = true
					}
				}
			}
			return true
		})
	}
	var names []string
	for v := range seen {
		names = append(names, v)
	}
	slices.Sort(names)
	return names
}

// TestEnvExampleListsEverySetting: deploy/tsunagu.env.example names every
// TSUNAGU_* variable the binary reads, set or commented out, and nothing
// else, so an operator copying it misses no setting.
func TestEnvExampleListsEverySetting(t *testing.T) {
	read := settingsRead(t)
	if len(read) < 8 {
		t.Fatalf("found only %v in the code: the scan is broken", read)
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "deploy", "tsunagu.env.example"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]int{}
	line := regexp.MustCompile(`^#?(TSUNAGU_[A-Z0-9_]+)=`)
	for l := range strings.Lines(string(b)) {
		if m := line.FindStringSubmatch(l); m != nil {
			listed[m[1]]++
		}
	}
	for _, v := range read {
		if listed[v] == 0 {
			t.Errorf("cmd/tsunagu reads %s, but deploy/tsunagu.env.example does not list it", v)
		}
	}
	for v, n := range listed {
		if !slices.Contains(read, v) {
			t.Errorf("deploy/tsunagu.env.example lists %s, which cmd/tsunagu does not read", v)
		}
		if n > 1 {
			t.Errorf("deploy/tsunagu.env.example lists %s %d times", v, n)
		}
	}
}

// unitSettings reads a systemd unit: each key's values, in order.
func unitSettings(t *testing.T, path string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string][]string{}
	for l := range strings.Lines(string(b)) {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "[") {
			continue
		}
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			t.Errorf("%s: not a setting: %q", path, l)
			continue
		}
		settings[k] = append(settings[k], v)
	}
	return settings
}

// TestDeployUnit: the systemd unit runs serve as its own user with the
// environment file, sandboxed, with the memory of docs/scaling.md and
// time for the graceful drain.
func TestDeployUnit(t *testing.T) {
	unit := unitSettings(t, filepath.Join("..", "..", "deploy", "tsunagu.service"))
	want := map[string]string{
		"User": "tsunagu", "Group": "tsunagu", "EnvironmentFile": "/etc/tsunagu/tsunagu.env",
		"ExecStart": "/usr/local/bin/tsunagu serve", "Restart": "on-failure",
		"ProtectSystem": "strict", "ReadWritePaths": "/var/lib/tsunagu", "StateDirectory": "tsunagu",
		"PrivateTmp": "yes", "NoNewPrivileges": "yes", "ProtectHome": "yes", "CapabilityBoundingSet": "",
		"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "SystemCallFilter": "@system-service",
	}
	for k, v := range want {
		if !slices.Contains(unit[k], v) {
			t.Errorf("%s=%v, want %s=%s", k, unit[k], k, v)
		}
	}
	// The unit's data directory is the one the environment file names.
	env, err := os.ReadFile(filepath.Join("..", "..", "deploy", "tsunagu.env.example"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(env), "\nTSUNAGU_DATA=/var/lib/tsunagu\n") {
		t.Error("deploy/tsunagu.env.example does not set TSUNAGU_DATA=/var/lib/tsunagu, the unit's writable directory")
	}

	stop, err := time.ParseDuration(strings.Join(unit["TimeoutStopSec"], ""))
	if err != nil || stop < 20*time.Second {
		t.Errorf("TimeoutStopSec=%v (%v): want at least 20s for the drain (requests, then jobs)", unit["TimeoutStopSec"], err)
	}

	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "scaling.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`\*\*Size:\*\* (\d+) MB each`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/scaling.md no longer says **Size:** N MB each")
	}
	if got := strings.Join(unit["MemoryMax"], ","); got != string(m[1])+"M" {
		t.Errorf("MemoryMax=%s, want %sM as docs/scaling.md says", got, m[1])
	}
}

// TestDeployProxyExamples: both proxy examples forward to the unit's
// address with the client's address and scheme, leave HSTS to Tsunagu,
// and tell the reader to trust them with --trusted-proxy.
func TestDeployProxyExamples(t *testing.T) {
	env, err := os.ReadFile(filepath.Join("..", "..", "deploy", "tsunagu.env.example"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(env), "\nTSUNAGU_ADDR=127.0.0.1:8080\n") || !strings.Contains(string(env), "\nTSUNAGU_TRUSTED_PROXY=127.0.0.1\n") {
		t.Error("deploy/tsunagu.env.example must listen on 127.0.0.1:8080 and trust the proxy at 127.0.0.1")
	}
	for name, wants := range map[string][]string{
		"Caddyfile":  {"reverse_proxy 127.0.0.1:8080", "X-Forwarded-For", "X-Forwarded-Proto"},
		"nginx.conf": {"server 127.0.0.1:8080;", "proxy_set_header X-Forwarded-For $remote_addr;", "proxy_set_header X-Forwarded-Proto $scheme;", "proxy_set_header Host $host;", "ssl_certificate "},
	} {
		b, err := os.ReadFile(filepath.Join("..", "..", "deploy", name))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, want := range append(wants, "--trusted-proxy 127.0.0.1", "TSUNAGU_TRUSTED_PROXY=127.0.0.1") {
			if !strings.Contains(text, want) {
				t.Errorf("deploy/%s lacks %q", name, want)
			}
		}
		if hsts := regexp.MustCompile(`(?mi)^[^#\n]*strict-transport-security`); hsts.MatchString(text) {
			t.Errorf("deploy/%s sets Strict-Transport-Security; Tsunagu sends it itself", name)
		}
	}
}
