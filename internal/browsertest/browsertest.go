// Package browsertest starts Debian's headless Chromium for tests through
// chromedp. Without a browser the tests skip, unless
// TSUNAGU_REQUIRE_BROWSER=1, when they fail: CI requires them.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium returns the path of an installed Chromium or Chrome.
func findChromium() string {
	if p := os.Getenv("TSUNAGU_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a browser for the test and returns a context to run chromedp
// actions in; it is closed when the test ends. timeout bounds the whole test.
func New(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		if os.Getenv("TSUNAGU_REQUIRE_BROWSER") == "1" {
			t.Fatal("TSUNAGU_REQUIRE_BROWSER=1 but no chromium was found on PATH")
		}
		t.Skip("no chromium on PATH (install Debian's chromium package)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "ja-JP"),
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium at %s: %v", path, err)
	}
	return bctx
}
