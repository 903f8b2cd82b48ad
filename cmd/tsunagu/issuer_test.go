package main

import (
	"strings"
	"testing"
	"time"
)

// TestIssuerTrustCommands keeps the registry of trusted instances through
// the real commands, with exact answers, and finds each change audited.
func TestIssuerTrustCommands(t *testing.T) {
	env := map[string]string{"TSUNAGU_DATA": t.TempDir()}
	out, err := runWith(t, env, "issuer", "trust", "list")
	if err != nil || out != "no other instance is registered; this hub's own municipalities are always trusted\n" {
		t.Fatalf("empty list: %q %v", out, err)
	}
	out, err = runWith(t, env, "issuer", "trust", "add", "https://Tsunagu.Tsubame.example.jp/", "--name", "燕市つなぐ")
	if err != nil || out != "registered https://tsunagu.tsubame.example.jp as \"燕市つなぐ\": its credentials are now checked against the keys it publishes\n" {
		t.Fatalf("add: %q %v", out, err)
	}
	if out, err = runWith(t, env, "issuer", "trust", "add", "--name", "", "https://hub.example.org:8443"); err != nil ||
		out != "registered https://hub.example.org:8443 as \"hub.example.org:8443\": its credentials are now checked against the keys it publishes\n" {
		t.Fatalf("add without a name: %q %v", out, err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"add", "https://tsunagu.tsubame.example.jp"}, "https://tsunagu.tsubame.example.jp is already registered"},
		{[]string{"add", "http://tsunagu.example.jp"}, "an instance is registered by its https address, such as https://tsunagu.example.jp: " +
			`credential: "http://tsunagu.example.jp" is not an https URL`},
		{[]string{"add", "https://tsunagu.example.jp/issuers/131113"},
			`give the instance's address only, such as https://tsunagu.example.jp, not "https://tsunagu.example.jp/issuers/131113"`},
		{[]string{"remove", "https://nowhere.example.jp"}, "https://nowhere.example.jp is not registered"},
	} {
		_, err := runWith(t, env, append([]string{"issuer", "trust"}, c.args...)...)
		if exitCode(err) != 2 || err.Error() != c.want {
			t.Errorf("issuer trust %v: %v, want exit 2 with %q", c.args, err, c.want)
		}
	}
	today := time.Now().UTC().Format(time.DateOnly)
	out, err = runWith(t, env, "issuer", "trust", "list")
	if err != nil || out != "https://hub.example.org:8443\thub.example.org:8443\t"+today+"\n"+
		"https://tsunagu.tsubame.example.jp\t燕市つなぐ\t"+today+"\n" {
		t.Errorf("list: %q %v", out, err)
	}
	if out, err = runWith(t, env, "issuer", "trust", "remove", "https://tsunagu.tsubame.example.jp"); err != nil ||
		out != "removed https://tsunagu.tsubame.example.jp: its credentials are no longer accepted\n" {
		t.Errorf("remove: %q %v", out, err)
	}
	out, err = runWith(t, env, "audit")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(lines) != 3 || !strings.Contains(lines[0], "issuer.untrust") || !strings.Contains(lines[1], "issuer.trust") ||
		!strings.Contains(lines[0], "trusted_issuer 1  cli") || !strings.Contains(lines[2], "trusted_issuer 1  cli") {
		t.Errorf("audit:\n%s", out)
	}
	if _, err := runWith(t, env, "issuer", "trust"); exitCode(err) != 2 {
		t.Errorf("no sub-command: %v", err)
	}
}
