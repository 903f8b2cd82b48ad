package web

import (
	"net/http"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
)

// pathEntry finds the entry in the path within the municipality in the
// path and checks the action on it (app.Screening.EntryFor). An id that
// is not a number is not found.
func (s screeningPages) pathEntry(r *http.Request, act policy.Action) (app.EntryScope, error) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return s.app.Screening.EntryFor(r.Context(), r.PathValue("lgcode"), id, act)
}

type namedSkill struct {
	Skill refdata.Skill
	Level int
}

type entryDetailData struct {
	Municipality domain.Municipality
	Program      domain.Program
	Entry        domain.Entry
	Talent       domain.Talent
	Skills       []namedSkill
	Choices      []domain.Project
	History      []app.HistoryLine
	Reviews      []app.ReviewRow
	Mine         domain.Review
	Criteria     []domain.Criterion
	Assigned     []app.Reviewer
	Screeners    []app.Screener
	Interviews   []domain.Interview
	Email        string // the entrant's address, for those who may see contact details
	Targets      []domain.EntryStatus
	CanScreen    bool
	CanMove      bool
	Form         *form
	Done         string
	// IVForm holds each interview's time as its reschedule form shows it.
	IVForm map[int64]ivDefaults
	// Versions are the entry as it stood before its talent edited it or
	// entered again.
	Versions []app.EntryVersion
	Titles   map[int64]string
}

// ivDefaults is an interview's time in Japan, for its reschedule form.
type ivDefaults struct {
	Date, Time string
	Minutes    int
}

// entryDetail shows one entry to the people who screen it: the entrant's
// profile, choices, history, reviews, reviewers and interviews.
func (s screeningPages) entryDetail(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	d, err := s.app.Screening.EntryPage(r.Context(), r.PathValue("lgcode"), id)
	if err != nil {
		return err
	}
	return s.renderEntryDetail(w, r, lang, http.StatusOK, d, newForm())
}

// showEntryAgain shows the entry's page again with the problems of a form
// sent from it.
func (s screeningPages) showEntryAgain(w http.ResponseWriter, r *http.Request, lang i18n.Lang, sc app.EntryScope, f *form) error {
	d, err := s.app.Screening.EntryDetail(r.Context(), sc)
	if err != nil {
		return err
	}
	return s.renderEntryDetail(w, r, lang, http.StatusUnprocessableEntity, d, f)
}

func (s screeningPages) renderEntryDetail(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int,
	ed app.EntryDetail, f *form) error {
	a, e, res := ed.Actor, ed.Entry, ed.Resource
	d := entryDetailData{Municipality: ed.Municipality, Program: ed.Program, Entry: e, Talent: ed.Talent,
		Choices: ed.Choices, History: ed.History, Reviews: ed.Reviews, Mine: ed.Mine, Criteria: domain.Criteria(),
		Assigned: ed.Assigned, Screeners: ed.Screeners, Interviews: ed.Interviews, Email: ed.Email, Form: f,
		CanScreen: policy.Can(a, policy.ScreenEntries, res),
		CanMove:   policy.Can(a, policy.MoveEntries, res),
		Done:      r.URL.Query().Get("done"), IVForm: map[int64]ivDefaults{}, Versions: ed.Versions,
		Titles: ed.Titles}
	for _, iv := range ed.Interviews {
		at := iv.StartsAt.In(domain.Japan())
		d.IVForm[iv.ID] = ivDefaults{Date: at.Format("2006-01-02"), Time: at.Format("15:04"),
			Minutes: int(iv.EndsAt.Sub(iv.StartsAt).Minutes())}
	}
	decide := policy.Can(a, policy.DecideEntries, res)
	for _, st := range append(ed.Program.StageList(), domain.EntryDeclined) {
		if st != e.Status && (decide || !st.Final()) && (domain.Move{From: e.Status, To: st, Reason: "-"}).Validate() == nil {
			d.Targets = append(d.Targets, st)
		}
	}
	for _, sk := range d.Talent.Skills {
		if ref, ok := s.ref.Skill(sk.Code); ok {
			d.Skills = append(d.Skills, namedSkill{Skill: ref, Level: sk.Level})
		}
	}
	return s.render(w, r, lang, status, "entry_admin", d.Talent.Name, d)
}

func entryAdminURL(mu domain.Municipality, e domain.Entry, done string) string {
	return "/admin/" + mu.LGCode + "/entries/" + strconv.FormatInt(e.ID, 10) + "?done=" + done
}

// saveReview keeps the reviewer's own scores (1–5 per criterion) and note.
func (s screeningPages) saveReview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.pathEntry(r, policy.ScreenEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "note")
	if err != nil {
		return err
	}
	rv := domain.Review{Note: f.Values["note"], Scores: map[domain.Criterion]int{}}
	for _, c := range domain.Criteria() {
		v := r.PostForm.Get("score_" + string(c))
		f.Values["score_"+string(c)] = v
		if v == "" {
			continue
		}
		n, err := domain.ParseNumber(v)
		if err != nil {
			n = 0 // reported by Validate as out of range
		}
		rv.Scores[c] = n
	}
	err = s.app.Screening.SaveReview(r.Context(), sc, rv)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.showEntryAgain(w, r, lang, sc, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, entryAdminURL(sc.Municipality, sc.Entry, "review"), http.StatusSeeOther)
	return nil
}

// assignReviewers adds or removes a screener on the entry.
func (s screeningPages) assignReviewers(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "user", "action")
	if err != nil {
		return err
	}
	uid, _ := strconv.ParseInt(f.Values["user"], 10, 64)
	if err := s.app.Screening.AssignReviewer(r.Context(), sc, uid, f.Values["action"]); err != nil {
		return err
	}
	http.Redirect(w, r, entryAdminURL(sc.Municipality, sc.Entry, "reviewers"), http.StatusSeeOther)
	return nil
}

// moveEntry moves one entry, from its own page.
func (s screeningPages) moveEntry(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "to", "reason")
	if err != nil {
		return err
	}
	_, err = s.app.Screening.Move(r.Context(), sc.Actor, sc.Municipality, sc.Program, []int64{sc.Entry.ID},
		domain.EntryStatus(f.Values["to"]), f.Values["reason"])
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.showEntryAgain(w, r, lang, sc, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, entryAdminURL(sc.Municipality, sc.Entry, "moved"), http.StatusSeeOther)
	return nil
}

// scheduleInterview books an interview, moves the entry to 面談 and sends
// every participant a calendar invitation.
func (s screeningPages) scheduleInterview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	sc, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, iv, ok, err := s.readInterview(w, r, lang)
	if err != nil {
		return err
	}
	iv.EntryID, iv.CreatedBy = sc.Entry.ID, sc.Actor.UserID
	if ok {
		err = s.app.Screening.ScheduleInterview(r.Context(), sc.Municipality, sc.Program, &iv)
		if domain.ErrorCode(err) == domain.CodeInvalid || domain.ErrorCode(err) == domain.CodeConflict {
			s.fieldErrors(lang, f, err)
		} else if err != nil {
			return err
		}
	}
	if f.Has() {
		return s.showEntryAgain(w, r, lang, sc, f)
	}
	http.Redirect(w, r, entryAdminURL(sc.Municipality, sc.Entry, "interview"), http.StatusSeeOther)
	return nil
}
