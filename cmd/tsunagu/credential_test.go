package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// freeAddr finds a free loopback port, so an instance knows its own
// address (for the issuer URL) before it starts.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestCredentialVerifiedByAnotherInstance runs two Tsunagu instances on
// loopback, each with its own data and port. The first issues the demo's
// credentials; the second verifies one, rejects a tampered copy, and
// reports it revoked once the first revokes it. The command line agrees.
func TestCredentialVerifiedByAnotherInstance(t *testing.T) {
	dirA, addrA := t.TempDir(), freeAddr(t)
	startServe(t, "--data", dirA, "--demo", "--addr", addrA, "--base-url", "http://"+addrA)
	addrB := freeAddr(t)
	b := startServe(t, "--data", t.TempDir(), "--addr", addrB, "--base-url", "http://"+addrB)

	st, err := store.Open(context.Background(), "", dirA)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ota, err := st.MunicipalityByLGCode(context.Background(), "131113")
	if err != nil {
		t.Fatal(err)
	}
	creds, err := st.IssuedCredentials(context.Background(), ota.ID, 0)
	if err != nil || len(creds) == 0 {
		t.Fatalf("the demo issued no credentials: %v", err)
	}
	c := creds[0]
	verify := func(token string) map[string]any {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"credential": token})
		resp, err := http.Post(b.url+"/api/v1/credentials/verify?lang=ja", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
			t.Fatalf("verify: %d %v", resp.StatusCode, err)
		}
		return out
	}
	got := verify(c.JWT)
	issuer, _ := got["issuer"].(map[string]any)
	if got["valid"] != true || issuer["id"] != "http://"+addrA+"/issuers/131113" || issuer["name"] != "大田区" {
		t.Fatalf("a good credential: %+v", got)
	}
	// One character changed in the payload: the signature no longer holds.
	parts := strings.Split(c.JWT, ".")
	mid := []byte(parts[1])
	i := len(mid) / 2
	if mid[i] == 'A' {
		mid[i] = 'B'
	} else {
		mid[i] = 'A'
	}
	tampered := parts[0] + "." + string(mid) + "." + parts[2]
	if got := verify(tampered); got["valid"] != false || (got["code"] != "invalid_signature" && got["code"] != "malformed") {
		t.Errorf("a tampered credential: %+v", got)
	}
	// The command line checks it the same way.
	file := filepath.Join(t.TempDir(), "cred.jwt")
	if err := os.WriteFile(file, []byte(c.JWT), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"tsunagu", "verify", file}, func(string) string { return "" }, nil, &out, &errOut); err != nil ||
		!strings.Contains(out.String(), "valid") {
		t.Errorf("tsunagu verify: %v %q", err, out.String())
	}
	// A new key: what the old one signed still verifies.
	env := func(k string) string { return map[string]string{"TSUNAGU_DATA": dirA}[k] }
	out.Reset()
	if err := run(context.Background(), []string{"tsunagu", "credential", "rotate", "--lgcode", "131113"}, env, nil, &out, &errOut); err != nil ||
		!strings.Contains(out.String(), "new signing key 131113-") {
		t.Fatalf("rotate: %v %q", err, out.String())
	}
	if got := verify(c.JWT); got["valid"] != true {
		t.Errorf("after rotating the key: %+v", got)
	}
	// Revoked by the issuer: the other instance now says so.
	if err := st.RevokeCredential(context.Background(), c.ID, "誤って発行"); err != nil {
		t.Fatal(err)
	}
	if got := verify(c.JWT); got["valid"] != false || got["code"] != "revoked" || got["revoked"] != true {
		t.Errorf("a revoked credential: %+v", got)
	}
	out.Reset()
	if err := run(context.Background(), []string{"tsunagu", "verify", file}, func(string) string { return "" }, nil, &out, &errOut); err == nil ||
		!strings.Contains(err.Error(), "revoked") {
		t.Errorf("tsunagu verify of a revoked credential: %v", err)
	}
	// The keys are published without private parts.
	resp, err := http.Get("http://" + addrA + "/.well-known/jwks.json")
	if err != nil {
		t.Fatal(err)
	}
	var jwks struct {
		Keys []map[string]any `json:"keys"`
	}
	json.NewDecoder(resp.Body).Decode(&jwks)
	resp.Body.Close()
	if len(jwks.Keys) == 0 {
		t.Fatal("no keys published")
	}
	if len(jwks.Keys) < 2 {
		t.Errorf("%d keys published after a rotation, want the old and the new", len(jwks.Keys))
	}
	for _, k := range jwks.Keys {
		if _, private := k["d"]; private || !strings.HasPrefix(k["kid"].(string), "131113-") {
			t.Errorf("a published key: %v", k)
		}
	}
	// Listed and printed on the command line of the issuing instance.
	out.Reset()
	if err := run(context.Background(), []string{"tsunagu", "credential", "list", "--program", "ota-sdgs-2021"}, env, nil, &out, &errOut); err != nil ||
		!strings.Contains(out.String(), c.ID+"\t131113") || !strings.Contains(out.String(), "revoked: 誤って発行") {
		t.Errorf("credential list: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"tsunagu", "credential", "get", c.ID}, env, nil, &out, &errOut); err != nil ||
		strings.TrimSpace(out.String()) != c.JWT {
		t.Errorf("credential get: %v", err)
	}
}
