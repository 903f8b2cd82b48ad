package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// steps are the moves the browser journeys share, each failing the test
// when it does not work.
type steps struct {
	t    *testing.T
	base string // the server's address
}

// must stops the test on an error.
func (s steps) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

// click clicks and waits for the page it leads to.
func (s steps) click(ctx context.Context, sel string) {
	s.t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		s.t.Fatalf("click %s: %v", sel, err)
	}
}

// text reads an element's text.
func (s steps) text(ctx context.Context, sel string) string {
	s.t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	s.must(err)
	return v
}

// open opens a path that must answer 200.
func (s steps) open(ctx context.Context, path string) {
	s.t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(s.base+path))
	if err != nil || resp.Status != 200 {
		s.t.Fatalf("%s: %v %v", path, err, resp)
	}
}
