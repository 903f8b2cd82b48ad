package web

import (
	"encoding/hex"
	"net/http"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type tokenLine struct {
	store.APIToken
	ID string // the hash in hex, to name the token in a revoke form
}

type tokensData struct {
	Tokens  []tokenLine
	New     string // a token just made, shown this once
	Form    *form
	Revoked bool
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, lang i18n.Lang, userID int64, d tokensData) error {
	tokens, err := s.store.APITokens(r.Context(), userID)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		d.Tokens = append(d.Tokens, tokenLine{APIToken: t, ID: hex.EncodeToString(t.Hash)})
	}
	if d.Form == nil {
		d.Form = newForm()
	}
	return s.render(w, r, lang, http.StatusOK, "tokens", s.cat.T(lang, "tokens.title", nil), d)
}

// tokensPage lists the person's API tokens with a form to make one.
func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, ok := s.requireUser(w, r)
	if !ok {
		return nil
	}
	return s.renderTokens(w, r, lang, userID, tokensData{Revoked: r.URL.Query().Get("revoked") != ""})
}

// createToken makes a personal API token and shows it once; only its hash
// is kept.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, ok := s.requireUser(w, r)
	if !ok {
		return nil
	}
	f, err := readForm(w, r, "label")
	if err != nil {
		return err
	}
	label := domain.NormalizeText(f.Values["label"])
	if label == "" || len([]rune(label)) > 100 {
		f.Errors["label"] = s.cat.T(lang, "tokens.label_required", nil)
		return s.renderTokens(w, r, lang, userID, tokensData{Form: f})
	}
	plain, hash, err := auth.NewAPIToken()
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.CreateToken(r.Context(), userID, domain.TokenAPI, hash, time.Time{}, label); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "token.create", "user", userID, 0)
	})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.renderTokens(w, r, lang, userID, tokensData{New: plain})
}

// revokeToken ends one of the person's tokens.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, ok := s.requireUser(w, r)
	if !ok {
		return nil
	}
	f, err := readForm(w, r, "token")
	if err != nil {
		return err
	}
	hash, err := hex.DecodeString(f.Values["token"])
	if err != nil {
		return notFound("token")
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.RevokeAPIToken(r.Context(), userID, hash); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "token.revoke", "user", userID, 0)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me/tokens?revoked=1", http.StatusSeeOther)
	return nil
}
