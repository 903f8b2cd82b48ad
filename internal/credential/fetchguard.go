package credential

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
)

// Refusal names why the resolver did not fetch, or gave up on, a URL.
type Refusal string

// The reasons a fetch is refused or fails.
const (
	RefusedUntrusted   Refusal = "untrusted"       // the origin is not a registered issuer
	RefusedNotHTTPS    Refusal = "not_https"       // not an https URL
	RefusedLoopback    Refusal = "loopback"        // the host resolves to a loopback address
	RefusedPrivate     Refusal = "private"         // … to a private address (RFC 1918, fc00::/7)
	RefusedLinkLocal   Refusal = "link_local"      // … to a link-local address (169.254.0.0/16, fe80::/10)
	RefusedSpecial     Refusal = "special_purpose" // … to another address that is not public unicast
	RefusedRedirect    Refusal = "redirect"        // the server answered with a redirect
	RefusedTooLarge    Refusal = "too_large"       // the body is over the size limit
	RefusedTimeout     Refusal = "timeout"         // the server did not answer in time
	RefusedHTTPStatus  Refusal = "http_status"     // the server answered with a status other than 200
	RefusedUnreachable Refusal = "unreachable"     // no connection or TLS session could be made
)

// FetchError is a refused or failed fetch, with its reason.
type FetchError struct {
	Reason Refusal
	URL    string
	Err    error
}

func (e *FetchError) Error() string {
	msg := fmt.Sprintf("credential: fetch %s refused: %s", e.URL, e.Reason)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *FetchError) Unwrap() error { return e.Err }

// RefusalOf returns the reason of the first *FetchError in err's chain, or
// "" when there is none.
func RefusalOf(err error) Refusal {
	var fe *FetchError
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return ""
}

// specialPurpose lists the ranges, besides those netip classifies, that
// are not public unicast (IANA special-purpose registries) or that can
// lead back inside (NAT64, 6to4, Teredo embed IPv4 addresses).
var specialPurpose = func() []netip.Prefix {
	var out []netip.Prefix
	for _, p := range []string{
		"0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
		"::/8", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16",
		"3fff::/20", "5f00::/16", "fec0::/10",
	} {
		out = append(out, netip.MustParsePrefix(p))
	}
	return out
}()

// classify says why an address may not be dialled, or "" when it is a
// public unicast address.
func classify(addr netip.Addr) Refusal {
	addr = addr.Unmap()
	switch {
	case !addr.IsValid():
		return RefusedSpecial
	case addr.IsLoopback():
		return RefusedLoopback
	case addr.IsPrivate():
		return RefusedPrivate
	case addr.IsLinkLocalUnicast(), addr.IsLinkLocalMulticast():
		return RefusedLinkLocal
	}
	for _, p := range specialPurpose {
		if p.Contains(addr) {
			return RefusedSpecial
		}
	}
	if !addr.IsGlobalUnicast() {
		return RefusedSpecial
	}
	return ""
}

// dialControl checks the address a connection is about to reach, after
// name resolution, so a host name that resolves (or re-resolves, as in DNS
// rebinding) to an inside address is refused. allow lists ranges a test
// lets through.
func dialControl(allow []netip.Prefix) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return &FetchError{Reason: RefusedSpecial, URL: address, Err: err}
		}
		addr := ap.Addr().Unmap()
		for _, p := range allow {
			if p.Contains(addr) {
				return nil
			}
		}
		if reason := classify(addr); reason != "" {
			return &FetchError{Reason: reason, URL: address}
		}
		return nil
	}
}
