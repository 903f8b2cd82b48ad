package web

import (
	"encoding/json"
	"errors"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"net/http"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// myData downloads everything Tsunagu holds about the signed-in person,
// as JSON.
func (s *Server) myData(w http.ResponseWriter, r *http.Request) {
	lang := s.language(w, r)
	err := func() error {
		userID, err := s.requireUser(r)
		if err != nil {
			return err
		}
		data, err := s.store.PersonalData(r.Context(), userID)
		if err != nil {
			return err
		}
		if err := s.audit(r.Context(), nil, r, "user.export", "user", userID, 0); err != nil {
			return err
		}
		body, err := json.MarshalIndent(map[string]any{"exported_at": s.now().UTC().Format(time.RFC3339), "data": data}, "", "  ")
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="tsunagu-my-data.json"`)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(body)
		return nil
	}()
	if err != nil {
		s.renderError(w, r, lang, err)
	}
}

// deletePage explains what deleting the account erases and keeps.
func (s *Server) deletePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := s.requireUser(r); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "delete", s.cat.T(lang, "delete.title", nil), newForm())
}

// deleteAccount erases the account once the person confirms with their
// password, and ends every session of theirs.
func (s *Server) deleteAccount(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	u, err := s.store.UserByID(r.Context(), userID)
	if err != nil {
		return err
	}
	// Wrong passwords here count against the sign-in throttle too, so an
	// unattended session cannot be used to guess the password.
	keys := auth.LoginThrottles(u.Email, clientAddress(r))
	title := s.cat.T(lang, "delete.title", nil)
	if wait, err := s.throttleWait(r.Context(), keys); err != nil || wait > 0 {
		if err != nil {
			return err
		}
		return s.throttled(w, r, lang, "delete", title, "password.throttled", f, wait)
	}
	if err := s.checkPassword(r, u, keys, "password", "delete.wrong_password", "account.delete_failed"); err != nil {
		if domain.ErrorCode(err) != domain.CodeInvalid {
			return err
		}
		s.fieldErrors(lang, f, err)
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "delete", title, f)
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		// The talent chooses: issued credentials stay verifiable, or are
		// revoked with the account.
		if t, err := tx.TalentByUser(r.Context(), userID); err == nil && r.PostForm.Get("credentials") == "revoke" {
			creds, err := tx.IssuedCredentials(r.Context(), 0, t.ID)
			if err != nil {
				return err
			}
			for _, c := range creds {
				if c.RevokedAt.IsZero() {
					if err := tx.RevokeCredential(r.Context(), c.ID, "the holder deleted their account"); err != nil {
						return err
					}
				}
			}
		}
		// Every session of theirs ends, on every device, not only this one.
		if _, err := tx.Sessions().EndEvery(r.Context(), userID); err != nil {
			return err
		}
		return tx.DeleteAccount(r.Context(), userID)
	})
	var committed *store.CommittedError
	if errors.As(err, &committed) {
		// The account is gone; only the clean-up after it (emptying
		// SQLite's log) failed, and the next checkpoint will finish it.
		s.log.WarnContext(r.Context(), "after deleting an account", "err", committed.Err)
		err = nil
	}
	if err != nil {
		return err
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	clearSiteData(w)
	return s.render(w, r, lang, http.StatusOK, "notice", s.cat.T(lang, "delete.done_title", nil),
		s.cat.T(lang, "delete.done_body", nil))
}

// municipalityExport downloads all of a municipality's data, for its
// admins.
func (s *Server) municipalityExport(w http.ResponseWriter, r *http.Request) {
	lang := s.language(w, r)
	err := func() error {
		mu, err := s.pathMunicipality(r)
		if err != nil {
			return err
		}
		if _, err := s.allow(r, policy.ReadAudit, policy.Resource{MunicipalityID: mu.ID}); err != nil {
			return err
		}
		data, err := s.store.MunicipalityData(r.Context(), mu.ID)
		if err != nil {
			return err
		}
		if err := s.audit(r.Context(), nil, r, "municipality.export", "municipality", mu.ID, mu.ID); err != nil {
			return err
		}
		body, err := json.Marshal(map[string]any{"municipality": mu, "exported_at": s.now().UTC().Format(time.RFC3339), "data": data})
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="tsunagu-`+mu.LGCode+`.json"`)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(body)
		return nil
	}()
	if err != nil {
		s.renderError(w, r, lang, err)
	}
}
