package credential

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// Resolver fetches what verification needs from the outside world.
type Resolver interface {
	// Keys returns the JWK Set of the issuer with the given id.
	Keys(ctx context.Context, issuerID string) (jwks []byte, err error)
	// StatusList returns the status list credential at url, as a JWT.
	StatusList(ctx context.Context, url string) (jwt string, err error)
}

// HTTPResolver fetches JWK Sets and status lists over HTTPS.
//
// An issuer's JWK Set is read from {scheme}://{host}/.well-known/jwks.json
// of the issuer id's own origin, so an issuer id on one site cannot borrow
// another site's keys. Only https URLs are fetched, except plain http to
// a loopback host (127.0.0.0/8, ::1, "localhost"), which exists for local
// development and httptest servers. Redirects are followed under the same
// rule, at most three.
//
// The issuer id comes from a payload not yet verified, so Keys is a
// request to a host an outsider chooses (always GET of the fixed
// well-known path): set AllowHost to limit it, e.g. to the known Tsunagu
// sites.
type HTTPResolver struct {
	// Client is used for requests; nil means a plain http.Client.
	Client *http.Client
	// Timeout bounds each request; 0 means 10 seconds.
	Timeout time.Duration
	// MaxJWKSBytes and MaxStatusListBytes bound response bodies; 0 means
	// 64 KiB and 4 MiB.
	MaxJWKSBytes       int64
	MaxStatusListBytes int64
	// AllowHost, when set, must accept a URL's host before it is fetched.
	AllowHost func(host string) bool
}

// Keys fetches the issuer's JWK Set.
func (h HTTPResolver) Keys(ctx context.Context, issuerID string) ([]byte, error) {
	u, err := h.checkURL(issuerID)
	if err != nil {
		return nil, err
	}
	wellKnown := url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/.well-known/jwks.json"}
	return h.get(ctx, wellKnown.String(), limitOr(h.MaxJWKSBytes, 64<<10),
		"application/jwk-set+json, application/json")
}

// StatusList fetches a status list credential.
func (h HTTPResolver) StatusList(ctx context.Context, rawURL string) (string, error) {
	if _, err := h.checkURL(rawURL); err != nil {
		return "", err
	}
	body, err := h.get(ctx, rawURL, limitOr(h.MaxStatusListBytes, 4<<20), "application/vc+jwt, application/jwt")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(body)), nil
}

func (h HTTPResolver) get(ctx context.Context, target string, limit int64, accept string) ([]byte, error) {
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", accept)
	resp, err := h.client().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("credential: GET %s: %s", target, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("credential: GET %s: body larger than %d bytes", target, limit)
	}
	return body, nil
}

// client is a copy of the configured client whose redirects obey the same
// URL rules as the first request.
func (h HTTPResolver) client() *http.Client {
	c := &http.Client{}
	if h.Client != nil {
		*c = *h.Client
	}
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > 3 {
			return errors.New("credential: too many redirects")
		}
		if _, err := h.checkURL(req.URL.String()); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return c
}

func (h HTTPResolver) checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("credential: %q is not an absolute URL", raw)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return nil, fmt.Errorf("credential: refusing non-https URL %q", raw)
	}
	if h.AllowHost != nil && !h.AllowHost(u.Hostname()) {
		return nil, fmt.Errorf("credential: host %q is not allowed", u.Hostname())
	}
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

func limitOr(v, def int64) int64 {
	if v > 0 {
		return v
	}
	return def
}
