package credential

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// OriginOf returns the canonical origin of an https URL: "https://" and
// the host in lower case, with the port only when it is not 443. It
// refuses anything else: another scheme, a relative URL, user info.
func OriginOf(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("credential: %q is not an absolute URL", raw)
	}
	if !strings.EqualFold(u.Scheme, "https") {
		return "", fmt.Errorf("credential: %q is not an https URL", raw)
	}
	if u.User != nil {
		return "", fmt.Errorf("credential: %q carries user information", raw)
	}
	host := strings.ToLower(u.Hostname())
	if host == "" || strings.ContainsAny(host, " %") {
		return "", fmt.Errorf("credential: %q has no valid host", raw)
	}
	port := u.Port()
	if port == "443" {
		port = ""
	}
	if port != "" {
		return "https://" + net.JoinHostPort(host, port), nil
	}
	if strings.Contains(host, ":") {
		return "https://[" + host + "]", nil
	}
	return "https://" + host, nil
}
