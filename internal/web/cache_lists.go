package web

import (
	"context"
	"net/http"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/metrics"
)

// The project list's pages and the projects API show only the catalogue:
// the projects, their hosts' names (a host's change re-indexes its
// projects), the programs and the municipalities. They are kept while the
// catalogue's model stays the same, not for a second as other public
// pages: a visitor spread over thousands of filters and searches then
// finds most pages rendered. listMaxAge bounds what the stamp could miss
// (a translation changed by a restart is not data).
const (
	listMaxAge = 2 * time.Minute
	listKept   = 1024 // about 20 MB of pages
)

func newListCache(services *app.App, m *metrics.Metrics) *pageCache {
	c := newPageCache(func() uint64 { return services.Catalogue.Stamp(context.Background()) }, time.Now, listMaxAge, m)
	c.limit = listKept
	return c
}

// cachedAPI serves an answer of the projects API from the list cache of
// s, keyed by the language the answer is in. Errors are not kept.
func cachedAPI(s *Server, h jsonHandler) http.HandlerFunc {
	inner := s.json(h)
	page := s.lists.wrap(s, func(w http.ResponseWriter, r *http.Request, _ i18n.Lang) error {
		inner(w, r)
		return nil
	})
	return func(w http.ResponseWriter, r *http.Request) {
		lang := s.cat.Negotiate([]string{r.URL.Query().Get("lang")}, r.Header.Get("Accept-Language"))
		if err := page(w, r, lang); err != nil {
			s.renderError(w, r, lang, err)
		}
	}
}
