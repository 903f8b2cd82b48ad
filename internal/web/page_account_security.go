package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// logoutEverywhere ends every session of the person, this one included,
// on every device and instance, and says so.
func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, ok := s.requireUser(w, r)
	if !ok {
		return nil
	}
	err := s.store.InTx(r.Context(), func(tx *store.Store) error {
		if _, err := tx.Sessions().EndEvery(r.Context(), userID); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "user.logout_everywhere", "user", userID, 0)
	})
	if err != nil {
		return err
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "notice", s.cat.T(lang, "sessions.ended_title", nil),
		s.cat.T(lang, "sessions.ended_body", nil))
}
