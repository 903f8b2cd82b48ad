package web

import (
	"io"
	"net/http"
	"net/url"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// credentialPages show, check and revoke the experience credentials the
// municipalities issue, and publish what verifiers need.
type credentialPages struct{ *kit }

// jwks publishes the instance's public keys.
func (s credentialPages) jwks(w http.ResponseWriter, r *http.Request) {
	b, err := s.app.Credentials.JWKS(r.Context())
	if err != nil {
		s.renderError(w, r, s.language(w, r), err)
		return
	}
	w.Header().Set("Content-Type", "application/jwk-set+json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(b)
}

// issuerProfile describes a municipality as an issuer (OB3 Profile).
func (s credentialPages) issuerProfile(r *http.Request, lang i18n.Lang) (any, error) {
	p, err := s.app.Credentials.IssuerOf(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"@context": []string{"https://www.w3.org/ns/credentials/v2",
		"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}, "id": p.ID,
		"type": []string{"Profile"}, "name": p.Name}, nil
}

// statusList serves a municipality's signed revocation list.
func (s credentialPages) statusList(w http.ResponseWriter, r *http.Request) {
	jwt, err := s.app.Credentials.StatusList(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		s.renderError(w, r, s.language(w, r), err)
		return
	}
	w.Header().Set("Content-Type", "application/vc+jwt")
	w.Header().Set("Cache-Control", "no-cache")
	io.WriteString(w, jwt)
}

type credentialPage struct {
	Credential app.IssuedCredential
	Result     credential.Result
	Reason     string
	Valid      bool
	Untrusted  bool // the issuer is not registered: nothing it claims is shown
	Mine       bool
	Token      string
	Checked    bool
	RevokeURL  string // for the issuer's staff
	// Outcomes, Goals and Hours are the result in plain words, with units.
	Outcomes []outcomeLine
	Goals    []string
	Hours    string
}

// credentialView shows a credential the viewer may see, checked now:
// public ones to anyone, others to their talent and the issuer's staff.
func (s credentialPages) credentialView(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	v, err := s.app.Credentials.View(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	d := s.checkedPage(lang, v.Credential.JWT, v.Check)
	d.Credential, d.Mine = v.Credential, v.Mine
	if v.RevokeFrom != "" {
		d.RevokeURL = "/admin/" + v.RevokeFrom + "/credentials/" + v.Credential.ID + "/revoke"
	}
	return s.render(w, r, lang, http.StatusOK, "credential", s.cat.T(lang, "cred.title", nil), d)
}

// credentialJWT downloads a credential as a .jwt file.
func (s credentialPages) credentialJWT(w http.ResponseWriter, r *http.Request) {
	c, err := s.app.Credentials.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.renderError(w, r, s.language(w, r), err)
		return
	}
	w.Header().Set("Content-Type", "application/vc+jwt")
	w.Header().Set("Content-Disposition", `attachment; filename="tsunagu-credential-`+c.ID+`.jwt"`)
	io.WriteString(w, c.JWT)
}

// setCredentialPublic lets the talent show a credential publicly, or not.
func (s credentialPages) setCredentialPublic(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := s.requireUser(r); err != nil {
		return err
	}
	f, err := readForm(w, r, "public")
	if err != nil {
		return err
	}
	public := f.Values["public"] == "yes"
	if err := s.app.Credentials.SetPublic(r.Context(), r.PathValue("id"), public); err != nil {
		return err
	}
	key := "credential_private"
	if public {
		key = "credential_public"
	}
	seeOtherWith(w, r, "/credentials/"+url.PathEscape(r.PathValue("id")), key)
	return nil
}

// revokeCredential lets the issuing municipality's staff revoke a
// credential, with a reason.
func (s credentialPages) revokeCredential(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "reason")
	if err != nil {
		return err
	}
	if err := s.app.Credentials.Revoke(r.Context(), r.PathValue("lgcode"), r.PathValue("id"), f.Values["reason"]); err != nil {
		return err
	}
	seeOtherWith(w, r, "/credentials/"+url.PathEscape(r.PathValue("id")), "credential_revoked")
	return nil
}
