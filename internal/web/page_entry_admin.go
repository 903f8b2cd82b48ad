package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// pathEntry finds the entry in the path within the municipality and checks
// the action on it. Someone who may take the action on some entries but
// not this one (a leader not assigned to review it) is told it does not
// exist.
func (s *Server) pathEntry(r *http.Request, act policy.Action) (
	policy.Actor, domain.Municipality, domain.Program, domain.Entry, error) {
	var p domain.Program
	var e domain.Entry
	mu, err := s.pathMunicipality(r)
	if err != nil {
		return policy.Actor{}, mu, p, e, err
	}
	a, err := s.allowSome(r, act, mu.ID)
	if err != nil {
		return a, mu, p, e, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return a, mu, p, e, notFound("entry")
	}
	if e, err = s.store.Entry(r.Context(), id); err != nil {
		return a, mu, p, e, err
	}
	if e.MunicipalityID != mu.ID {
		return a, mu, p, e, notFound("entry")
	}
	res, err := s.entryResource(r, a, e)
	if err != nil {
		return a, mu, p, e, err
	}
	if !policy.Can(a, act, res) {
		return a, mu, p, e, hiddenFrom(mu.ID, "entry", e.ID)
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return a, mu, p, e, err
	}
	return a, mu, h.programs[e.ProgramID], e, nil
}

// entryResource is an entry as the policy sees it: its municipality, and
// whether the person is assigned to review it.
func (s *Server) entryResource(r *http.Request, a policy.Actor, e domain.Entry) (policy.Resource, error) {
	assigned, err := s.store.IsReviewer(r.Context(), e.ID, a.UserID)
	return policy.Resource{MunicipalityID: e.MunicipalityID, AssignedReviewer: assigned}, err
}

type namedSkill struct {
	Skill refdata.Skill
	Level int
}

type historyLine struct {
	store.EntryEvent
	Actor string
}

type entryDetailData struct {
	Municipality domain.Municipality
	Program      domain.Program
	Entry        domain.Entry
	Talent       domain.Talent
	Skills       []namedSkill
	Choices      []domain.Project
	History      []historyLine
	Reviews      []store.ReviewRow
	Mine         domain.Review
	Criteria     []domain.Criterion
	Assigned     []store.Reviewer
	Screeners    []store.Screener
	Interviews   []domain.Interview
	Email        string // the entrant's address, for those who may see contact details
	Targets      []domain.EntryStatus
	CanScreen    bool
	CanMove      bool
	Form         *form
	Done         string
}

// entryDetail shows one entry to the people who screen it: the entrant's
// profile, choices, history, reviews, reviewers and interviews.
func (s *Server) entryDetail(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, e, err := s.pathEntry(r, policy.ViewEntries)
	if err != nil {
		return err
	}
	return s.renderEntryDetail(w, r, lang, http.StatusOK, a, mu, p, e, newForm())
}

func (s *Server) renderEntryDetail(w http.ResponseWriter, r *http.Request, lang i18n.Lang, status int, a policy.Actor,
	mu domain.Municipality, p domain.Program, e domain.Entry, f *form) error {
	ctx := r.Context()
	res, err := s.entryResource(r, a, e)
	if err != nil {
		return err
	}
	d := entryDetailData{Municipality: mu, Program: p, Entry: e, Criteria: domain.Criteria(), Form: f,
		Mine:      domain.Review{Scores: map[domain.Criterion]int{}},
		CanScreen: policy.Can(a, policy.ScreenEntries, res),
		CanMove:   policy.Can(a, policy.MoveEntries, res),
		Done:      r.URL.Query().Get("done")}
	decide := policy.Can(a, policy.DecideEntries, res)
	for _, st := range append(p.StageList(), domain.EntryDeclined) {
		if st != e.Status && (decide || !st.Final()) && (domain.Move{From: e.Status, To: st, Reason: "-"}).Validate() == nil {
			d.Targets = append(d.Targets, st)
		}
	}
	if d.Talent, err = s.store.Talent(ctx, e.TalentID); err != nil {
		return err
	}
	if policy.Can(a, policy.ViewContacts, res) {
		if d.Email, err = s.store.TalentEmail(ctx, e.TalentID); err != nil {
			return err
		}
	}
	for _, sk := range d.Talent.Skills {
		if ref, ok := s.ref.Skill(sk.Code); ok {
			d.Skills = append(d.Skills, namedSkill{Skill: ref, Level: sk.Level})
		}
	}
	for _, id := range e.Choices {
		pr, err := s.store.Project(ctx, id)
		if err != nil {
			return err
		}
		d.Choices = append(d.Choices, pr)
	}
	events, err := s.store.EntryHistory(ctx, e.ID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, ev := range events {
		line := historyLine{EntryEvent: ev}
		if ev.ActorID != 0 {
			if _, seen := names[ev.ActorID]; !seen {
				u, err := s.store.UserByID(ctx, ev.ActorID)
				if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
					return err
				}
				names[ev.ActorID] = u.Name
			}
			line.Actor = names[ev.ActorID]
		}
		d.History = append(d.History, line)
	}
	if d.Reviews, err = s.store.Reviews(ctx, 0, e.ID); err != nil {
		return err
	}
	for _, rv := range d.Reviews {
		if rv.ReviewerID == a.UserID {
			d.Mine = rv.Review
		}
	}
	all, err := s.store.ReviewersOfProgram(ctx, e.ProgramID)
	if err != nil {
		return err
	}
	for _, rv := range all {
		if rv.EntryID == e.ID {
			d.Assigned = append(d.Assigned, rv)
		}
	}
	if d.Screeners, err = s.store.Screeners(ctx, mu.ID); err != nil {
		return err
	}
	if d.Interviews, err = s.store.Interviews(ctx, e.ID); err != nil {
		return err
	}
	if err := s.audit(ctx, nil, r, "entry.view", "entry", e.ID, mu.ID); err != nil {
		return err
	}
	return s.render(w, r, lang, status, "entry_admin", d.Talent.Name, d)
}

func (s *Server) entryAdminURL(mu domain.Municipality, e domain.Entry, done string) string {
	return "/admin/" + mu.LGCode + "/entries/" + strconv.FormatInt(e.ID, 10) + "?done=" + done
}

// saveReview keeps the reviewer's own scores (1–5 per criterion) and note.
func (s *Server) saveReview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, e, err := s.pathEntry(r, policy.ScreenEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "note")
	if err != nil {
		return err
	}
	rv := domain.Review{EntryID: e.ID, ReviewerID: a.UserID, Note: f.Values["note"], Scores: map[domain.Criterion]int{}}
	for _, c := range domain.Criteria() {
		v := r.PostForm.Get("score_" + string(c))
		f.Values["score_"+string(c)] = v
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			n = 0 // reported by Validate as out of range
		}
		rv.Scores[c] = n
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SaveReview(r.Context(), &rv); err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "entry.review", "entry", e.ID, mu.ID)
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.renderEntryDetail(w, r, lang, http.StatusUnprocessableEntity, a, mu, p, e, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, s.entryAdminURL(mu, e, "review"), http.StatusSeeOther)
	return nil
}

// assignReviewers adds or removes a screener on the entry.
func (s *Server) assignReviewers(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, _, e, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "user", "action")
	if err != nil {
		return err
	}
	uid, _ := strconv.ParseInt(f.Values["user"], 10, 64)
	screeners, err := s.store.Screeners(r.Context(), mu.ID)
	if err != nil {
		return err
	}
	known := false
	for _, sc := range screeners {
		known = known || sc.UserID == uid
	}
	if !known {
		return invalidParam("user", "error.reviewer_unknown")
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if f.Values["action"] == "remove" {
			if err := tx.UnassignReviewer(r.Context(), e.ID, uid); err != nil {
				return err
			}
		} else {
			if err := tx.AssignReviewer(r.Context(), e.ID, uid, a.UserID); err != nil {
				return err
			}
			if err := tx.Notify(r.Context(), uid, "notice.review_assigned", nil,
				"/admin/"+mu.LGCode+"/entries/"+strconv.FormatInt(e.ID, 10)); err != nil {
				return err
			}
		}
		return s.audit(r.Context(), tx, r, "entry.reviewer."+f.Values["action"], "entry", e.ID, mu.ID)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, s.entryAdminURL(mu, e, "reviewers"), http.StatusSeeOther)
	return nil
}

// moveEntry moves one entry, from its own page.
func (s *Server) moveEntry(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, e, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "to", "reason")
	if err != nil {
		return err
	}
	_, err = s.moveAndTell(r, a, mu, p, []int64{e.ID}, domain.EntryStatus(f.Values["to"]), f.Values["reason"])
	if domain.ErrorCode(err) == domain.CodeInvalid {
		s.fieldErrors(lang, f, err)
		return s.renderEntryDetail(w, r, lang, http.StatusUnprocessableEntity, a, mu, p, e, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, s.entryAdminURL(mu, e, "moved"), http.StatusSeeOther)
	return nil
}

// scheduleInterview books an interview, moves the entry to 面談 and sends
// the entrant a calendar invitation.
func (s *Server) scheduleInterview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	a, mu, p, e, err := s.pathEntry(r, policy.MoveEntries)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, "date", "time", "minutes", "place", "video_url", "note")
	if err != nil {
		return err
	}
	iv := domain.Interview{EntryID: e.ID, Place: f.Values["place"], VideoURL: f.Values["video_url"],
		Note: f.Values["note"], CreatedBy: a.UserID}
	start, perr := time.ParseInLocation("2006-01-02 15:04", f.Values["date"]+" "+f.Values["time"], domain.Japan())
	minutes, merr := strconv.Atoi(f.Values["minutes"])
	if perr != nil {
		f.Errors["date"] = s.cat.T(lang, "error.date", nil)
	}
	if merr != nil {
		minutes = 0
	}
	iv.StartsAt, iv.EndsAt = start, start.Add(time.Duration(minutes)*time.Minute)
	if perr == nil {
		err = s.app.Screening.ScheduleInterview(r.Context(), mu, p, &iv)
		if domain.ErrorCode(err) == domain.CodeInvalid || domain.ErrorCode(err) == domain.CodeConflict {
			s.fieldErrors(lang, f, err)
		} else if err != nil {
			return err
		}
	}
	if f.Has() {
		return s.renderEntryDetail(w, r, lang, http.StatusUnprocessableEntity, a, mu, p, e, f)
	}
	http.Redirect(w, r, s.entryAdminURL(mu, e, "interview"), http.StatusSeeOther)
	return nil
}
