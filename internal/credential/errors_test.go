package credential

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Codes() {
		k := c.ReasonKey()
		if !strings.HasPrefix(k, "credential.") || seen[k] {
			t.Errorf("reason key %q", k)
		}
		seen[k] = true
	}
	if len(seen) != 10 {
		t.Errorf("%d codes", len(seen))
	}
	inner := errors.New("dial tcp: refused")
	err := fmt.Errorf("verify: %w", wrap(CodeIssuerUnreachable, inner, "keys"))
	if CodeOf(err) != CodeIssuerUnreachable || !errors.Is(err, inner) {
		t.Fatalf("CodeOf / Unwrap broken for %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.ReasonKey() != "credential.issuer_unreachable" {
		t.Fatalf("ReasonKey of %v", err)
	}
	if CodeOf(nil) != "" || CodeOf(inner) != "" {
		t.Fatal("CodeOf of an uncoded error")
	}
}
