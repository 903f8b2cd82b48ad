package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// agreementPages draft the terms of a placement and let each party accept
// them.
type agreementPages struct{ *kit }

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
func (s agreementPages) agreementForm(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	dr, err := s.app.Agreements.DraftFor(r.Context(), r.PathValue("lgcode"), id)
	if err != nil {
		return err
	}
	d := agreementFormOf(dr, newForm())
	return s.render(w, r, lang, http.StatusOK, "agreement_form", s.cat.T(lang, "agreement.draft_title", nil), d)
}

// agreementFormOf is the form of a draft, with its dates as typed unless
// the form holds what was typed.
func agreementFormOf(dr app.Draft, f *form) agreementFormData {
	d := agreementFormData{Municipality: dr.Municipality, Program: dr.Program, Entry: dr.Entry, Talent: dr.Talent,
		Choices: dr.Choices, Agreement: dr.Agreement, Exists: dr.Exists, Form: f, Types: domain.AgreementTypes()}
	for name, t := range map[string]time.Time{"starts_on": d.Agreement.StartsOn, "ends_on": d.Agreement.EndsOn} {
		if _, typed := f.Values[name]; !typed && !t.IsZero() {
			f.Values[name] = t.In(domain.Japan()).Format("2006-01-02")
		}
	}
	return d
}

// saveAgreement saves the terms; a change voids earlier acceptances, and
// the talent and the business are asked (again) to accept.
func (s agreementPages) saveAgreement(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	sc, err := s.app.Screening.EntryFor(r.Context(), r.PathValue("lgcode"), id, policy.DraftAgreements)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "project", "type", "reward_yen", "hours", "starts_on", "ends_on", "deliverables")
	if err != nil {
		return err
	}
	ag := domain.Agreement{Type: domain.AgreementType(f.Values["type"]),
		Deliverables: strings.ReplaceAll(r.PostForm.Get("deliverables"), "\r\n", "\n")}
	ag.ProjectID, _ = strconv.ParseInt(f.Values["project"], 10, 64)
	for name, dst := range map[string]*int{"reward_yen": &ag.RewardYen, "hours": &ag.HoursPerMonth} {
		n, err := domain.ParseNumber(f.Values[name])
		if err != nil && f.Values[name] != "" {
			f.Errors[name] = s.cat.T(lang, "error.number", nil)
		}
		*dst = n
	}
	for name, dst := range map[string]*time.Time{"starts_on": &ag.StartsOn, "ends_on": &ag.EndsOn} {
		if v := f.Values[name]; v != "" {
			t, err := domain.ParseDate(v)
			if err != nil {
				f.Errors["period"] = s.cat.T(lang, "error.date", nil)
			}
			*dst = t
		}
	}
	if !f.Has() {
		err = s.app.Agreements.Save(r.Context(), sc, &ag)
		if err == nil {
			http.Redirect(w, r, "/agreements/"+strconv.FormatInt(ag.ID, 10)+"?saved=1", http.StatusSeeOther)
			return nil
		}
		if c := domain.ErrorCode(err); c != domain.CodeInvalid && c != domain.CodeConflict {
			return err
		}
		s.fieldErrors(lang, f, err)
	}
	dr, err := s.app.Agreements.Draft(r.Context(), sc)
	if err != nil {
		return err
	}
	d := agreementFormOf(dr, f)
	d.Agreement = ag
	return s.render(w, r, lang, http.StatusUnprocessableEntity, "agreement_form", s.cat.T(lang, "agreement.draft_title", nil), d)
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

// agreementPage shows the terms as they stand, printable, to the three
// parties, with a button for each side the viewer may accept as.
func (s agreementPages) agreementPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	v, err := s.app.Agreements.View(r.Context(), id)
	if err != nil {
		return err
	}
	d := agreementPageData{Agreement: v.Agreement, Project: v.Project, Host: v.Host, Municipality: v.Municipality,
		Talent: v.Talent, Program: v.Program, Engagement: v.Engagement, Saved: r.URL.Query().Get("saved") != "",
		CanEdit: policy.Can(v.Actor, policy.DraftAgreements, app.ProgramResource(v.Program))}
	for _, p := range v.Parties {
		if !d.Agreement.AcceptedBy(p) {
			d.CanAccept = append(d.CanAccept, p)
		}
	}
	return s.render(w, r, lang, http.StatusOK, "agreement", s.cat.T(lang, "agreement.title", nil), d)
}

// acceptAgreement records the viewer's acceptance as one party, of the
// version they saw.
func (s agreementPages) acceptAgreement(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "party", "version")
	if err != nil {
		return err
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	version, _ := domain.ParseNumber(f.Values["version"])
	if err := s.app.Agreements.Accept(r.Context(), id, domain.Party(f.Values["party"]), version); err != nil {
		return err
	}
	seeOtherWith(w, r, "/agreements/"+strconv.FormatInt(id, 10), "agreement_accepted")
	return nil
}
