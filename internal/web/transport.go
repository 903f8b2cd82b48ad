package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// client is who sent a request, as far as the server can tell: the peer,
// or the client a trusted proxy forwarded for, and whether the request
// reached the site over https.
type client struct {
	addr  netip.Addr // invalid when the peer is not an IP address
	https bool
}

type clientKey struct{}

// ParseTrustedProxies reads the --trusted-proxy setting: CIDR ranges or
// single addresses, given one by one or comma-separated.
func ParseTrustedProxies(values []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range values {
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			p, err := netip.ParsePrefix(item)
			if err != nil {
				a, aerr := netip.ParseAddr(item)
				if aerr != nil || a.Zone() != "" {
					return nil, fmt.Errorf("trusted proxy %q: give a CIDR range such as 10.0.0.0/8, or an address", item)
				}
				p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
			}
			out = append(out, p.Masked())
		}
	}
	return out, nil
}

// trusts reports whether an address is one of the trusted proxies.
func trusts(proxies []netip.Prefix, a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedFor is the client behind a trusted peer: walking X-Forwarded-For
// from the right (the hop nearest to us), the first address that is not
// itself a trusted proxy. Whatever a client wrote further left is never
// believed. An entry that is not an address ends the walk at the last
// trusted hop.
func forwardedFor(peer netip.Addr, headers []string, proxies []netip.Prefix) netip.Addr {
	var hops []string
	for _, h := range headers {
		hops = append(hops, strings.Split(h, ",")...)
	}
	addr := peer
	for i := len(hops) - 1; i >= 0 && trusts(proxies, addr); i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			break
		}
		addr = a
	}
	return addr
}

// forwardedHTTPS reads X-Forwarded-Proto as the trusted peer wrote it: the
// right-most value, since a proxy that appends keeps what the client sent
// on the left.
func forwardedHTTPS(headers []string) (https, known bool) {
	if len(headers) == 0 {
		return false, false
	}
	values := strings.Split(headers[len(headers)-1], ",")
	proto := strings.ToLower(strings.TrimSpace(values[len(values)-1]))
	return proto == "https", proto != ""
}

// parseHop reads one X-Forwarded-For entry: an address, perhaps with a
// port ("203.0.113.7:5123", "[2001:db8::7]:443").
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.WithZone("").Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().WithZone("").Unmap(), true
	}
	return netip.Addr{}, false
}

// peerAddr is the connection's remote address without its port.
func peerAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.WithZone("").Unmap()
}

// clientOf works out who sent the request. X-Forwarded-For and
// X-Forwarded-Proto count only when the peer is a trusted proxy; without a
// word from one, a request is on https when the connection is TLS or the
// base URL is https (a TLS proxy the operator did not list).
func (s *Server) clientOf(r *http.Request) client {
	c := client{addr: peerAddr(r.RemoteAddr), https: r.TLS != nil || s.httpsBase}
	if !c.addr.IsValid() || !trusts(s.proxies, c.addr) {
		return c
	}
	c.addr = forwardedFor(c.addr, r.Header.Values("X-Forwarded-For"), s.proxies)
	if https, known := forwardedHTTPS(r.Header.Values("X-Forwarded-Proto")); known {
		c.https = r.TLS != nil || https
	}
	return c
}

// identifyClient works out the client once per request, for the audit log,
// login throttling, secure cookies and HSTS.
func (s *Server) identifyClient(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), clientKey{}, s.clientOf(r))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requestClient is the client identifyClient found, or else the peer.
func requestClient(r *http.Request) client {
	if c, ok := r.Context().Value(clientKey{}).(client); ok {
		return c
	}
	return client{addr: peerAddr(r.RemoteAddr), https: r.TLS != nil}
}

// overHTTPS reports whether the request reached the site over https.
func overHTTPS(r *http.Request) bool { return requestClient(r).https }
