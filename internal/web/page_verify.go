package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/chart"
	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// Verification requests per client address: a burst, then one more per
// interval. Each may make the server fetch from another instance.
const (
	verifyBurst = 20
	verifyEvery = 3 * time.Second
)

// verifyLimited applies the per-address limit of the verify endpoints: a
// request over it answers 429 with Retry-After and a translated message
// (the JSON error shape under /api/, else the error page).
func (s *Server) verifyLimited(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ok, wait := s.verifyLimit.Allow(clientAddress(r))
		if ok {
			next(w, r)
			return
		}
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		err := domain.Errorf(domain.CodeRateLimited, "error.verify_rate_limited")
		if strings.HasPrefix(r.URL.Path, "/api/") {
			lang := s.cat.Negotiate([]string{r.URL.Query().Get("lang")}, r.Header.Get("Accept-Language"))
			pe := s.publicError(r, lang, err)
			writeJSON(w, pe.Status, map[string]any{"error": pe})
			return
		}
		s.renderError(w, r, s.language(w, r), err)
	}
}

// checkedPage is a credential page for a token as checked.
func (s credentialPages) checkedPage(lang i18n.Lang, token string, c app.Check) credentialPage {
	d := credentialPage{Token: token, Checked: true}
	d.Result, d.Valid = c.Verification.Result, c.Err == nil
	d.Untrusted = credential.CodeOf(c.Err) == credential.CodeUntrustedIssuer
	if c.Err != nil {
		d.Reason = s.cat.T(lang, reasonKey(c.Err), nil)
	}
	d.Outcomes = s.readableOutcomes(lang, d.Result.Outcomes)
	for _, g := range d.Result.SDGs {
		d.Goals = append(d.Goals, s.goalName(lang, g))
	}
	if d.Result.Hours > 0 {
		d.Hours = s.cat.T(lang, "cred.hours", domain.Args("Hours", chart.FormatNumber(d.Result.Hours)))
	}
	return d
}

// reasonKey is the catalog key that says why a credential failed.
func reasonKey(err error) string {
	if code := credential.CodeOf(err); code != "" {
		return code.ReasonKey()
	}
	return "error.internal"
}

// verifyPageData is the verify form, with the issuers this hub checks.
type verifyPageData struct {
	credentialPage
	OwnIssuers        []string // this hub's municipalities
	RegisteredIssuers []issuerLink
}

type issuerLink struct{ Name, Origin string }

// verifyData is the verify page for a token sent (checked), or for none.
func (s credentialPages) verifyData(ctx context.Context, lang i18n.Lang, token string, checked bool) (verifyPageData, error) {
	v, err := s.app.Credentials.VerifyPage(ctx, token, checked)
	if err != nil {
		return verifyPageData{}, err
	}
	var out verifyPageData
	if v.Check != nil {
		out.credentialPage = s.checkedPage(lang, token, *v.Check)
	}
	for _, m := range v.Own {
		out.OwnIssuers = append(out.OwnIssuers, m.Name)
	}
	for _, ti := range v.Registered {
		out.RegisteredIssuers = append(out.RegisteredIssuers, issuerLink{ti.Name, ti.Origin})
	}
	return out, nil
}

// verifyPage lets anyone paste or upload a credential to check it.
func (s credentialPages) verifyPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, err := s.verifyData(r.Context(), lang, "", false)
	if err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "verify", s.cat.T(lang, "cred.verify_title", nil), d)
}

// verifyPost checks a pasted or uploaded credential.
func (s credentialPages) verifyPost(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return domain.Errorf(domain.CodeInvalid, "error.form_too_large")
	}
	token := r.FormValue("credential")
	if f, _, err := r.FormFile("file"); err == nil {
		b, _ := io.ReadAll(io.LimitReader(f, 1<<20))
		f.Close()
		if strings.TrimSpace(string(b)) != "" {
			token = string(b)
		}
	}
	d, err := s.verifyData(r.Context(), lang, strings.TrimSpace(token), true)
	if err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "verify", s.cat.T(lang, "cred.verify_title", nil), d)
}

// Verification outcomes in the API's "status" field.
const (
	verifyValid     = "valid"
	verifyUntrusted = "untrusted_issuer"
	verifyInvalid   = "invalid"
)

// apiVerify is POST /api/v1/credentials/verify: {"credential": "<jwt>"}.
// "status" is valid, untrusted_issuer (the issuer is not registered with
// this hub, so nothing was fetched and nothing it claims is shown) or
// invalid (with a code and a translated reason).
func (s credentialPages) apiVerify(r *http.Request, lang i18n.Lang) (any, error) {
	var req struct {
		Credential string `json:"credential"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
		return nil, domain.Errorf(domain.CodeInvalid, "error.json")
	}
	c := s.app.Credentials.Verify(r.Context(), req.Credential)
	v, err := c.Verification, c.Err
	out := map[string]any{"valid": err == nil, "status": verifyValid}
	if err != nil {
		code := credential.CodeOf(err)
		out["status"], out["code"], out["reason"] = verifyInvalid, string(code), s.cat.T(lang, reasonKey(err), nil)
		if code == credential.CodeUntrustedIssuer {
			out["status"] = verifyUntrusted
			out["issuer"] = map[string]any{"id": v.IssuerID, "registered": false}
			return out, nil
		}
	}
	if v.IssuerID != "" {
		out["issuer"] = map[string]any{"id": v.IssuerID, "name": v.IssuerName, "registered": true}
		out["achievement"] = map[string]any{"name": v.Title, "hours": v.Hours, "sdgs": v.SDGs, "outcomes": v.Outcomes,
			"start": v.Start, "end": v.End}
		out["revoked"] = v.Revoked
	}
	return out, nil
}
