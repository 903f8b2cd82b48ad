package app

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/issuer"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// teamAudit is the audit line of a change to a team: the action after
// "engagement.", and a detail (a correction's reason and values).
type teamAudit struct{ action, detail string }

// change runs one change to a team for the signed-in person: it finds the
// team, checks the person's right with may, applies fn in one transaction
// and records it in the audit log there. It returns the team as found,
// for a form to be shown again with its problems.
func (s *Engagements) change(ctx context.Context, id int64, action string, may func(*Workspace) bool,
	fn func(tx *Tx, ws *Workspace, a *teamAudit) error) (*Workspace, error) {
	ws, err := s.Workspace(ctx, id)
	if err != nil {
		return nil, err
	}
	g := ws.Engagement
	if !may(ws) {
		return ws, Refused("error.forbidden", g.MunicipalityID, "engagement", g.ID)
	}
	a := &teamAudit{action: action}
	return ws, s.app.Change(ctx, func(tx *Tx) error {
		if err := fn(tx, ws, a); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "engagement." + a.action, SubjectType: "engagement",
			SubjectID: g.ID, MunicipalityID: g.MunicipalityID, Detail: a.detail})
	})
}

// teamMay is the check of a change that one team action governs.
func teamMay(act policy.TeamAction) func(*Workspace) bool {
	return func(ws *Workspace) bool { return ws.May(act) }
}

// SetGoal sets the team's goal.
func (s *Engagements) SetGoal(ctx context.Context, id int64, goal string) (*Workspace, error) {
	return s.change(ctx, id, "goal", teamMay(policy.TeamGoal), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		return tx.Workspaces().SetGoal(ctx, ws.Engagement.ID, goal)
	})
}

// AddMilestone adds a milestone to the team's plan.
func (s *Engagements) AddMilestone(ctx context.Context, id int64, m domain.Milestone) (*Workspace, error) {
	return s.change(ctx, id, "milestone", teamMay(policy.TeamMilestones), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		m.EngagementID = ws.Engagement.ID
		return tx.Workspaces().AddMilestone(ctx, &m)
	})
}

// SetMilestoneDone ticks a milestone of the team's, or unticks it.
func (s *Engagements) SetMilestoneDone(ctx context.Context, id, milestoneID int64, done bool) (*Workspace, error) {
	return s.change(ctx, id, "milestone_done", teamMay(policy.TeamMilestones), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		return tx.Workspaces().SetMilestoneDone(ctx, ws.Engagement.ID, milestoneID, done)
	})
}

// LogMeeting records a meeting, written by the person. A one-to-one is
// with a member of this team: a talent who is not one is dropped (and the
// meeting, without its other person, is refused as invalid).
func (s *Engagements) LogMeeting(ctx context.Context, id int64, m domain.Meeting) (*Workspace, error) {
	return s.change(ctx, id, "meeting", teamMay(policy.TeamMeetings), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		with := m.TalentID
		m.EngagementID, m.AuthorID, m.TalentID = ws.Engagement.ID, ws.Actor.UserID, 0
		if m.Kind == domain.MeetingOneToOne {
			for _, t := range ws.Team {
				if t.TalentID == with {
					m.TalentID = with
				}
			}
		}
		return tx.Workspaces().LogMeeting(ctx, &m)
	})
}

// SubmitReport records the person's monthly report as a member of the
// team, and tells the staff who follow teams.
func (s *Engagements) SubmitReport(ctx context.Context, id int64, rp domain.Report) (*Workspace, error) {
	return s.change(ctx, id, "report", teamMay(policy.TeamReports), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		rp.EngagementID, rp.TalentID = ws.Engagement.ID, ws.Part.TalentID
		if err := tx.Workspaces().SubmitReport(ctx, &rp); err != nil {
			return err
		}
		// The staff who follow the municipality's teams hear of it.
		return tx.tellStaff(ctx, ws.Municipality.ID, policy.ManageTeams, "notice.report_submitted",
			map[string]any{"Title": ws.Project.Title, "Month": rp.Month}, workspaceURL(ws.Engagement.ID, "reports"))
	})
}

// PostMessage posts a message to the team; the rest of the team and the
// business hear of it.
func (s *Engagements) PostMessage(ctx context.Context, id int64, body string) (*Workspace, error) {
	return s.change(ctx, id, "message", teamMay(policy.TeamMessages), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		m := domain.Message{EngagementID: ws.Engagement.ID, AuthorID: ws.Actor.UserID, Body: body}
		if err := tx.Workspaces().PostMessage(ctx, &m); err != nil {
			return err
		}
		users := map[int64]bool{}
		for _, t := range ws.Team {
			users[t.UserID] = true
		}
		owners, err := tx.businessOwners(ctx, ws.Municipality.ID, ws.Project.HostID)
		if err != nil {
			return err
		}
		for _, id := range owners {
			users[id] = true
		}
		delete(users, ws.Actor.UserID)
		link := workspaceURL(ws.Engagement.ID, "messages")
		for id := range users {
			if err := tx.Tell(ctx, ws.Engagement.MunicipalityID, id, "notice.message",
				map[string]any{"Title": ws.Project.Title}, link); err != nil {
				return err
			}
		}
		return nil
	})
}

// Complete completes the team's work: the host municipality issues each
// talent a credential, and the team and the business are told, all in
// one transaction.
func (s *Engagements) Complete(ctx context.Context, id int64) (*Workspace, error) {
	return s.change(ctx, id, "complete", teamMay(policy.TeamComplete), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		if err := tx.Workspaces().CompleteEngagement(ctx, ws.Engagement.ID); err != nil {
			return err
		}
		if _, err := issuer.New(tx.Store, s.app.baseURL, s.app.now, s.app.keys).IssueFor(ctx, ws.Engagement.ID); err != nil {
			return err
		}
		return tx.tellTeam(ctx, ws, "notice.completed")
	})
}

// EndEarly ends the team's work before its agreed end (中途終了) for a
// reason staff must give: with credentials that state the shortened
// period, or (withCredential false) with none. The reason and the choice
// are audited, and the team and the business are told, in one
// transaction.
func (s *Engagements) EndEarly(ctx context.Context, id int64, reason string, withCredential bool) (*Workspace, error) {
	return s.change(ctx, id, "end_early", teamMay(policy.TeamEndEarly), func(tx *Tx, ws *Workspace, a *teamAudit) error {
		reason = strings.TrimSpace(domain.NormalizeText(reason))
		var v domain.ValidationErrors
		if reason == "" {
			v.Add("reason", "error.required", "Field", "work.end_reason")
		} else if len([]rune(reason)) > 2000 {
			v.Add("reason", "error.too_long", "Max", 2000)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Workspaces().EndEngagementEarly(ctx, ws.Engagement.ID, reason, !withCredential); err != nil {
			return err
		}
		a.detail = fmt.Sprintf("reason=%q credential=%t", reason, withCredential)
		if withCredential {
			if _, err := issuer.New(tx.Store, s.app.baseURL, s.app.now, s.app.keys).IssueFor(ctx, ws.Engagement.ID); err != nil {
				return err
			}
		}
		return tx.tellTeam(ctx, ws, "notice.ended_early")
	})
}

// tellTeam tells the team's members and the business's owners.
func (tx *Tx) tellTeam(ctx context.Context, ws *Workspace, key string) error {
	users := []int64{}
	for _, t := range ws.Team {
		if t.UserID != 0 {
			users = append(users, t.UserID)
		}
	}
	owners, err := tx.businessOwners(ctx, ws.Municipality.ID, ws.Project.HostID)
	if err != nil {
		return err
	}
	link := workspaceURL(ws.Engagement.ID, "reviews")
	for _, id := range append(users, owners...) {
		if err := tx.Tell(ctx, ws.Engagement.MunicipalityID, id, key, map[string]any{"Title": ws.Project.Title}, link); err != nil {
			return err
		}
	}
	return nil
}

// SetStory records whether the team consents to its story being shown.
func (s *Engagements) SetStory(ctx context.Context, id int64, consent bool) (*Workspace, error) {
	return s.change(ctx, id, "story", teamMay(policy.TeamStory), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		return tx.Workspaces().SetStoryConsent(ctx, ws.Engagement.ID, consent)
	})
}

// SaveTeamReview lets the business review a talent of the team, or a
// talent review the business, once the work is completed.
func (s *Engagements) SaveTeamReview(ctx context.Context, id int64, rv domain.TeamReview) (*Workspace, error) {
	return s.change(ctx, id, "review", teamMay(policy.TeamReview), func(tx *Tx, ws *Workspace, _ *teamAudit) error {
		rv.EngagementID, rv.AuthorID = ws.Engagement.ID, ws.Actor.UserID
		switch {
		case rv.Side == domain.ReviewByTalent && ws.Part.Member:
			rv.TalentID = ws.Part.TalentID
		case rv.Side == domain.ReviewByBusiness && ws.Part.Business:
			inTeam := false
			for _, t := range ws.Team {
				inTeam = inTeam || t.TalentID == rv.TalentID
			}
			if !inTeam {
				return domain.NotFound("talent")
			}
		default:
			return Refused("error.forbidden", ws.Engagement.MunicipalityID, "engagement", ws.Engagement.ID)
		}
		return tx.Workspaces().SaveTeamReview(ctx, &rv)
	})
}

// mayTouchOutcomes lets through whoever records outcomes while the team is
// at work, also once it is completed: the store then refuses the change
// and says that outcomes are locked, except for municipal staff, who
// correct them with a reason.
func mayTouchOutcomes(ws *Workspace) bool {
	return ws.Part.May(policy.TeamOutcomes, domain.EngagementActive) || ws.May(policy.TeamCorrectResult)
}

// SaveOutcome records an outcome indicator of the team. Once the team is
// completed the outcomes are locked, and municipal staff correct one with
// a reason, audited with the values before and after. invalid is what
// was wrong with the form as typed (numbers that are not), reported once
// the person may act at all.
func (s *Engagements) SaveOutcome(ctx context.Context, id int64, in domain.Indicator, reason string, invalid error) (*Workspace, error) {
	return s.change(ctx, id, "outcome", mayTouchOutcomes, func(tx *Tx, ws *Workspace, a *teamAudit) error {
		if invalid != nil {
			return invalid
		}
		in.EngagementID = ws.Engagement.ID
		if !ws.May(policy.TeamCorrectResult) {
			return tx.Workspaces().SaveIndicator(ctx, &in)
		}
		before, err := tx.Workspaces().CorrectIndicator(ctx, &in, reason)
		if err != nil {
			return err
		}
		a.action, a.detail = "outcome_correct", correctionDetail(reason, before, in)
		return nil
	})
}

// correctionDetail is the audit detail of a correction: the reason, and
// the indicator's values before and after.
func correctionDetail(reason string, before, after domain.Indicator) string {
	values := func(in domain.Indicator) string {
		result := "-"
		if in.HasResult() {
			result = auditNumber(in.Result)
		}
		return fmt.Sprintf("kind=%s sdg=%d baseline=%s result=%s evidence=%q", in.Kind, in.SDG, auditNumber(in.Baseline),
			result, in.Evidence)
	}
	return fmt.Sprintf("reason=%q; before: %s; after: %s", strings.TrimSpace(reason), values(before), values(after))
}

// auditNumber writes a value as pages show it: whole numbers with
// separators, others with one decimal.
func auditNumber(x float64) string {
	if x != math.Trunc(x) || math.Abs(x) >= 1e15 {
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	s := strconv.FormatInt(int64(math.Abs(x)), 10)
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if x < 0 {
		return "-" + string(out)
	}
	return string(out)
}

// SetLeader assigns a leader side-jobber to the team, or takes one off
// (action "remove"); the leader is told of an assignment.
func (s *Engagements) SetLeader(ctx context.Context, id, userID int64, action string) (*Workspace, error) {
	return s.change(ctx, id, "leader", teamMay(policy.TeamLeaders), func(tx *Tx, ws *Workspace, a *teamAudit) error {
		candidates, err := tx.Workspaces().LeaderCandidates(ctx, ws.Engagement.MunicipalityID)
		if err != nil {
			return err
		}
		known := false
		for _, c := range candidates {
			known = known || c.UserID == userID
		}
		if !known {
			return domain.Errorf(domain.CodeInvalid, "error.leader_unknown")
		}
		a.detail = "user=" + strconv.FormatInt(userID, 10)
		if action == "remove" {
			a.action = "leader.remove"
			return tx.Workspaces().UnassignTeamLeader(ctx, ws.Engagement.ID, userID)
		}
		a.action = "leader.add"
		if err := tx.Workspaces().AssignTeamLeader(ctx, ws.Engagement.ID, userID); err != nil {
			return err
		}
		return tx.Tell(ctx, ws.Engagement.MunicipalityID, userID, "notice.lead_assigned",
			map[string]any{"Title": ws.Project.Title}, workspaceURL(ws.Engagement.ID, "leaders"))
	})
}
