package web

import (
	"encoding/hex"
	"net/http"
	"strconv"
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
	Days    []int     // the lifetimes offered
	Now     time.Time // to tell expired tokens
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
	if d.Form.Values["days"] == "" {
		d.Form.Values["days"] = strconv.Itoa(auth.DefaultAPITokenDays)
	}
	// The store checks expiry against the real clock, so the page does too.
	d.Days, d.Now = auth.APITokenDayChoices(), time.Now()
	return s.render(w, r, lang, http.StatusOK, "tokens", s.cat.T(lang, "tokens.title", nil), d)
}

// tokensPage lists the person's API tokens with a form to make one.
func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	return s.renderTokens(w, r, lang, userID, tokensData{Revoked: r.URL.Query().Get("revoked") != ""})
}

// createToken makes a personal API token that lasts the chosen number of
// days (90 unless chosen) and shows it once; only its hash is kept.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "label", "days")
	if err != nil {
		return err
	}
	label := domain.NormalizeText(f.Values["label"])
	if label == "" || len([]rune(label)) > 100 {
		f.Errors["label"] = s.cat.T(lang, "tokens.label_required", nil)
	}
	days, err := strconv.Atoi(f.Values["days"])
	if f.Values["days"] == "" {
		days, err = auth.DefaultAPITokenDays, nil
	}
	if key := auth.CheckAPITokenDays(days); err != nil || key != "" {
		f.Errors["days"] = s.cat.T(lang, auth.ProblemTokenDays, map[string]any{"Max": auth.MaxAPITokenDays})
	}
	if f.Has() {
		return s.renderTokens(w, r, lang, userID, tokensData{Form: f})
	}
	plain, hash, err := auth.NewAPIToken()
	if err != nil {
		return err
	}
	expires := time.Now().AddDate(0, 0, days) // the clock the store checks expiry with
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.CreateToken(r.Context(), userID, domain.TokenAPI, hash, expires, label); err != nil {
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
	userID, err := s.requireUser(r)
	if err != nil {
		return err
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
