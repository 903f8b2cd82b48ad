package credential

import (
	"crypto/rand"
	"fmt"
	"net/url"
	"strings"
)

// parseBaseURL checks an origin-like base URL and returns it without a
// trailing slash.
func parseBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("credential: base URL %q must be an http(s) URL without query or fragment", raw)
	}
	return u.String(), nil
}

func checkLGCode(code string) error {
	if len(code) < 5 || len(code) > 6 || strings.Trim(code, "0123456789") != "" {
		return fmt.Errorf("credential: local government code %q must be 5 or 6 digits", code)
	}
	return nil
}

func credentialURI(base, id string) (string, error) {
	if rest, ok := strings.CutPrefix(id, "urn:uuid:"); ok {
		if !isUUID(rest) {
			return "", fmt.Errorf("credential: %q is not a UUID URN", id)
		}
		return id, nil
	}
	if id == "" || strings.ContainsAny(id, "/?#") {
		return "", fmt.Errorf("credential: credential id %q must be a urn:uuid or a path segment", id)
	}
	return base + "/credentials/" + url.PathEscape(id), nil
}

// NewCredentialID returns a fresh random "urn:uuid:" (version 4) id.
func NewCredentialID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
	}
	return true
}
