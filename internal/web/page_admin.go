package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

func (s *Server) actor(r *http.Request) (policy.Actor, error) { return s.app.Actor(r.Context()) }

// signedInActor is the person asking, with their memberships; a visitor
// who is not signed in gets an error that sends them to log in.
func (s *Server) signedInActor(r *http.Request) (policy.Actor, error) {
	return s.app.SignedIn(r.Context())
}

// allow checks one action on one municipality's resource (app.Authorize):
// a visitor is sent to log in; anyone else without the right gets a
// translated 403, which is recorded.
func (s *Server) allow(r *http.Request, act policy.Action, res policy.Resource) (policy.Actor, error) {
	return s.app.Authorize(r.Context(), act, res)
}

// allowSome opens a list page to whoever may do the action on at least
// some of the municipality's things; the page then keeps, item by item,
// only what policy.Can allows (a leader's own entries and teams).
func (s *Server) allowSome(r *http.Request, act policy.Action, municipalityID int64) (policy.Actor, error) {
	return s.app.AuthorizeSome(r.Context(), act, municipalityID)
}

type adminHomeData struct {
	Municipalities []adminMunicipality
}

type adminMunicipality struct {
	Municipality domain.Municipality
	Programs     []domain.Program // those whose entries the person may see
	Audit        bool
	Members      bool
	Outbox       bool
	Dashboard    bool
	Community    bool
	Pool         bool
	Legal        bool
	Allocate     bool // the allocation needs every entry, which a leader does not see
	Teams        bool // the list of teams: all of them for staff, one's own for a leader or a business
	Projects     bool // every link but Teams needs this one too, so it comes first
}

// adminHome lists, per municipality the person works for, its programs
// and what they may open.
func (s *Server) adminHome(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, err := s.signedInActor(r)
	if err != nil {
		return err
	}
	screens := policy.Municipalities(a, policy.ViewEntries)
	ids := append([]int64(nil), screens...)
	for _, id := range policy.Municipalities(a, policy.ManageProjects) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return domain.Errorf(domain.CodeForbidden, "error.forbidden")
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return err
	}
	var d adminHomeData
	for _, id := range ids {
		res := policy.Resource{MunicipalityID: id}
		am := adminMunicipality{Municipality: h.municipalities[id], Audit: policy.Can(a, policy.ReadAudit, res),
			Members: policy.Can(a, policy.Invite, res), Outbox: policy.Can(a, policy.ReadOutbox, res),
			Dashboard: policy.Can(a, policy.ViewDashboard, res), Community: policy.Can(a, policy.ManageCommunity, res),
			Pool: policy.Can(a, policy.ScoutTalents, res), Legal: policy.Can(a, policy.EditLegal, res), Allocate: policy.Can(a, policy.ScreenEntries, res),
			Teams: policy.Anywhere(a, policy.ViewTeams, id), Projects: policy.Anywhere(a, policy.ManageProjects, id)}
		for _, p := range h.progList {
			if p.MunicipalityID == id && slices.Contains(screens, id) {
				am.Programs = append(am.Programs, p)
			}
		}
		d.Municipalities = append(d.Municipalities, am)
	}
	return s.render(w, r, lang, http.StatusOK, "admin", s.cat.T(lang, "admin.title", nil), d)
}

// adminMunicipality finds the municipality in the path; unknown is 404.
func (s *Server) pathMunicipality(r *http.Request) (domain.Municipality, error) {
	return s.store.MunicipalityByLGCode(r.Context(), r.PathValue("lgcode"))
}

type adminAuditData struct {
	Municipality domain.Municipality
	Events       []auditLine
}

// auditLine is an audit event as people read it: who (by name, or that
// the account was deleted) and what it touched.
type auditLine struct {
	store.AuditEvent
	Who     string
	Subject string
}

// auditLines names each event's actor and subject in the reader's language.
func (s *Server) auditLines(lang i18n.Lang, events []store.AuditEvent) []auditLine {
	out := make([]auditLine, 0, len(events))
	for _, e := range events {
		l := auditLine{AuditEvent: e, Who: e.ActorName}
		switch {
		case e.ActorGone:
			l.Who = s.cat.T(lang, "admin.actor_deleted", nil)
		case e.ActorID == 0:
			l.Who = s.cat.T(lang, "admin.actor_none", nil)
		}
		kind := e.SubjectType
		if key := "thing." + e.SubjectType; s.cat.Has(key) {
			kind = s.cat.T(lang, key, nil)
		}
		id := e.SubjectKey
		if id == "" && e.SubjectID != 0 {
			id = "#" + strconv.FormatInt(e.SubjectID, 10)
		}
		l.Subject = strings.TrimSpace(kind + " " + id)
		if e.SubjectLabel != "" {
			l.Subject += "「" + e.SubjectLabel + "」"
		}
		out = append(out, l)
	}
	return out
}

// adminAudit shows a municipality's audit log to its admins.
func (s *Server) adminAudit(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	m, err := s.pathMunicipality(r)
	if err != nil {
		return err
	}
	_, err = s.allow(r, policy.ReadAudit, policy.Resource{MunicipalityID: m.ID})
	if err != nil {
		return err
	}
	events, err := s.store.AuditLog(r.Context(), m.ID, 200)
	if err != nil {
		return err
	}
	d := adminAuditData{Municipality: m, Events: s.auditLines(lang, events)}
	return s.render(w, r, lang, http.StatusOK, "admin_audit", s.cat.T(lang, "admin.audit", nil), d)
}
