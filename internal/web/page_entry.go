package web

import (
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// maxMotivation bounds the motivation text, in characters.
const maxMotivation = 2000

type entryData struct {
	Form     *form
	Program  domain.Program
	Projects []domain.Project
	Choices  []string // the chosen project ids as typed, MaxChoices long
}

// entryContext loads what the entry form needs and checks that the person
// may enter: signed in, with a profile, and the program open.
func (s *Server) entryContext(r *http.Request) (talent domain.Talent, d entryData, err error) {
	userID, err := s.requireUser(r)
	if err != nil {
		return talent, d, err
	}
	talent, err = s.store.TalentByUser(r.Context(), userID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		// A profile comes first; the profile page then leads back here.
		return talent, d, seeOther("/me/profile?for=" + r.PathValue("slug"))
	}
	if err != nil {
		return talent, d, err
	}
	d.Program, err = s.store.ProgramBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return talent, d, err
	}
	if phase := d.Program.Phase(s.now()); phase != domain.PhaseOpen {
		key := "error.program_closed"
		if phase == domain.PhaseUpcoming {
			key = "error.program_upcoming"
		}
		return talent, d, domain.Errorf(domain.CodeConflict, key, "Title", d.Program.Title)
	}
	page, err := s.store.ListProjects(r.Context(), store.ProjectFilter{ProgramID: d.Program.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return talent, d, err
	}
	d.Projects, d.Choices = page.Projects, make([]string, domain.MaxChoices)
	return talent, d, nil
}

func (s *Server) entryPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, d, err := s.entryContext(r)
	if err != nil {
		return err
	}
	d.Form = newForm()
	key, _, err := auth.NewToken()
	if err != nil {
		return err
	}
	d.Form.Values["key"] = key
	return s.render(w, r, lang, http.StatusOK, "entry", s.cat.T(lang, "entry.title", nil), d)
}

// enter records the entry and its confirmation mail in one transaction.
// The form's hidden key makes a double click or a retry return the same
// entry.
func (s *Server) enter(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	talent, d, err := s.entryContext(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "key")
	if err != nil {
		return err
	}
	d.Form = f
	motivation := strings.TrimSpace(r.PostForm.Get("motivation"))
	f.Values["motivation"] = motivation
	published := map[int64]domain.Project{}
	for _, p := range d.Projects {
		published[p.ID] = p
	}
	var choices []int64
	var titles []string
	for i := range domain.MaxChoices {
		v := r.PostForm.Get("choice_" + strconv.Itoa(i+1))
		d.Choices[i] = v
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if p, ok := published[id]; err == nil && ok {
			choices = append(choices, id)
			titles = append(titles, p.Title)
		} else {
			f.Errors["choices"] = s.cat.T(lang, "error.choice_program", nil)
		}
	}
	if len([]rune(motivation)) > maxMotivation {
		f.Errors["motivation"] = s.cat.T(lang, "error.too_long", map[string]any{"Max": maxMotivation})
	}
	e := domain.Entry{MunicipalityID: d.Program.MunicipalityID, ProgramID: d.Program.ID, TalentID: talent.ID,
		Choices: choices, Motivation: motivation, Status: domain.EntrySubmitted, SubmittedAt: time.Now(),
		IdempotencyKey: f.Values["key"]}
	if err := e.Validate(); err != nil {
		s.fieldErrors(lang, f, err)
	}
	if f.Has() {
		return s.render(w, r, lang, http.StatusBadRequest, "entry", s.cat.T(lang, "entry.title", nil), d)
	}
	u, err := s.store.UserByID(r.Context(), s.userID(r))
	if err != nil {
		return err
	}
	_, err = s.app.Entries.Submit(r.Context(), app.Submission{Entry: &e, User: u, Lang: lang,
		Program: i18n.Pick(lang, d.Program.Title, d.Program.TitleEN), Projects: titles})
	if domain.ErrorCode(err) == domain.CodeConflict {
		s.fieldErrors(lang, f, err)
		return s.render(w, r, lang, http.StatusConflict, "entry", s.cat.T(lang, "entry.title", nil), d)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me?entered="+d.Program.Slug, http.StatusSeeOther)
	return nil
}
