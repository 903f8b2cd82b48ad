package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// entryPages take a talent's entry to a program: the form and the API.
type entryPages struct{ *kit }

type entryData struct {
	Form     *form
	Program  domain.Program
	Projects []domain.Project
	Choices  []string // the chosen project ids as typed, MaxChoices long
}

// entryForm checks that the person may enter (app.Entries.Form): signed
// in, with a profile, and the program open. Without a profile they make
// one first; the profile page then leads back here.
func (s entryPages) entryForm(r *http.Request) (app.EntryForm, entryData, error) {
	ef, err := s.app.Entries.Form(r.Context(), r.PathValue("slug"))
	if app.ProfileRequired(err) {
		return ef, entryData{}, seeOther("/me/profile?for=" + r.PathValue("slug"))
	}
	return ef, entryData{Program: ef.Program, Projects: ef.Projects, Choices: make([]string, domain.MaxChoices)}, err
}

func (s entryPages) entryPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, d, err := s.entryForm(r)
	if err != nil {
		return err
	}
	d.Form = newForm()
	key, _, err := auth.NewToken()
	if err != nil {
		return err
	}
	d.Form.Values["key"] = key
	// From a project's 応募する button: that project is the first choice
	// when the program offers it.
	if want := r.URL.Query().Get("project"); want != "" {
		for _, p := range d.Projects {
			if strconv.FormatInt(p.ID, 10) == want {
				d.Choices[0] = want
			}
		}
	}
	return s.render(w, r, lang, http.StatusOK, "entry", s.cat.T(lang, "entry.title", nil), d)
}

// enter records the entry and its confirmation mail in one transaction.
// The form's hidden key makes a double click or a retry return the same
// entry.
func (s entryPages) enter(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ef, d, err := s.entryForm(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "key")
	if err != nil {
		return err
	}
	d.Form = f
	f.Values["motivation"] = strings.TrimSpace(r.PostForm.Get("motivation"))
	in := app.EntryInput{Motivation: f.Values["motivation"], Key: f.Values["key"], Lang: lang,
		Program: i18n.Pick(lang, d.Program.Title, d.Program.TitleEN)}
	for i := range domain.MaxChoices {
		v := r.PostForm.Get("choice_" + strconv.Itoa(i+1))
		d.Choices[i] = v
		if v == "" {
			continue
		}
		// A value that is no project's id is no published project's.
		id, _ := strconv.ParseInt(v, 10, 64)
		in.Choices = append(in.Choices, id)
	}
	_, err = s.app.Entries.Enter(r.Context(), ef, in)
	switch domain.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me?entered="+d.Program.Slug, http.StatusSeeOther)
		return nil
	case domain.CodeInvalid:
		s.fieldErrors(lang, f, err)
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "entry", s.cat.T(lang, "entry.title", nil), d)
	case domain.CodeConflict:
		s.fieldErrors(lang, f, err)
		return s.render(w, r, lang, http.StatusConflict, "entry", s.cat.T(lang, "entry.title", nil), d)
	}
	return err
}
