package credential

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
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

// Defaults of ResolverOptions.
const (
	DefaultFetchTimeout  = 3 * time.Second
	DefaultMaxFetchBytes = 64 << 10
	DefaultKeysTTL       = 5 * time.Minute
	DefaultStatusTTL     = time.Minute
	DefaultCacheEntries  = 256
)

// ResolverOptions configure an HTTPResolver.
type ResolverOptions struct {
	// Trusted reports whether an origin (as OriginOf writes it) is a
	// registered issuer. Nothing else is ever fetched; nil trusts none.
	Trusted func(ctx context.Context, origin string) bool
	// Timeout bounds each fetch, body included; 0 means DefaultFetchTimeout.
	Timeout time.Duration
	// MaxBytes bounds each response body; 0 means DefaultMaxFetchBytes.
	MaxBytes int64
	// KeysTTL and StatusTTL are how long JWK Sets and status lists are
	// kept; 0 means the defaults. CacheEntries bounds the cache.
	KeysTTL, StatusTTL time.Duration
	CacheEntries       int
	// Now is the cache's clock; nil means time.Now.
	Now func() time.Time

	// RootCAs replaces the system's roots (tests with httptest TLS).
	RootCAs *x509.CertPool
	// UnsafeAllow lets connections reach these address ranges, which are
	// otherwise refused (loopback, private, link-local, other special
	// purposes). For tests only: never set it from configuration or from
	// anything a request carries.
	UnsafeAllow []netip.Prefix
}

// HTTPResolver fetches JWK Sets and status lists of registered issuers
// over HTTPS, and nothing else:
//
//   - a URL must be https and its origin registered (Trusted);
//   - every connection's address is checked after name resolution, so a
//     host that resolves to a loopback, private, link-local or other
//     special-purpose address is refused, also when it re-resolves;
//   - no proxy from the environment, no redirects, a short timeout and a
//     cap on the body;
//   - answers are cached by URL for a while, in a bounded cache.
//
// An issuer's JWK Set is read from /.well-known/jwks.json of the issuer
// id's own origin, so an issuer id on one site cannot borrow another
// site's keys. Refusals are *FetchError with a Refusal reason.
type HTTPResolver struct {
	opts   ResolverOptions
	client *http.Client
	cache  *fetchCache
}

// NewHTTPResolver returns a resolver with the options' defaults filled in.
func NewHTTPResolver(o ResolverOptions) *HTTPResolver {
	if o.Timeout <= 0 {
		o.Timeout = DefaultFetchTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxFetchBytes
	}
	if o.KeysTTL <= 0 {
		o.KeysTTL = DefaultKeysTTL
	}
	if o.StatusTTL <= 0 {
		o.StatusTTL = DefaultStatusTTL
	}
	if o.CacheEntries <= 0 {
		o.CacheEntries = DefaultCacheEntries
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	dialer := &net.Dialer{Timeout: o.Timeout, Control: dialControl(o.UnsafeAllow)}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would make the dial-time address check meaningless
		DialContext:            dialer.DialContext,
		TLSClientConfig:        &tls.Config{RootCAs: o.RootCAs, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    o.Timeout,
		ResponseHeaderTimeout:  o.Timeout,
		MaxResponseHeaderBytes: 16 << 10,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           16,
		IdleConnTimeout:        30 * time.Second,
	}
	client := &http.Client{Transport: transport, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		return &FetchError{Reason: RefusedRedirect, URL: req.URL.String()}
	}}
	return &HTTPResolver{opts: o, client: client, cache: newFetchCache(o.CacheEntries, o.Now)}
}

// Keys fetches the issuer's JWK Set.
func (h *HTTPResolver) Keys(ctx context.Context, issuerID string) ([]byte, error) {
	origin, err := h.allowed(ctx, issuerID)
	if err != nil {
		return nil, err
	}
	return h.fetch(ctx, origin+"/.well-known/jwks.json", "application/jwk-set+json, application/json", h.opts.KeysTTL)
}

// StatusList fetches a status list credential.
func (h *HTTPResolver) StatusList(ctx context.Context, rawURL string) (string, error) {
	if _, err := h.allowed(ctx, rawURL); err != nil {
		return "", err
	}
	body, err := h.fetch(ctx, rawURL, "application/vc+jwt, application/jwt", h.opts.StatusTTL)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(body)), nil
}

// allowed checks a URL before anything is fetched and returns its origin.
func (h *HTTPResolver) allowed(ctx context.Context, raw string) (string, error) {
	origin, err := OriginOf(raw)
	if err != nil {
		return "", &FetchError{Reason: RefusedNotHTTPS, URL: raw, Err: err}
	}
	if h.opts.Trusted == nil || !h.opts.Trusted(ctx, origin) {
		return "", &FetchError{Reason: RefusedUntrusted, URL: raw}
	}
	return origin, nil
}

// fetch GETs a URL, from the cache when it holds it.
func (h *HTTPResolver) fetch(ctx context.Context, target, accept string, ttl time.Duration) ([]byte, error) {
	if body, ok := h.cache.get(target); ok {
		return body, nil
	}
	body, err := h.get(ctx, target, accept)
	if err != nil {
		return nil, err
	}
	h.cache.put(target, body, ttl)
	return body, nil
}

func (h *HTTPResolver) get(ctx context.Context, target, accept string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, &FetchError{Reason: RefusedNotHTTPS, URL: target, Err: err}
	}
	req.Header.Set("Accept", accept)
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, fetchFailure(target, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &FetchError{Reason: RefusedHTTPStatus, URL: target, Err: errors.New(resp.Status)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, h.opts.MaxBytes+1))
	if err != nil {
		return nil, fetchFailure(target, err)
	}
	if int64(len(body)) > h.opts.MaxBytes {
		return nil, &FetchError{Reason: RefusedTooLarge, URL: target}
	}
	return body, nil
}

// fetchFailure gives a transport error its reason: a refusal from the
// dialer or the redirect check keeps its own, a deadline is a timeout.
func fetchFailure(target string, err error) error {
	var fe *FetchError
	if errors.As(err, &fe) {
		return &FetchError{Reason: fe.Reason, URL: target, Err: err}
	}
	var ue *url.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ue) && ue.Timeout()) {
		return &FetchError{Reason: RefusedTimeout, URL: target, Err: err}
	}
	return &FetchError{Reason: RefusedUnreachable, URL: target, Err: err}
}
