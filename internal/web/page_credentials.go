package web

import (
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"io"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/credential"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// jwks publishes the instance's public keys.
func (s *Server) jwks(w http.ResponseWriter, r *http.Request) {
	b, err := s.issuer.JWKS(r.Context(), 0)
	if err != nil {
		s.renderError(w, r, s.language(w, r), err)
		return
	}
	w.Header().Set("Content-Type", "application/jwk-set+json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(b)
}

// issuerProfile describes a municipality as an issuer (OB3 Profile).
func (s *Server) issuerProfile(r *http.Request, lang i18n.Lang) (any, error) {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return nil, err
	}
	return map[string]any{"@context": []string{"https://www.w3.org/ns/credentials/v2",
		"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}, "id": s.issuer.IssuerID(mu.LGCode),
		"type": []string{"Profile"}, "name": mu.Name}, nil
}

// statusList serves a municipality's signed revocation list.
func (s *Server) statusList(w http.ResponseWriter, r *http.Request) {
	jwt, err := s.issuer.StatusList(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		s.renderError(w, r, s.language(w, r), err)
		return
	}
	w.Header().Set("Content-Type", "application/vc+jwt")
	w.Header().Set("Cache-Control", "no-cache")
	io.WriteString(w, jwt)
}

// credentialFor loads a credential the viewer may see: public ones for
// anyone, otherwise for its talent and the issuer's staff (never a leader
// or a business: they read no one's credential that is not public). One
// whose holder deleted their account is kept only in the status list.
func (s *Server) credentialFor(r *http.Request) (store.IssuedCredential, error) {
	c, err := s.store.Credential(r.Context(), r.PathValue("id"))
	if err == nil && c.JWT == "" {
		return c, notFound("credential")
	}
	if err != nil || c.Public {
		return c, err
	}
	uid := s.userID(r)
	if uid == 0 {
		return c, notFound("credential")
	}
	if t, err := s.store.TalentByUser(r.Context(), uid); err == nil && t.ID == c.TalentID {
		return c, nil
	}
	a, err := s.actor(r)
	if err != nil {
		return c, err
	}
	if policy.Can(a, policy.ViewCredentials, policy.Resource{MunicipalityID: c.MunicipalityID}) {
		return c, nil
	}
	return c, &deniedError{Err: domain.NotFound("credential"), MunicipalityID: c.MunicipalityID, SubjectType: "credential",
		SubjectKey: c.ID}
}

type credentialPage struct {
	Credential store.IssuedCredential
	Result     credential.Result
	Reason     string
	Valid      bool
	Untrusted  bool // the issuer is not registered: nothing it claims is shown
	Mine       bool
	Token      string
	Checked    bool
	RevokeURL  string // for the issuer's staff
}

// credentialView shows a credential, checked now.
func (s *Server) credentialView(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	c, err := s.credentialFor(r)
	if err != nil {
		return err
	}
	d := s.checkedPage(r, lang, c.JWT)
	d.Credential = c
	if t, err := s.store.TalentByUser(r.Context(), s.userID(r)); err == nil && t.ID == c.TalentID {
		d.Mine = true
	}
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	if c.RevokedAt.IsZero() && policy.Can(a, policy.DecideTeams, policy.Resource{MunicipalityID: c.MunicipalityID}) {
		h, err := s.loadHub(r.Context())
		if err != nil {
			return err
		}
		d.RevokeURL = "/admin/" + h.municipalities[c.MunicipalityID].LGCode + "/credentials/" + c.ID + "/revoke"
	}
	return s.render(w, r, lang, http.StatusOK, "credential", s.cat.T(lang, "cred.title", nil), d)
}

// credentialJWT downloads a credential as a .jwt file.
func (s *Server) credentialJWT(w http.ResponseWriter, r *http.Request) {
	c, err := s.credentialFor(r)
	if err != nil {
		s.renderError(w, r, s.language(w, r), err)
		return
	}
	w.Header().Set("Content-Type", "application/vc+jwt")
	w.Header().Set("Content-Disposition", `attachment; filename="tsunagu-credential-`+c.ID+`.jwt"`)
	io.WriteString(w, c.JWT)
}

// setCredentialPublic lets the talent show a credential publicly, or not.
func (s *Server) setCredentialPublic(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "public")
	if err != nil {
		return err
	}
	t, err := s.store.TalentByUser(r.Context(), userID)
	if err != nil {
		return err
	}
	if err := s.store.SetCredentialPublic(r.Context(), r.PathValue("id"), t.ID, f.Values["public"] == "yes"); err != nil {
		return err
	}
	http.Redirect(w, r, "/credentials/"+r.PathValue("id"), http.StatusSeeOther)
	return nil
}

// revokeCredential lets the issuing municipality's staff revoke a
// credential, with a reason.
func (s *Server) revokeCredential(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	if _, err := s.allow(r, policy.DecideTeams, policy.Resource{MunicipalityID: mu.ID}); err != nil {
		return err
	}
	f, err := readForm(w, r, "reason")
	if err != nil {
		return err
	}
	c, err := s.store.Credential(r.Context(), r.PathValue("id"))
	if err != nil || c.MunicipalityID != mu.ID {
		return notFound("credential")
	}
	if f.Values["reason"] == "" {
		return invalidParam("reason", "error.required", "Field", "reason")
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.RevokeCredential(r.Context(), c.ID, f.Values["reason"]); err != nil {
			return err
		}
		return s.auditEvent(r.Context(), tx, r, store.AuditEvent{Action: "credential.revoke", SubjectType: "credential",
			SubjectKey: c.ID, MunicipalityID: mu.ID, Detail: f.Values["reason"]})
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/credentials/"+c.ID, http.StatusSeeOther)
	return nil
}
