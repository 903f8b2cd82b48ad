package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tsunagu-hub/tsunagu/internal/browsertest"
	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// verifyResults are credentials whose check shows each kind of result:
// valid (the demo's own), from an unregistered issuer, and malformed.
func verifyResults(t *testing.T, dir string) map[string]string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ota, err := st.Directory().MunicipalityByLGCode(ctx, "131113")
	if err != nil {
		t.Fatal(err)
	}
	creds, err := st.Issuance().IssuedCredentials(ctx, ota.ID, 0)
	if err != nil || len(creds) == 0 {
		t.Fatalf("no demo credentials: %v", err)
	}
	key, err := credential.NewKey("131113-20260101-evil00", time.Now().AddDate(0, -1, 0))
	if err != nil {
		t.Fatal(err)
	}
	c, err := credential.Build(credential.Experience{CredentialID: "forged-1", IssuerLGCode: "131113", IssuerName: "大田区",
		BaseURL: "https://tsunagu.evil.example", ProjectTitle: "偽りの実績", ProjectDescription: "偽",
		Start: time.Now().AddDate(0, -3, 0),
		End:   time.Now().AddDate(0, -1, 0), IssuedAt: time.Now().AddDate(0, 0, -1)})
	if err != nil {
		t.Fatal(err)
	}
	forged, err := credential.Sign(c, key)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{"valid": creds[0].JWT, "untrusted": forged, "malformed": "not.a.jwt"}
}

// TestVerifyResultsPassCheckers validates the verify page's results (and
// the list of trusted issuers under the form) with the Nu HTML Checker
// and axe-core, in both languages.
func TestVerifyResultsPassCheckers(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, "--data", dir, "--demo")
	results := verifyResults(t, dir)
	var names []string
	var bodies [][]byte
	for kind, token := range results {
		for _, lang := range []string{"ja", "en"} {
			resp, err := http.PostForm(s.url+"/credentials/verify?lang="+lang, url.Values{"credential": {token}})
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("%s %s: %d", kind, lang, resp.StatusCode)
			}
			names, bodies = append(names, "POST /credentials/verify "+kind+" "+lang), append(bodies, body)
		}
	}
	browsertest.CheckHTML(t, names, bodies, true)

	src, err := os.ReadFile(checkerPath(t, filepath.Join("axe-core", "axe.min.js")))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t, 3*time.Minute)
	for _, kind := range []string{"valid", "untrusted"} {
		for _, lang := range []string{"ja", "en"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/credentials/verify?lang="+lang),
				chromedp.SetValue(chromedp.CSS("#v-cred"), results[kind])); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.account button[type="submit"]`))); err != nil {
				t.Fatal(err)
			}
			runAxe(t, ctx, src, "verify result "+kind+" "+lang)
		}
	}
}
