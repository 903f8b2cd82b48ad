package issuer

import (
	"context"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

func TestInstanceOrigin(t *testing.T) {
	for raw, want := range map[string]string{
		"https://tsunagu.tsubame.example.jp": "https://tsunagu.tsubame.example.jp",
		" https://Tsunagu.Example.JP/ ":      "https://tsunagu.example.jp",
		"https://tsunagu.example.jp:443":     "https://tsunagu.example.jp",
		"https://tsunagu.example.jp:8443":    "https://tsunagu.example.jp:8443",
	} {
		if got, err := InstanceOrigin(raw); err != nil || got != want {
			t.Errorf("InstanceOrigin(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, raw := range []string{"http://tsunagu.example.jp", "https://tsunagu.example.jp/issuers/131113",
		"https://tsunagu.example.jp/?a=1", "https://u:p@tsunagu.example.jp", "tsunagu.example.jp", ""} {
		if got, err := InstanceOrigin(raw); err == nil {
			t.Errorf("InstanceOrigin(%q) = %q, want an error", raw, got)
		}
	}
}

func TestRegistryName(t *testing.T) {
	if got, err := RegistryName("  燕市つなぐ ", "https://x.example.jp"); err != nil || got != "燕市つなぐ" {
		t.Errorf("a given name: %q %v", got, err)
	}
	if got, err := RegistryName("", "https://x.example.jp:8443"); err != nil || got != "x.example.jp:8443" {
		t.Errorf("the default name: %q %v", got, err)
	}
	for _, bad := range []string{"a\nb", string(make([]rune, 101))} {
		if _, err := RegistryName(bad, "https://x.example.jp"); err == nil {
			t.Errorf("RegistryName(%q) accepted", bad)
		}
	}
}

// TestTrustOf decides who vouches for an issuer id, on both engines: this
// hub's municipalities by its own base URL, registered instances by
// origin, and no one for anything else.
func TestTrustOf(t *testing.T) {
	eachEngine(t, func(t *testing.T, h hub) {
		ctx := context.Background()
		if err := h.st.Issuance().AddTrustedIssuer(ctx, &store.TrustedIssuer{Origin: "https://tsubame.example.jp", Name: "燕市つなぐ"}); err != nil {
			t.Fatal(err)
		}
		base := "http://127.0.0.1:8080"
		for id, want := range map[string]struct {
			trust Trust
			ok    bool
		}{
			base + "/issuers/131113":                                 {Trust{Own: true, Name: "大田区", LGCode: "131113"}, true},
			base + "/issuers/152137":                                 {Trust{}, false}, // not a municipality of this hub
			base + "/issuers/131114":                                 {Trust{}, false}, // wrong check digit
			"https://tsubame.example.jp/issuers/152137":              {Trust{Name: "燕市つなぐ", Origin: "https://tsubame.example.jp", LGCode: "152137"}, true},
			"https://TSUBAME.example.jp:443/issuers/152137":          {Trust{}, false}, // not written as Tsunagu writes it
			"https://tsubame.example.jp/issuers/152137/extra":        {Trust{}, false},
			"https://tsubame.example.jp.evil.example/issuers/152137": {Trust{}, false},
			"https://evil.example/issuers/131113":                    {Trust{}, false},
			"http://tsubame.example.jp/issuers/152137":               {Trust{}, false},
		} {
			got, ok, err := trustOf(ctx, h.st, base, id)
			if err != nil || ok != want.ok || got != want.trust {
				t.Errorf("trustOf(%q) = %+v, %v, %v; want %+v, %v", id, got, ok, err, want.trust, want.ok)
			}
		}
	})
}
