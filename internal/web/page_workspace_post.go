package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// workspaceChange runs one change to a workspace: it loads the workspace,
// checks the viewer's right with may, reads the form, applies fn in a
// transaction with an audit record, and goes back to the section named by
// done. An invalid form is shown again with its problems.
func (s *Server) workspaceChange(w http.ResponseWriter, r *http.Request, lang i18n.Lang, action, done string,
	may func(*workspace) bool, fields []string, fn func(tx *store.Store, ws *workspace, f *form) error) error {
	ws, err := s.loadWorkspace(w, r)
	if err != nil || ws == nil {
		return err
	}
	if !may(ws) {
		return forbiddenOn(ws.Engagement.MunicipalityID, "engagement", ws.Engagement.ID)
	}
	f, err := readForm(w, r, fields...)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := fn(tx, ws, f); err != nil {
			return err
		}
		if ws.auditAction != "" {
			action = ws.auditAction
		}
		return s.auditEvent(r.Context(), tx, r, store.AuditEvent{Action: "engagement." + action, SubjectType: "engagement",
			SubjectID: ws.Engagement.ID, MunicipalityID: ws.Engagement.MunicipalityID, Detail: ws.auditDetail})
	})
	if c := domain.ErrorCode(err); c == domain.CodeInvalid || c == domain.CodeConflict {
		s.fieldErrors(lang, f, err)
		return s.renderWorkspace(w, r, lang, http.StatusUnprocessableEntity, ws, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, workspaceURL(ws.Engagement.ID, done), http.StatusSeeOther)
	return nil
}

// teamMay is the check of a change that one team action governs.
func teamMay(act policy.TeamAction) func(*workspace) bool {
	return func(ws *workspace) bool { return ws.may(act) }
}

func text(r *http.Request, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get(name), "\r\n", "\n"))
}

func number(f *form, name string) (int, bool) {
	n, err := strconv.Atoi(strings.ReplaceAll(domain.NormalizeText(f.Values[name]), ",", ""))
	return n, err == nil
}

func (s *Server) setGoal(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "goal", "goal", teamMay(policy.TeamGoal), nil, func(tx *store.Store, ws *workspace, f *form) error {
		return tx.SetGoal(r.Context(), ws.Engagement.ID, text(r, "goal"))
	})
}

func (s *Server) addMilestone(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "milestone", "milestones", teamMay(policy.TeamMilestones), []string{"title", "due_on"},
		func(tx *store.Store, ws *workspace, f *form) error {
			m := domain.Milestone{EngagementID: ws.Engagement.ID, Title: domain.NormalizeText(f.Values["title"])}
			if f.Values["due_on"] != "" {
				m.DueOn, _ = parseDay(f.Values["due_on"])
			}
			return tx.AddMilestone(r.Context(), &m)
		})
}

func (s *Server) toggleMilestone(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "milestone_done", "milestones", teamMay(policy.TeamMilestones), []string{"milestone", "done"},
		func(tx *store.Store, ws *workspace, f *form) error {
			id, _ := strconv.ParseInt(f.Values["milestone"], 10, 64)
			return tx.SetMilestoneDone(r.Context(), ws.Engagement.ID, id, f.Values["done"] == "1")
		})
}

func (s *Server) logMeeting(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "meeting", "meetings", teamMay(policy.TeamMeetings), []string{"kind", "held_on", "minutes", "talent"},
		func(tx *store.Store, ws *workspace, f *form) error {
			m := domain.Meeting{EngagementID: ws.Engagement.ID, Kind: domain.MeetingKind(f.Values["kind"]),
				Notes: text(r, "notes"), AuthorID: ws.actor.UserID}
			if m.Kind == domain.MeetingOneToOne {
				// A one-to-one is with a member of this team.
				id, _ := strconv.ParseInt(f.Values["talent"], 10, 64)
				for _, t := range ws.Team {
					if t.TalentID == id {
						m.TalentID = id
					}
				}
			}
			m.HeldOn, _ = parseDay(f.Values["held_on"])
			m.Minutes, _ = number(f, "minutes")
			f.Values["notes"] = m.Notes
			return tx.LogMeeting(r.Context(), &m)
		})
}

func (s *Server) submitReport(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "report", "reports", teamMay(policy.TeamReports), []string{"month", "hours"},
		func(tx *store.Store, ws *workspace, f *form) error {
			rp := domain.Report{EngagementID: ws.Engagement.ID, TalentID: ws.Part.TalentID, Month: f.Values["month"],
				Done: text(r, "done"), Next: text(r, "next"), Blockers: text(r, "blockers")}
			rp.Hours, _ = number(f, "hours")
			f.Values["done"], f.Values["next"], f.Values["blockers"] = rp.Done, rp.Next, rp.Blockers
			return tx.SubmitReport(r.Context(), &rp)
		})
}

func (s *Server) postMessage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "message", "messages", teamMay(policy.TeamMessages), nil,
		func(tx *store.Store, ws *workspace, f *form) error {
			m := domain.Message{EngagementID: ws.Engagement.ID, AuthorID: ws.actor.UserID, Body: text(r, "body")}
			f.Values["body"] = m.Body
			if err := tx.PostMessage(r.Context(), &m); err != nil {
				return err
			}
			// The rest of the team and the business hear of it.
			users := map[int64]bool{}
			for _, t := range ws.Team {
				users[t.UserID] = true
			}
			owners, err := s.hostOwners(r.Context(), tx, ws.Municipality, ws.Project.HostID)
			if err != nil {
				return err
			}
			for _, id := range owners {
				users[id] = true
			}
			delete(users, ws.actor.UserID)
			link := workspaceURL(ws.Engagement.ID, "messages")
			for id := range users {
				if err := s.tell(r.Context(), tx, ws.Engagement.MunicipalityID, id, "notice.message",
					map[string]any{"Title": ws.Project.Title}, link); err != nil {
					return err
				}
			}
			return nil
		})
}

func (s *Server) completeEngagement(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "complete", "reviews", teamMay(policy.TeamComplete), nil,
		func(tx *store.Store, ws *workspace, f *form) error {
			if err := tx.CompleteEngagement(r.Context(), ws.Engagement.ID); err != nil {
				return err
			}
			// The host municipality issues each talent a credential.
			if _, err := issuer.New(tx, s.baseURL, s.now, s.keys).IssueFor(r.Context(), ws.Engagement.ID); err != nil {
				return err
			}
			link := workspaceURL(ws.Engagement.ID, "reviews")
			users := []int64{}
			for _, t := range ws.Team {
				users = append(users, t.UserID)
			}
			owners, err := s.hostOwners(r.Context(), tx, ws.Municipality, ws.Project.HostID)
			if err != nil {
				return err
			}
			for _, id := range append(users, owners...) {
				if err := s.tell(r.Context(), tx, ws.Engagement.MunicipalityID, id, "notice.completed",
					map[string]any{"Title": ws.Project.Title}, link); err != nil {
					return err
				}
			}
			return nil
		})
}

func (s *Server) setStory(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "story", "reviews", teamMay(policy.TeamStory), []string{"consent"},
		func(tx *store.Store, ws *workspace, f *form) error {
			return tx.SetStoryConsent(r.Context(), ws.Engagement.ID, f.Values["consent"] == "yes")
		})
}

// saveTeamReview lets the business review a talent, or a talent review
// the business, once the work is completed.
func (s *Server) saveTeamReview(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	return s.workspaceChange(w, r, lang, "review", "reviews", teamMay(policy.TeamReview), []string{"side", "talent", "score", "comment"},
		func(tx *store.Store, ws *workspace, f *form) error {
			rv := domain.TeamReview{EngagementID: ws.Engagement.ID, Side: domain.ReviewSide(f.Values["side"]),
				AuthorID: ws.actor.UserID, Comment: f.Values["comment"]}
			rv.Score, _ = strconv.Atoi(f.Values["score"])
			switch {
			case rv.Side == domain.ReviewByTalent && ws.Part.Member:
				rv.TalentID = ws.Part.TalentID
			case rv.Side == domain.ReviewByBusiness && ws.Part.Business:
				rv.TalentID, _ = strconv.ParseInt(f.Values["talent"], 10, 64)
				inTeam := false
				for _, t := range ws.Team {
					inTeam = inTeam || t.TalentID == rv.TalentID
				}
				if !inTeam {
					return domain.NotFound("talent")
				}
			default:
				return forbiddenOn(ws.Engagement.MunicipalityID, "engagement", ws.Engagement.ID)
			}
			return tx.SaveTeamReview(r.Context(), &rv)
		})
}
