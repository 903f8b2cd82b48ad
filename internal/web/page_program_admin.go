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

// programAdminPages are the form that opens a program.
type programAdminPages struct{ *kit }

type programFormData struct {
	Municipality  domain.Municipality
	Organizations []domain.Organization
	Hosts         map[int64]bool
	Form          *form
	ChoiceModes   []domain.ChoiceMode
	Steps         []string // the timeline's steps after the entry window
}

// newProgramPage is the form a municipality's staff fill in to open a
// recruitment program, co-hosted by any of its organizations.
func (s programAdminPages) newProgramPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	pf, err := s.app.Programs.Form(r.Context(), r.PathValue("lgcode"))
	if err != nil {
		return err
	}
	return s.renderProgramForm(w, r, lang, http.StatusOK, pf, newForm(), nil)
}

// renderProgramForm shows the form; without chosen hosts, the
// municipality's office is chosen.
func (s programAdminPages) renderProgramForm(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int,
	pf app.ProgramForm, f *form, hosts map[int64]bool) error {
	d := programFormData{Municipality: pf.Municipality, Organizations: pf.Organizations, Form: f, Hosts: hosts,
		ChoiceModes: domain.ChoiceModes(), Steps: domain.TimelineSteps()}
	if f.Values["choice_mode"] == "" {
		f.Values["choice_mode"] = string(domain.ChoicesRequired)
	}
	if d.Hosts == nil {
		d.Hosts = map[int64]bool{}
		for _, o := range d.Organizations {
			d.Hosts[o.ID] = o.Kind == domain.OrgMunicipalityOffice
		}
	}
	return s.render(w, r, lang, status, "program_form", s.cat.T(lang, "progform.title", nil), d)
}

// createProgram opens a program; the office first among its co-hosts.
func (s programAdminPages) createProgram(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	fields := []string{"title", "title_en", "slug", "opens", "closes"}
	for _, step := range domain.TimelineSteps() {
		fields = append(fields, step+"_on")
	}
	f, err := readForm(w, r, fields...)
	if err != nil {
		return err
	}
	p := domain.Program{Title: domain.NormalizeText(f.Values["title"]), TitleEN: f.Values["title_en"],
		ChoiceMode: domain.ChoiceMode(r.PostForm.Get("choice_mode")),
		Slug:       strings.ToLower(f.Values["slug"]), Summary: strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("summary"), "\r\n", "\n"))}
	f.Values["summary"] = p.Summary
	f.Values["choice_mode"] = string(p.ChoiceMode)
	if t, ok := parseDay(f.Values["opens"]); ok {
		p.EntryOpensAt = t
	}
	if t, ok := parseDay(f.Values["closes"]); ok {
		p.EntryClosesAt = t.Add(24*time.Hour - time.Second) // to the end of the day, Japan time
	}
	badDays := map[string]bool{}
	for _, step := range domain.TimelineSteps() {
		if v := f.Values[step+"_on"]; v != "" {
			t, ok := parseDay(v)
			p.Timeline.SetDay(step, t)
			badDays[step+"_on"] = !ok
		}
	}
	hosts := map[int64]bool{}
	for _, v := range r.PostForm["host"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && !hosts[id] {
			hosts[id] = true
			p.HostIDs = append(p.HostIDs, id)
		}
	}
	if dayErrors := s.badDays(lang, badDays); len(dayErrors) > 0 {
		// A day that is no date is not read as none: the form comes back
		// with it, and with the other fields' problems.
		pf, err := s.app.Programs.Form(r.Context(), r.PathValue("lgcode"))
		if err != nil {
			return err
		}
		p.MunicipalityID = pf.Municipality.ID
		if err := p.Validate(); err != nil {
			s.fieldErrors(lang, f, err)
		}
		for name, msg := range dayErrors {
			f.Errors[name] = msg
		}
		return s.renderProgramForm(w, r, lang, http.StatusUnprocessableEntity, pf, f, hosts)
	}
	pf, err := s.app.Programs.Open(r.Context(), r.PathValue("lgcode"), &p)
	if c := domain.ErrorCode(err); c == domain.CodeInvalid || c == domain.CodeConflict {
		s.fieldErrors(lang, f, err)
		return s.renderProgramForm(w, r, lang, http.StatusUnprocessableEntity, pf, f, hosts)
	}
	if err != nil {
		return err
	}
	seeOtherWith(w, r, "/programs/"+p.Slug, "program_created")
	return nil
}

// setDelegate delegates the program's day-to-day operations to a partner
// (or, with 0, to nobody); the municipality's staff decide.
func (s programAdminPages) setDelegate(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.app.Screening.ProgramFor(r.Context(), r.PathValue("lgcode"), r.PathValue("slug"), policy.DecideEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "delegate")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(f.Values["delegate"], 10, 64)
	if err != nil || id < 0 {
		return invalidParam("delegate", "error.choice", "Value", f.Values["delegate"])
	}
	if err := s.app.Programs.SetDelegate(r.Context(), sc, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/"+sc.Municipality.LGCode+"/programs/"+sc.Program.Slug+"/entries?delegated=1", http.StatusSeeOther)
	return nil
}

// badDays are the problems of the timeline's days that are no dates,
// naming each field as its label does.
func (s programAdminPages) badDays(lang i18n.Lang, bad map[string]bool) map[string]string {
	out := map[string]string{}
	for name, b := range bad {
		if b {
			label := s.cat.T(lang, "timeline."+strings.TrimSuffix(name, "_on"), nil)
			out[name] = s.cat.T(lang, "error.day_of", map[string]any{"Field": label})
		}
	}
	return out
}
