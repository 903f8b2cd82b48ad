package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// htmlHandler renders a page; a returned error becomes a translated error page.
type htmlHandler func(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error

// jsonHandler returns a value to encode; a returned error becomes a JSON error.
type jsonHandler func(r *http.Request, lang i18n.Lang) (any, error)

func (s *Server) html(h htmlHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		lang := s.language(w, r)
		if err := h(w, r, lang); err != nil {
			s.renderError(w, r, lang, err)
		}
	}
}

func (s *Server) json(h jsonHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		lang := s.cat.Negotiate([]string{r.URL.Query().Get("lang")}, r.Header.Get("Accept-Language"))
		v, err := h(r, lang)
		if err != nil {
			pe := s.publicError(r, lang, err)
			pe.writeHeaders(w)
			writeJSON(w, pe.Status, map[string]any{"error": pe})
			return
		}
		if c, ok := v.(created); ok {
			writeJSON(w, http.StatusCreated, c.v)
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

// created marks a JSON result as a new resource (201).
type created struct{ v any }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// language picks the interface language: an explicit ?lang= (remembered in a
// cookie), then the cookie, then Accept-Language.
func (s *kit) language(w http.ResponseWriter, r *http.Request) i18n.Lang {
	if q := r.URL.Query().Get("lang"); q != "" {
		if l, ok := i18n.Parse(q); ok {
			http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: overHTTPS(r)})
			return l
		}
	}
	var explicit []string
	if c, err := r.Cookie("lang"); err == nil {
		explicit = append(explicit, c.Value)
	}
	return s.cat.Negotiate(explicit, r.Header.Get("Accept-Language"))
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.ping(r.Context()); err != nil {
		s.log.ErrorContext(r.Context(), "health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	searchState := "loading"
	if s.search != nil && s.search.Ready() {
		searchState = "ready"
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.version, "search": searchState})
}

// readyz says whether this instance should get traffic: every migration of
// this build is applied and the search dictionary has loaded. Otherwise it
// answers 503 naming what is missing. /healthz only says the process is
// alive and its database answers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	body := map[string]string{"status": "ready", "migrations": "applied", "search": "ready"}
	status := http.StatusOK
	switch pending, err := s.app.MigrationsPending(ctx); {
	case err != nil:
		s.log.ErrorContext(ctx, "readiness: reading the applied migrations", "err", err)
		body["migrations"], status = "unknown", http.StatusServiceUnavailable
	case pending:
		body["migrations"], status = "pending", http.StatusServiceUnavailable
	}
	if s.search == nil || !s.search.Ready() {
		body["search"], status = "loading", http.StatusServiceUnavailable
	}
	if status != http.StatusOK {
		body["status"] = "unavailable"
	}
	writeJSON(w, status, body)
}
