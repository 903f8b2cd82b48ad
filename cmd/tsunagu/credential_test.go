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

// TestCredentialsAcrossInstances runs two Tsunagu instances on loopback,
// each with its own data and port. The first issues the demo's
// credentials; the second has not registered the first, so it shows them
// as from an unregistered issuer, fetching nothing, and cannot register
// it over plain http. The first checks its own credentials, rejects a
// tampered copy, and reports one revoked once it is; the command line
// agrees. (Registered instances over HTTPS are tested in internal/web.)
func TestCredentialsAcrossInstances(t *testing.T) {
	dirA, addrA := t.TempDir(), freeAddr(t)
	a := startServe(t, "--data", dirA, "--demo", "--addr", addrA, "--base-url", "http://"+addrA)
	dirB, addrB := t.TempDir(), freeAddr(t)
	b := startServe(t, "--data", dirB, "--addr", addrB, "--base-url", "http://"+addrB)

	st, err := store.Open(context.Background(), "", dirA)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ota, err := st.Directory().MunicipalityByLGCode(context.Background(), "131113")
	if err != nil {
		t.Fatal(err)
	}
	creds, err := st.Issuance().IssuedCredentials(context.Background(), ota.ID, 0)
	if err != nil || len(creds) == 0 {
		t.Fatalf("the demo issued no credentials: %v", err)
	}
	c := creds[0]
	verifyOn := func(base, token string) map[string]any {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"credential": token})
		resp, err := http.Post(base+"/api/v1/credentials/verify?lang=ja", "application/json", bytes.NewReader(body))
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
	verify := func(token string) map[string]any { return verifyOn(a.url, token) }
	issuerID := "http://" + addrA + "/issuers/131113"
	got := verifyOn(b.url, c.JWT)
	issuer, _ := got["issuer"].(map[string]any)
	if got["valid"] != false || got["status"] != "untrusted_issuer" || got["code"] != "untrusted_issuer" ||
		issuer["id"] != issuerID || issuer["registered"] != false || issuer["name"] != nil || got["achievement"] != nil {
		t.Fatalf("an unregistered instance's credential: %+v", got)
	}
	file := filepath.Join(t.TempDir(), "cred.jwt")
	if err := os.WriteFile(file, []byte(c.JWT), 0o600); err != nil {
		t.Fatal(err)
	}
	envB := map[string]string{"TSUNAGU_DATA": dirB, "TSUNAGU_BASE_URL": "http://" + addrB}
	if _, err := runWith(t, envB, "verify", file); err == nil || err.Error() != "not valid: untrusted_issuer: "+issuerID+
		" is not a registered issuer (register its instance with `tsunagu issuer trust add URL`)" {
		t.Errorf("tsunagu verify on the other instance: %v", err)
	}
	if _, err := runWith(t, envB, "issuer", "trust", "add", "http://"+addrA); exitCode(err) != 2 || !strings.Contains(err.Error(), "https") {
		t.Errorf("registering a plain-http instance: %v", err)
	}

	got = verify(c.JWT)
	issuer, _ = got["issuer"].(map[string]any)
	if got["valid"] != true || got["status"] != "valid" || issuer["id"] != issuerID || issuer["name"] != "大田区" || issuer["registered"] != true {
		t.Fatalf("a good credential on its own instance: %+v", got)
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
	if got := verify(tampered); got["valid"] != false || got["status"] != "invalid" || (got["code"] != "invalid_signature" && got["code"] != "malformed") {
		t.Errorf("a tampered credential: %+v", got)
	}
	// The command line checks it the same way, with the issuing hub's data.
	envA := map[string]string{"TSUNAGU_DATA": dirA, "TSUNAGU_BASE_URL": "http://" + addrA}
	if out, err := runWith(t, envA, "verify", file); err != nil || !strings.HasPrefix(out, "issuer:  大田区 ("+issuerID+")\n") ||
		!strings.HasSuffix(out, "\nvalid\n") {
		t.Errorf("tsunagu verify: %v %q", err, out)
	}
	var out, errOut bytes.Buffer
	// A new key: what the old one signed still verifies.
	env := func(k string) string { return envA[k] }
	out.Reset()
	if err := run(context.Background(), []string{"tsunagu", "credential", "rotate", "--lgcode", "131113"}, env, nil, &out, &errOut); err != nil ||
		!strings.Contains(out.String(), "new signing key 131113-") {
		t.Fatalf("rotate: %v %q", err, out.String())
	}
	if got := verify(c.JWT); got["valid"] != true {
		t.Errorf("after rotating the key: %+v", got)
	}
	// Revoked by the issuer: its verifier now says so.
	if err := st.Issuance().RevokeCredential(context.Background(), c.ID, "誤って発行"); err != nil {
		t.Fatal(err)
	}
	if got := verify(c.JWT); got["valid"] != false || got["code"] != "revoked" || got["revoked"] != true {
		t.Errorf("a revoked credential: %+v", got)
	}
	if _, err := runWith(t, envA, "verify", file); err == nil || !strings.HasPrefix(err.Error(), "not valid: revoked (") {
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
	// No command prints a signing key, sealed or not.
	keys, err := st.Issuance().IssuerKeys(context.Background(), 0)
	if err != nil || len(keys) < 2 {
		t.Fatalf("%d keys, %v", len(keys), err)
	}
	for _, args := range [][]string{{"export", "entries", "--program", "ota-sdgs-2021"}, {"credential", "list"},
		{"credential", "get", c.ID}, {"audit", "--limit", "1000"}, {"outbox", "--all", "--limit", "1000"}} {
		printed, err := runWith(t, envA, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		for _, k := range keys {
			for _, secret := range []string{"PRIVATE KEY", "tsk1:", k.PrivateKey} {
				if strings.Contains(printed, secret) {
					t.Errorf("%v prints %q", args, secret[:min(len(secret), 12)])
				}
			}
		}
	}
}
