package app

import (
	"context"
	"slices"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Draft is the terms of an offered entry as staff draft them: the saved
// agreement, or (Exists false) one proposed from the placement (or, for
// an entry offered without one, the first choice). Choices are the
// projects the terms may name: the placement first, then the choices.
type Draft struct {
	EntryScope
	Talent    domain.Talent
	Choices   []domain.Project
	Agreement domain.Agreement
	Exists    bool
}

// DraftFor finds an entry whose terms the person may draft and reads
// them.
func (s *Agreements) DraftFor(ctx context.Context, lgcode string, entryID int64) (Draft, error) {
	sc, err := s.app.Screening.EntryFor(ctx, lgcode, entryID, policy.DraftAgreements)
	if err != nil {
		return Draft{EntryScope: sc}, err
	}
	return s.Draft(ctx, sc)
}

// Draft reads the terms of the entry in scope.
func (s *Agreements) Draft(ctx context.Context, sc EntryScope) (Draft, error) {
	st, e := s.app.st, sc.Entry
	d := Draft{EntryScope: sc}
	var err error
	if d.Talent, err = st.Talents().Talent(ctx, e.TalentID); err != nil {
		return d, err
	}
	ids := e.Choices
	if e.Placement != 0 && !slices.Contains(ids, e.Placement) {
		ids = append([]int64{e.Placement}, ids...)
	}
	for _, id := range ids {
		pr, err := st.Projects().Project(ctx, id)
		if err != nil {
			return d, err
		}
		d.Choices = append(d.Choices, pr)
	}
	d.Agreement, err = st.Agreements().AgreementOfEntry(ctx, e.ID)
	switch {
	case err == nil:
		d.Exists = true
	case domain.ErrorCode(err) == domain.CodeNotFound && len(d.Choices) == 0:
		return d, domain.Errorf(domain.CodeConflict, "error.agreement_needs_placement")
	case domain.ErrorCode(err) == domain.CodeNotFound:
		// Drafted from the placement the allocation saved, else the first
		// choice.
		first := d.Choices[0]
		for _, pr := range d.Choices {
			if pr.ID == e.Placement {
				first = pr
			}
		}
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
	return d, nil
}

// Save saves the terms of the entry in scope; a change voids earlier
// acceptances, and the talent and the business's owners are asked
// (again) to accept.
func (s *Agreements) Save(ctx context.Context, sc EntryScope, ag *domain.Agreement) error {
	if !policy.Can(sc.Actor, policy.DraftAgreements, sc.Resource) {
		return Hidden(sc.Municipality.ID, "entry", sc.Entry.ID)
	}
	ag.EntryID = sc.Entry.ID
	mu := sc.Municipality
	return s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Agreements().SaveAgreement(ctx, ag, sc.Actor.UserID); err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "agreement.save", SubjectType: "agreement", SubjectID: ag.ID,
			MunicipalityID: mu.ID}); err != nil {
			return err
		}
		return tx.askToAccept(ctx, mu, *ag)
	})
}

// askToAccept tells the talent and the business's owners that there are
// terms to accept.
func (tx *Tx) askToAccept(ctx context.Context, mu domain.Municipality, ag domain.Agreement) error {
	link := "/agreements/" + strconv.FormatInt(ag.ID, 10)
	t, err := tx.Talents().Talent(ctx, ag.TalentID)
	if err != nil {
		return err
	}
	pr, err := tx.Projects().Project(ctx, ag.ProjectID)
	if err != nil {
		return err
	}
	owners, err := tx.businessOwners(ctx, mu.ID, pr.HostID)
	if err != nil {
		return err
	}
	for _, uid := range append([]int64{t.UserID}, owners...) {
		if err := tx.Tell(ctx, mu.ID, uid, "notice.agreement", map[string]any{"Title": pr.Title}, link); err != nil {
			return err
		}
	}
	return nil
}

// businessOwners lists the owners of a business in a municipality.
func (tx *Tx) businessOwners(ctx context.Context, municipalityID, orgID int64) ([]int64, error) {
	members, err := tx.Accounts().Members(ctx, municipalityID)
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

// AgreementView is an agreement as one of its parties, or staff who may
// read it, sees it.
type AgreementView struct {
	Actor        policy.Actor
	Agreement    domain.Agreement
	Project      domain.Project
	Host         domain.Organization
	Municipality domain.Municipality
	Talent       domain.Talent
	Program      domain.Program
	Parties      []domain.Party // as which parties the person may act
	Engagement   int64          // the team's workspace, once every party accepted
}

// View shows the terms as they stand to the parties and the staff who may
// read them; anyone else is told they do not exist. Reading terms is
// audited.
func (s *Agreements) View(ctx context.Context, id int64) (AgreementView, error) {
	v, err := s.find(ctx, id)
	if err != nil {
		return v, err
	}
	if g, err := s.app.st.Workspaces().EngagementOfProject(ctx, v.Agreement.ProjectID); err == nil && v.Agreement.Complete() {
		v.Engagement = g.ID
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "agreement.view", SubjectType: "agreement", SubjectID: v.Agreement.ID,
			MunicipalityID: v.Agreement.MunicipalityID})
	})
	return v, err
}

// Accept records the person's acceptance as one party, of the version
// they saw.
func (s *Agreements) Accept(ctx context.Context, id int64, party domain.Party, version int) error {
	v, err := s.find(ctx, id)
	if err != nil {
		return err
	}
	allowed := false
	for _, p := range v.Parties {
		allowed = allowed || p == party
	}
	if !allowed {
		return Refused("error.forbidden", v.Agreement.MunicipalityID, "agreement", v.Agreement.ID)
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		_, before := tx.Workspaces().EngagementOfProject(ctx, v.Agreement.ProjectID)
		ag, err := tx.Agreements().AcceptAgreement(ctx, v.Agreement.ID, version, party, v.Actor.UserID)
		if err != nil {
			return err
		}
		if domain.ErrorCode(before) == domain.CodeNotFound && ag.Complete() {
			if err := tx.defaultMilestones(ctx, v.Program, ag.ProjectID); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "agreement.accept." + string(party), SubjectType: "agreement",
			SubjectID: ag.ID, MunicipalityID: ag.MunicipalityID})
	})
}

// find loads an agreement for the signed-in person with the parties they
// may act as; someone who is no party and may not read agreements is told
// it does not exist.
func (s *Agreements) find(ctx context.Context, id int64) (AgreementView, error) {
	var v AgreementView
	var err error
	if v.Actor, err = s.app.SignedIn(ctx); err != nil {
		return v, err
	}
	if id < 1 {
		return v, domain.NotFound("agreement")
	}
	st := s.app.st
	if v.Agreement, err = st.Agreements().Agreement(ctx, id); err != nil {
		return v, err
	}
	if v.Project, err = st.Projects().Project(ctx, v.Agreement.ProjectID); err != nil {
		return v, err
	}
	if v.Parties, err = s.parties(ctx, v.Actor, v.Agreement, v.Project.HostID); err != nil {
		return v, err
	}
	if len(v.Parties) == 0 && !policy.Can(v.Actor, policy.ViewAgreements, policy.Resource{
		MunicipalityID: v.Agreement.MunicipalityID, OrganizationID: v.Project.HostID}) {
		return v, Hidden(v.Agreement.MunicipalityID, "agreement", v.Agreement.ID)
	}
	if v.Host, err = st.Directory().Organization(ctx, v.Project.HostID); err != nil {
		return v, err
	}
	if v.Talent, err = st.Talents().Talent(ctx, v.Agreement.TalentID); err != nil {
		return v, err
	}
	if v.Municipality, err = st.Directory().MunicipalityByID(ctx, v.Agreement.MunicipalityID); err != nil {
		return v, err
	}
	v.Program, err = s.app.Screening.programByID(ctx, v.Project.ProgramID)
	return v, err
}

// parties says as which parties the person may act on an agreement: the
// talent, an owner of the host business, and the municipality's staff,
// who decide 合意 (a partner drafts the terms but does not accept them
// for the municipality).
func (s *Agreements) parties(ctx context.Context, a policy.Actor, ag domain.Agreement, host int64) ([]domain.Party, error) {
	var out []domain.Party
	t, err := s.app.st.Talents().Talent(ctx, ag.TalentID)
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

// defaultMilestones starts a team that has just opened with the
// milestones of its program's timeline: the midterm review and the final
// presentation, on their days, where the program set them.
func (tx *Tx) defaultMilestones(ctx context.Context, p domain.Program, projectID int64) error {
	g, err := tx.Workspaces().EngagementOfProject(ctx, projectID)
	if err != nil {
		return err
	}
	for _, m := range []struct {
		step, title string
	}{{domain.StepMidterm, "中間報告"}, {domain.StepFinal, "成果報告会"}} {
		day := p.Timeline.Day(m.step)
		if day.IsZero() {
			continue
		}
		if err := tx.Workspaces().AddMilestone(ctx, &domain.Milestone{EngagementID: g.ID, Title: m.title, DueOn: day}); err != nil {
			return err
		}
	}
	return nil
}
