package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// memberPages are the handlers of a municipality's members, invitations,
// documents, outbox and data export (app.Members).
type memberPages struct{ *kit }

type membersData struct {
	Municipality  domain.Municipality
	Members       []app.Member
	Invitations   []domain.Invitation
	Organizations []domain.Organization
	OrgNames      map[int64]string
	Roles         []domain.Role
	Form          *form
	Sent, Revoked bool
	Now           time.Time
	// States says where each invitation stands; Revocable marks those the
	// person may withdraw.
	States    map[int64]domain.InvitationState
	Revocable map[int64]bool
}

func (p memberPages) membersData(r *http.Request, mu domain.Municipality, ro app.Roster, f *form) membersData {
	q := r.URL.Query()
	d := membersData{Municipality: mu, Members: ro.Members, Invitations: ro.Invitations, Organizations: ro.Organizations,
		OrgNames: map[int64]string{}, Roles: ro.Roles, Form: f, Sent: q.Get("sent") != "", Revoked: q.Get("revoked") != "",
		Now: ro.Now, States: ro.States, Revocable: ro.Revocable}
	for _, o := range ro.Organizations {
		d.OrgNames[o.ID] = o.Name
	}
	return d
}

// membersPage lists who works in the municipality's organizations, the
// invitations sent, and a form to invite someone.
func (p memberPages) membersPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := p.pathMunicipality(r)
	if err != nil {
		return err
	}
	ro, err := p.app.Members.Roster(r.Context(), mu)
	if err != nil {
		return err
	}
	return p.render(w, r, lang, http.StatusOK, "members", p.cat.T(lang, "members.title", nil),
		p.membersData(r, mu, ro, newForm()))
}

// invite sends an invitation by mail (app.Members.Invite); a form with
// problems is shown again (422).
func (p memberPages) invite(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := p.pathMunicipality(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "email", "organization", "role", "lang")
	if err != nil {
		return err
	}
	to, known := i18n.Parse(f.Values["lang"])
	if !known {
		to = lang
	}
	in := app.Invitation{Email: f.Values["email"], Role: domain.Role(f.Values["role"]), Lang: to}
	in.OrganizationID, _ = strconv.ParseInt(f.Values["organization"], 10, 64)
	ro, err := p.app.Members.Invite(r.Context(), mu, in)
	if c := domain.ErrorCode(err); c == domain.CodeInvalid || c == domain.CodeNotFound {
		p.fieldErrors(lang, f, err)
		return p.render(w, r, lang, http.StatusUnprocessableEntity, "members", p.cat.T(lang, "members.title", nil),
			p.membersData(r, mu, ro, f))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/members?sent=1", http.StatusSeeOther)
	return nil
}

// revokeInvitation withdraws an open invitation
// (app.Members.RevokeInvitation), so its link stops working at once.
func (p memberPages) revokeInvitation(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	mu, err := p.pathMunicipality(r)
	if err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "invitation")
	if err != nil {
		return err
	}
	if err := p.app.Members.RevokeInvitation(r.Context(), mu, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+mu.LGCode+"/members?revoked=1", http.StatusSeeOther)
	return nil
}
