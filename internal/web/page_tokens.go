package web

import (
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

type tokenLine struct {
	app.APIToken
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

func (p accountPages) renderTokens(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, list app.APITokenList,
	d tokensData) error {
	for _, t := range list.Tokens {
		d.Tokens = append(d.Tokens, tokenLine{APIToken: t, ID: hex.EncodeToString(t.Hash)})
	}
	if d.Form == nil {
		d.Form = newForm()
	}
	if d.Form.Values["days"] == "" {
		d.Form.Values["days"] = strconv.Itoa(auth.DefaultAPITokenDays)
	}
	d.New, d.Days, d.Now = list.New, auth.APITokenDayChoices(), list.Now
	return p.render(w, r, lang, status, "tokens", p.cat.T(lang, "tokens.title", nil), d)
}

// tokensPage lists the person's API tokens with a form to make one.
func (p accountPages) tokensPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	list, err := p.app.Accounts.APITokens(r.Context())
	if err != nil {
		return err
	}
	return p.renderTokens(w, r, lang, http.StatusOK, list, tokensData{Revoked: r.URL.Query().Get("revoked") != ""})
}

// createToken makes a personal API token that lasts the chosen number of
// days (90 unless chosen) and shows it once (app.Accounts.CreateAPIToken);
// a form with problems is shown again (422).
func (p accountPages) createToken(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "label", "days")
	if err != nil {
		return err
	}
	days := auth.DefaultAPITokenDays
	if f.Values["days"] != "" {
		if days, err = domain.ParseNumber(f.Values["days"]); err != nil {
			days = 0 // not a number: out of range
		}
	}
	list, err := p.app.Accounts.CreateAPIToken(r.Context(), f.Values["label"], days)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		p.fieldErrors(lang, f, err)
		return p.renderTokens(w, r, lang, http.StatusUnprocessableEntity, list, tokensData{Form: f})
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return p.renderTokens(w, r, lang, http.StatusOK, list, tokensData{})
}

// revokeToken ends one of the person's tokens.
func (p accountPages) revokeToken(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := p.requireUser(r); err != nil {
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
	if err := p.app.Accounts.RevokeAPIToken(r.Context(), hash); err != nil {
		return err
	}
	http.Redirect(w, r, "/me/tokens?revoked=1", http.StatusSeeOther)
	return nil
}
