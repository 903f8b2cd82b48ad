package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// entryPages take a talent's entry to a program: the form, its
// confirmation screen, the completion page and the API. The steps are
// 入力 → 確認 → 完了, each a page of its own, without JavaScript.
type entryPages struct{ *kit }

type entryData struct {
	Form     *form
	Program  domain.Program
	Projects []domain.Project
	Choices  []string // the chosen project ids as typed, MaxChoices long
	Step     string   // "input", "confirm" or "done"
	// Chosen are the chosen projects in order, for the confirmation.
	Chosen []domain.Project
	// Existing is the person's earlier entry (ID 0 when none); Locked
	// says it is in selection and can no longer change.
	Existing     domain.Entry
	Locked       bool
	NeedsProfile bool
}

// entryForm checks that the person may enter (app.Entries.Form): signed
// in and the program open. Without a profile the form still opens; the
// entry is kept while they make one (draftURL).
func (s entryPages) entryForm(r *http.Request) (app.EntryForm, entryData, error) {
	ef, err := s.app.Entries.Form(r.Context(), r.PathValue("slug"))
	d := entryData{Program: ef.Program, Projects: ef.Projects, Choices: make([]string, domain.MaxChoices),
		Step: "input", Existing: ef.Existing, Locked: !ef.Editable()}
	if app.ProfileRequired(err) && ef.Program.ID != 0 {
		d.NeedsProfile, err = true, nil
	}
	return ef, d, err
}

// entryPage shows the form: empty, or with the person's earlier entry to
// edit, or with what they typed before making their profile (the query's
// choice_N and motivation). A project page's 応募する button sends
// ?project=ID, which becomes the first choice of a new entry.
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
	q := r.URL.Query()
	if d.Existing.ID != 0 {
		for i, id := range d.Existing.Choices {
			d.Choices[i] = strconv.FormatInt(id, 10)
		}
		d.Form.Values["motivation"] = d.Existing.Motivation
	} else if want := q.Get("project"); want != "" {
		// From a project's 応募する button: that project is the first
		// choice when the program offers it.
		for _, p := range d.Projects {
			if strconv.FormatInt(p.ID, 10) == want {
				d.Choices[0] = want
			}
		}
	}
	if q.Has("motivation") {
		for i := range d.Choices {
			d.Choices[i] = q.Get("choice_" + strconv.Itoa(i+1))
		}
		d.Form.Values["motivation"] = q.Get("motivation")
	}
	return s.render(w, r, lang, http.StatusOK, "entry", s.cat.T(lang, "entry.title", nil), d)
}

// enter takes one step of the form. "confirm" checks the entry and shows
// it for confirmation (確認); "edit" goes back to the form with
// everything kept; "submit" (or no step, as before the confirmation
// existed) records the entry and its receipt mail in one transaction and
// leads to 完了. The form's hidden key makes a double click or a retry
// return the same entry. Without a profile, the person is sent to make
// one, with their entry kept in the way back.
func (s entryPages) enter(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	ef, d, err := s.entryForm(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "key", "step")
	if err != nil {
		return err
	}
	d.Form = f
	f.Values["motivation"] = strings.TrimSpace(r.PostForm.Get("motivation"))
	in := app.EntryInput{Motivation: f.Values["motivation"], Key: f.Values["key"], Lang: lang,
		Program: i18n.Pick(lang, d.Program.Title, d.Program.TitleEN), Revise: true}
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
	title := s.cat.T(lang, "entry.title", nil)
	if d.NeedsProfile {
		return seeOther(draftURL(d.Program.Slug, d.Choices, f.Values["motivation"]))
	}
	switch f.Values["step"] {
	case "edit":
		return s.render(w, r, lang, http.StatusOK, "entry", title, d)
	case "confirm":
		_, _, err := s.app.Entries.Check(ef, in)
		if domain.ErrorCode(err) == domain.CodeInvalid {
			s.fieldErrors(lang, f, err)
			return s.render(w, r, lang, http.StatusUnprocessableEntity, "entry", title, d)
		}
		if err != nil {
			return err
		}
		byID := map[int64]domain.Project{}
		for _, p := range d.Projects {
			byID[p.ID] = p
		}
		for _, id := range in.Choices {
			d.Chosen = append(d.Chosen, byID[id])
		}
		d.Step = "confirm"
		return s.render(w, r, lang, http.StatusOK, "entry_confirm", s.cat.T(lang, "entry.confirm_title", nil), d)
	}
	_, err = s.app.Entries.Enter(r.Context(), ef, in)
	switch domain.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/programs/"+d.Program.Slug+"/entry/done", http.StatusSeeOther)
		return nil
	case domain.CodeInvalid:
		s.fieldErrors(lang, f, err)
		return s.render(w, r, lang, http.StatusUnprocessableEntity, "entry", title, d)
	case domain.CodeConflict:
		s.fieldErrors(lang, f, err)
		return s.render(w, r, lang, http.StatusConflict, "entry", title, d)
	case domain.CodeRateLimited:
		// Too many entries at once: the form again, as typed, asking to
		// send it again in a moment.
		s.fieldErrors(lang, f, err)
		s.publicError(r, lang, err).writeHeaders(w)
		return s.render(w, r, lang, http.StatusTooManyRequests, "entry", title, d)
	}
	return err
}

// entryDone is the last step (完了): the entry was received. It exists
// only for someone who entered the program.
func (s entryPages) entryDone(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	_, d, err := s.entryForm(r)
	if err != nil {
		return err
	}
	if d.Existing.ID == 0 {
		return notFound("entry")
	}
	d.Step = "done"
	return s.render(w, r, lang, http.StatusOK, "entry_done", s.cat.T(lang, "entry.done_title", nil), d)
}

// draftURL is the profile page, asked to lead back to the program's entry
// form with the entry as typed.
func draftURL(slug string, choices []string, motivation string) string {
	q := url.Values{"for": {slug}, "motivation": {motivation}}
	for i, c := range choices {
		q.Set("choice_"+strconv.Itoa(i+1), c)
	}
	return "/me/profile?" + q.Encode()
}

// entryBackURL is the entry form with the draft a profile page carried.
func entryBackURL(slug string, draft url.Values) string {
	q := url.Values{"motivation": {draft.Get("motivation")}}
	for i := range domain.MaxChoices {
		q.Set("choice_"+strconv.Itoa(i+1), draft.Get("choice_"+strconv.Itoa(i+1)))
	}
	return "/programs/" + url.PathEscape(slug) + "/entry?" + q.Encode()
}
