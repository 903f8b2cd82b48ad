package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// myData downloads everything Tsunagu holds about the signed-in person,
// as JSON.
func (p accountPages) myData(w http.ResponseWriter, r *http.Request) {
	lang := p.language(w, r)
	err := func() error {
		data, err := p.app.Accounts.PersonalData(r.Context())
		if err != nil {
			return err
		}
		body, err := json.MarshalIndent(map[string]any{"exported_at": p.now().UTC().Format(time.RFC3339), "data": data}, "", "  ")
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
		p.renderError(w, r, lang, err)
	}
}

// deletePage explains what deleting the account erases and keeps.
func (p accountPages) deletePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := p.requireUser(r); err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "delete", p.cat.T(lang, "delete.title", nil), newForm())
}

// deleteAccount erases the account once the person confirms with their
// password (app.Accounts.DeleteAccount), and ends this session with the
// others. A wrong password shows the form again (422).
func (p accountPages) deleteAccount(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	title := p.cat.T(lang, "delete.title", nil)
	err = p.app.Accounts.DeleteAccount(r.Context(), r.PostForm.Get("password"), r.PostForm.Get("credentials") == "revoke")
	var wait *app.Throttled
	var committed *app.CommittedError
	switch {
	case errors.As(err, &wait):
		return p.throttled(w, r, lang, "delete", title, "password.throttled", f, wait.Wait)
	case errors.As(err, &committed):
		// The account is gone; only the clean-up after it (emptying
		// SQLite's log) failed, and the next checkpoint will finish it.
		p.log.WarnContext(r.Context(), "after deleting an account", "err", committed.Err)
	case domain.ErrorCode(err) == domain.CodeInvalid:
		p.fieldErrors(lang, f, err)
		return p.render(w, r, lang, http.StatusUnprocessableEntity, "delete", title, f)
	case err != nil:
		return err
	}
	if err := p.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	clearSiteData(w)
	return p.render(w, r, lang, http.StatusOK, "notice", p.cat.T(lang, "delete.done_title", nil),
		p.cat.T(lang, "delete.done_body", nil))
}

// municipalityExport downloads all of a municipality's data, for its
// admins (app.Members.Export).
func (p memberPages) municipalityExport(w http.ResponseWriter, r *http.Request) {
	lang := p.language(w, r)
	err := func() error {
		mu, err := p.pathMunicipality(r)
		if err != nil {
			return err
		}
		data, err := p.app.Members.Export(r.Context(), mu)
		if err != nil {
			return err
		}
		body, err := json.Marshal(map[string]any{"municipality": mu, "exported_at": p.now().UTC().Format(time.RFC3339), "data": data})
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
		p.renderError(w, r, lang, err)
	}
}
