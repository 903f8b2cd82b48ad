package web

import (
	"context"
	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// TestTwoInstancesActAsOne runs two app instances on one PostgreSQL: a
// session made on one works on the other, and a page cached on one (for
// ten minutes here) shows a change made through the other within a
// second, announced by LISTEN/NOTIFY.
func TestTwoInstancesActAsOne(t *testing.T) {
	pg := storetest.PostgresURL(t)
	a := newWorldOn(t, pg)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stB, err := store.Open(ctx, pg, t.TempDir())
	must(t, err)
	defer stB.Close()
	ref, err := refdata.Load()
	must(t, err)
	stB = stB.WithIndexer(search.NewProjectIndexer(analyzer(), ref))
	cat, err := i18n.Load()
	must(t, err)
	long := 10 * time.Minute
	serve := func(st *store.Store) *httptest.Server {
		s, err := New(withServices(t, Config{Ref: ref, Catalog: cat, Search: analyzer(), Version: "test",
			BaseURL: "http://tsunagu.test", CacheMaxAge: long}, st, nil, credential.ResolverOptions{}))
		must(t, err)
		srv := httptest.NewServer(s.Handler())
		t.Cleanup(srv.Close)
		return srv
	}
	one, two := serve(a.st), serve(stB)
	go a.st.Listen(ctx, nil)
	go stB.Listen(ctx, nil)
	// Wait until both listen: each bumps its version when LISTEN takes hold.
	deadline := time.Now().Add(10 * time.Second)
	for (a.st.Version() == 0 || stB.Version() == 0) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}

	// A session made on one instance works on the other.
	c := a.signedIn(t, "hanako@example.jp", "山田 花子")
	u1, _ := url.Parse(a.srv.URL)
	u2, _ := url.Parse(two.URL)
	c.Jar.SetCookies(u2, c.Jar.Cookies(u1))
	if status, body, _ := send(t, c, "GET", two.URL+"/me", nil); status != 200 || !strings.Contains(body, "山田 花子") {
		t.Errorf("session on the second instance: %d", status)
	}

	// A page cached on the first shows a change made through the second.
	page := one.URL + "/projects/" + strconv.FormatInt(a.shop.ID, 10)
	if _, body, _ := send(t, a.browser(t), "GET", page, nil); !strings.Contains(body, "募集中") && !strings.Contains(body, "商店街のSNS発信") {
		t.Fatalf("first view")
	}
	_, cached, _ := send(t, a.browser(t), "GET", page, nil)
	if _, err := stB.Projects().MoveProject(ctx, a.shop.ID, domain.ProjectClosed, 0, "test"); err != nil {
		t.Fatal(err)
	}
	changed := false
	for i := 0; i < 50 && !changed; i++ {
		_, body, _ := send(t, a.browser(t), "GET", page, nil)
		changed = body != cached
		if !changed {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if !changed {
		t.Error("the first instance still serves the page cached before the second's change")
	}
}
