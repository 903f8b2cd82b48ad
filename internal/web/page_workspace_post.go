package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// workspaceChange reads the form of a change to a workspace, has change
// apply it (an app.Engagements method, which checks the viewer's right
// and audits the change), and goes back to the section named by done. An
// invalid form is shown again with its problems.
func (s teamPages) workspaceChange(w http.ResponseWriter, r *http.Request, lang i18n.Lang, done string, fields []string,
	change func(f *form) (*app.Workspace, error)) error {
	f, err := readForm(w, r, fields...)
	if err != nil {
		return err
	}
	ws, err := change(f)
	if c := domain.ErrorCode(err); ws != nil && (c == domain.CodeInvalid || c == domain.CodeConflict) {
		s.fieldErrors(lang, f, err)
		pg, err := s.app.Engagements.Page(r.Context(), ws)
		if err != nil {
			return err
		}
		return s.renderWorkspace(w, r, lang, http.StatusUnprocessableEntity, pg, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, workspaceURL(ws.Engagement.ID, done), http.StatusSeeOther)
	return nil
}

func text(r *http.Request, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get(name), "\r\n", "\n"))
}

func number(f *form, name string) (int, bool) {
	n, err := domain.ParseNumber(f.Values[name])
	return n, err == nil
}

func (s teamPages) setGoal(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "goal", nil, func(f *form) (*app.Workspace, error) {
		return s.app.Engagements.SetGoal(r.Context(), engagementID(r), text(r, "goal"))
	})
}

func (s teamPages) addMilestone(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "milestones", []string{"title", "due_on"}, func(f *form) (*app.Workspace, error) {
		m := domain.Milestone{Title: domain.NormalizeText(f.Values["title"])}
		if f.Values["due_on"] != "" {
			m.DueOn, _ = parseDay(f.Values["due_on"])
		}
		return s.app.Engagements.AddMilestone(r.Context(), engagementID(r), m)
	})
}

func (s teamPages) toggleMilestone(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "milestones", []string{"milestone", "done"}, func(f *form) (*app.Workspace, error) {
		id, _ := strconv.ParseInt(f.Values["milestone"], 10, 64)
		return s.app.Engagements.SetMilestoneDone(r.Context(), engagementID(r), id, f.Values["done"] == "1")
	})
}

func (s teamPages) logMeeting(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "meetings", []string{"kind", "held_on", "minutes", "talent"},
		func(f *form) (*app.Workspace, error) {
			m := domain.Meeting{Kind: domain.MeetingKind(f.Values["kind"]), Notes: text(r, "notes")}
			m.TalentID, _ = strconv.ParseInt(f.Values["talent"], 10, 64) // a one-to-one's; the service keeps only a member
			m.HeldOn, _ = parseDay(f.Values["held_on"])
			m.Minutes, _ = number(f, "minutes")
			f.Values["notes"] = m.Notes
			return s.app.Engagements.LogMeeting(r.Context(), engagementID(r), m)
		})
}

func (s teamPages) submitReport(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "reports", []string{"month", "hours"}, func(f *form) (*app.Workspace, error) {
		rp := domain.Report{Month: f.Values["month"], Done: text(r, "done"), Next: text(r, "next"), Blockers: text(r, "blockers")}
		rp.Hours, _ = number(f, "hours")
		f.Values["done"], f.Values["next"], f.Values["blockers"] = rp.Done, rp.Next, rp.Blockers
		return s.app.Engagements.SubmitReport(r.Context(), engagementID(r), rp)
	})
}

func (s teamPages) postMessage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "messages", nil, func(f *form) (*app.Workspace, error) {
		f.Values["body"] = text(r, "body")
		return s.app.Engagements.PostMessage(r.Context(), engagementID(r), f.Values["body"])
	})
}

func (s teamPages) completeEngagement(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "reviews", nil, func(f *form) (*app.Workspace, error) {
		return s.app.Engagements.Complete(r.Context(), engagementID(r))
	})
}

// endEarly ends the team's work before its agreed end (中途終了), with
// a reason, issuing credentials for the shortened period or none.
func (s teamPages) endEarly(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "reviews", []string{"reason", "credential"}, func(f *form) (*app.Workspace, error) {
		f.Values["reason"] = text(r, "reason")
		return s.app.Engagements.EndEarly(r.Context(), engagementID(r), f.Values["reason"], f.Values["credential"] == "issue")
	})
}

func (s teamPages) setStory(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "reviews", []string{"consent"}, func(f *form) (*app.Workspace, error) {
		return s.app.Engagements.SetStory(r.Context(), engagementID(r), f.Values["consent"] == "yes")
	})
}

// saveTeamReview lets the business review a talent, or a talent review
// the business, once the work is completed.
func (s teamPages) saveTeamReview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "reviews", []string{"side", "talent", "score", "comment"},
		func(f *form) (*app.Workspace, error) {
			rv := domain.TeamReview{Side: domain.ReviewSide(f.Values["side"]), Comment: f.Values["comment"]}
			rv.Score, _ = domain.ParseNumber(f.Values["score"])
			rv.TalentID, _ = strconv.ParseInt(f.Values["talent"], 10, 64) // the business's review is of this member
			return s.app.Engagements.SaveTeamReview(r.Context(), engagementID(r), rv)
		})
}
