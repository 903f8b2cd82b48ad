package main

import (
	"context"
	"io"
	"net/http"
	"testing"
)

// TestServeBehindATrustedProxy checks the --trusted-proxy setting: a bad
// range is a usage error (exit 2), from the flag or the environment, and a
// good one makes serve believe the proxy's X-Forwarded-Proto for HSTS.
func TestServeBehindATrustedProxy(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  string
	}{
		{[]string{"--trusted-proxy", "10.0.0.0/33"}, ""},
		{[]string{"--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "proxy.example.jp"}, ""},
		{nil, "10.0.0.0/8,proxy.example.jp"},
	} {
		getenv := func(k string) string {
			if k == "TSUNAGU_TRUSTED_PROXY" {
				return tc.env
			}
			return ""
		}
		args := append([]string{"tsunagu", "serve", "--addr", "127.0.0.1:0", "--data", t.TempDir()}, tc.args...)
		if err := run(context.Background(), args, getenv, nil, io.Discard, io.Discard); exitCode(err) != 2 {
			t.Errorf("%v %q: exit %d (%v), want 2", tc.args, tc.env, exitCode(err), err)
		}
	}
	s := startServe(t, "--data", t.TempDir(), "--base-url", "https://tsunagu.example.jp",
		"--trusted-proxy", "10.0.0.0/8,127.0.0.1", "--trusted-proxy", "::1")
	for proto, want := range map[string]string{"https": "max-age=31536000; includeSubDomains", "http": ""} {
		req, err := http.NewRequest("GET", s.url+"/healthz", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Forwarded-Proto", proto)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Strict-Transport-Security"); resp.StatusCode != 200 || got != want {
			t.Errorf("X-Forwarded-Proto %s: %d, Strict-Transport-Security %q, want %q", proto, resp.StatusCode, got, want)
		}
	}
}
