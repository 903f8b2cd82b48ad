package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

type agreementFormData struct {
	Municipality domain.Municipality
	Program      domain.Program
	Entry        domain.Entry
	Talent       domain.Talent
	Choices      []domain.Project
	Agreement    domain.Agreement
	Types        []domain.AgreementType
	Form         *form
	Exists       bool
}

// agreementForm lets staff draft or change the terms of an offered entry.
func (s *Server) agreementForm(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, mu, p, e, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	d, err := s.agreementFormData(r, mu, p, e, newForm())
	if err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "agreement_form", s.cat.T(lang, "agreement.draft_title", nil), d)
}

func (s *Server) agreementFormData(r *http.Request, mu domain.Municipality, p domain.Program, e domain.Entry, f *form) (agreementFormData, error) {
	d := agreementFormData{Municipality: mu, Program: p, Entry: e, Form: f, Types: domain.AgreementTypes()}
	var err error
	if d.Talent, err = s.store.Talent(r.Context(), e.TalentID); err != nil {
		return d, err
	}
	for _, id := range e.Choices {
		pr, err := s.store.Project(r.Context(), id)
		if err != nil {
			return d, err
		}
		d.Choices = append(d.Choices, pr)
	}
	d.Agreement, err = s.store.AgreementOfEntry(r.Context(), e.ID)
	switch {
	case err == nil:
		d.Exists = true
	case domain.ErrorCode(err) == domain.CodeNotFound:
		first := d.Choices[0]
		d.Agreement = domain.Agreement{ProjectID: first.ID, HoursPerMonth: first.HoursPerMonth, RewardYen: first.RewardYen,
			Type: domain.AgreementQuasiMandate, StartsOn: first.StartsOn, EndsOn: first.EndsOn}
		if first.RewardType == domain.RewardProBono {
			d.Agreement.Type = domain.AgreementProBono
		} else if first.RewardType == domain.RewardInKind {
			d.Agreement.Type = domain.AgreementInKind
		}
	default:
		return d, err
	}
	for name, t := range map[string]time.Time{"starts_on": d.Agreement.StartsOn, "ends_on": d.Agreement.EndsOn} {
		if _, typed := f.Values[name]; !typed && !t.IsZero() {
			f.Values[name] = t.In(domain.Japan()).Format("2006-01-02")
		}
	}
	return d, nil
}

// saveAgreement saves the terms; a change voids earlier acceptances, and
// the three parties are asked (again) to accept.
func (s *Server) saveAgreement(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, e, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "project", "type", "reward_yen", "hours", "starts_on", "ends_on", "deliverables")
	if err != nil {
		return err
	}
	ag := domain.Agreement{EntryID: e.ID, Type: domain.AgreementType(f.Values["type"]),
		Deliverables: strings.ReplaceAll(r.PostForm.Get("deliverables"), "\r\n", "\n")}
	ag.ProjectID, _ = strconv.ParseInt(f.Values["project"], 10, 64)
	for name, dst := range map[string]*int{"reward_yen": &ag.RewardYen, "hours": &ag.HoursPerMonth} {
		n, err := strconv.Atoi(strings.ReplaceAll(domain.NormalizeText(f.Values[name]), ",", ""))
		if err != nil && f.Values[name] != "" {
			f.Errors[name] = s.cat.T(lang, "error.number", nil)
		}
		*dst = n
	}
	for name, dst := range map[string]*time.Time{"starts_on": &ag.StartsOn, "ends_on": &ag.EndsOn} {
		if v := f.Values[name]; v != "" {
			t, err := time.ParseInLocation("2006-01-02", v, domain.Japan())
			if err != nil {
				f.Errors["period"] = s.cat.T(lang, "error.date", nil)
			}
			*dst = t
		}
	}
	if !f.Has() {
		err = s.store.InTx(r.Context(), func(tx *store.Store) error {
			if err := tx.SaveAgreement(r.Context(), &ag, a.UserID); err != nil {
				return err
			}
			if err := s.audit(r.Context(), tx, r, "agreement.save", "agreement", ag.ID, mu.ID); err != nil {
				return err
			}
			return s.askToAccept(r, tx, mu, ag)
		})
		if err == nil {
			http.Redirect(w, r, "/agreements/"+strconv.FormatInt(ag.ID, 10)+"?saved=1", http.StatusSeeOther)
			return nil
		}
		if c := domain.ErrorCode(err); c != domain.CodeInvalid && c != domain.CodeConflict {
			return err
		}
		s.fieldErrors(lang, f, err)
	}
	d, derr := s.agreementFormData(r, mu, p, e, f)
	if derr != nil {
		return derr
	}
	d.Agreement = ag
	return s.render(w, r, lang, http.StatusUnprocessableEntity, "agreement_form", s.cat.T(lang, "agreement.draft_title", nil), d)
}

// askToAccept tells the talent and the business's owners that there are
// terms to accept.
func (s *Server) askToAccept(r *http.Request, tx *store.Store, mu domain.Municipality, ag domain.Agreement) error {
	link := "/agreements/" + strconv.FormatInt(ag.ID, 10)
	var users []int64
	t, err := tx.Talent(r.Context(), ag.TalentID)
	if err != nil {
		return err
	}
	users = append(users, t.UserID)
	pr, err := tx.Project(r.Context(), ag.ProjectID)
	if err != nil {
		return err
	}
	owners, err := s.hostOwners(r.Context(), tx, mu, pr.HostID)
	if err != nil {
		return err
	}
	users = append(users, owners...)
	for _, uid := range users {
		if err := s.tell(r.Context(), tx, mu.ID, uid, "notice.agreement", map[string]any{"Title": pr.Title}, link); err != nil {
			return err
		}
	}
	return nil
}

// hostOwners lists the business owners of an organization.
func (s *Server) hostOwners(ctx context.Context, tx *store.Store, mu domain.Municipality, orgID int64) ([]int64, error) {
	members, err := tx.Members(ctx, mu.ID)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, m := range members {
		if m.OrganizationID == orgID && m.Role == domain.RoleBusinessOwner {
			out = append(out, m.UserID)
		}
	}
	return out, nil
}

type agreementPageData struct {
	Agreement    domain.Agreement
	Project      domain.Project
	Host         domain.Organization
	Municipality domain.Municipality
	Talent       domain.Talent
	Program      domain.Program
	CanAccept    []domain.Party // parties the viewer may still accept as
	CanEdit      bool
	Saved        bool
	Engagement   int64
}

// agreementParties says as which parties the viewer may act on an
// agreement: the talent, an owner of the host business, and the
// municipality's staff, who decide 合意 (a partner drafts the terms but
// does not accept them for the municipality).
func (s *Server) agreementParties(r *http.Request, a policy.Actor, ag domain.Agreement, host int64) ([]domain.Party, error) {
	var out []domain.Party
	t, err := s.store.Talent(r.Context(), ag.TalentID)
	if err != nil {
		return nil, err
	}
	if t.UserID != 0 && t.UserID == a.UserID {
		out = append(out, domain.PartyTalent)
	}
	if policy.IsOwner(a, host) && policy.Can(a, policy.ViewAgreements, policy.Resource{MunicipalityID: ag.MunicipalityID, OrganizationID: host}) {
		out = append(out, domain.PartyBusiness)
	}
	if policy.Can(a, policy.DecideEntries, policy.Resource{MunicipalityID: ag.MunicipalityID}) {
		out = append(out, domain.PartyMunicipality)
	}
	return out, nil
}

// agreementPage shows the terms as they stand, printable, to the three
// parties, with a button for each side the viewer may accept as.
func (s *Server) agreementPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, parties, a, err := s.loadAgreementPage(w, r)
	if err != nil || d == nil {
		return err
	}
	for _, p := range parties {
		if !d.Agreement.AcceptedBy(p) {
			d.CanAccept = append(d.CanAccept, p)
		}
	}
	d.CanEdit = policy.Can(a, policy.MoveEntries, policy.Resource{MunicipalityID: d.Agreement.MunicipalityID})
	d.Saved = r.URL.Query().Get("saved") != ""
	if g, err := s.store.EngagementOfProject(r.Context(), d.Agreement.ProjectID); err == nil && d.Agreement.Complete() {
		d.Engagement = g.ID
	}
	if err := s.audit(r.Context(), nil, r, "agreement.view", "agreement", d.Agreement.ID, d.Agreement.MunicipalityID); err != nil {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "agreement", s.cat.T(lang, "agreement.title", nil), d)
}

func (s *Server) loadAgreementPage(w http.ResponseWriter, r *http.Request) (*agreementPageData, []domain.Party, policy.Actor, error) {
	a, err := s.signedInActor(r)
	if err != nil {
		return nil, nil, a, err
	}
	id, err := parseID(r.PathValue("id"), "agreement")
	if err != nil {
		return nil, nil, a, err
	}
	d := &agreementPageData{}
	if d.Agreement, err = s.store.Agreement(r.Context(), id); err != nil {
		return nil, nil, a, err
	}
	if d.Project, err = s.store.Project(r.Context(), d.Agreement.ProjectID); err != nil {
		return nil, nil, a, err
	}
	parties, err := s.agreementParties(r, a, d.Agreement, d.Project.HostID)
	if err != nil {
		return nil, nil, a, err
	}
	if len(parties) == 0 && !policy.Can(a, policy.ViewAgreements, policy.Resource{MunicipalityID: d.Agreement.MunicipalityID,
		OrganizationID: d.Project.HostID}) {
		return nil, nil, a, hiddenFrom(d.Agreement.MunicipalityID, "agreement", d.Agreement.ID)
	}
	if d.Host, err = s.store.Organization(r.Context(), d.Project.HostID); err != nil {
		return nil, nil, a, err
	}
	if d.Talent, err = s.store.Talent(r.Context(), d.Agreement.TalentID); err != nil {
		return nil, nil, a, err
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return nil, nil, a, err
	}
	d.Municipality, d.Program = h.municipalities[d.Agreement.MunicipalityID], h.programs[d.Project.ProgramID]
	return d, parties, a, nil
}

// acceptAgreement records the viewer's acceptance as one party, of the
// version they saw.
func (s *Server) acceptAgreement(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	d, parties, a, err := s.loadAgreementPage(w, r)
	if err != nil || d == nil {
		return err
	}
	f, err := readForm(w, r, "party", "version")
	if err != nil {
		return err
	}
	party := domain.Party(f.Values["party"])
	allowed := false
	for _, p := range parties {
		allowed = allowed || p == party
	}
	if !allowed {
		return forbiddenOn(d.Agreement.MunicipalityID, "agreement", d.Agreement.ID)
	}
	version, _ := strconv.Atoi(f.Values["version"])
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		ag, err := tx.AcceptAgreement(r.Context(), d.Agreement.ID, version, party, a.UserID)
		if err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "agreement.accept."+string(party), "agreement", ag.ID, ag.MunicipalityID)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/agreements/"+strconv.FormatInt(d.Agreement.ID, 10), http.StatusSeeOther)
	return nil
}
