package policy

import (
	"slices"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TeamAction is something done in a team's workspace.
type TeamAction string

// Team actions.
const (
	TeamRead          TeamAction = "team.read"        // open the workspace
	TeamGoal          TeamAction = "team.goal"        // set the kickoff goal
	TeamMilestones    TeamAction = "team.milestones"  // add milestones and tick them off
	TeamMeetings      TeamAction = "team.meetings"    // log meetings and one-to-ones
	TeamMessages      TeamAction = "team.messages"    // post messages
	TeamReports       TeamAction = "team.reports"     // send one's own monthly report
	TeamOutcomes      TeamAction = "team.outcomes"    // declare outcome indicators and record results
	TeamCorrectResult TeamAction = "team.outcome_fix" // correct an outcome after completion, with a reason
	TeamComplete      TeamAction = "team.complete"    // complete the work, which issues the credentials
	TeamEndEarly      TeamAction = "team.end_early"   // end the work early (中途終了), with a reason
	TeamStory         TeamAction = "team.story"       // consent to a public story
	TeamReview        TeamAction = "team.review"      // review the other side
	TeamTerms         TeamAction = "team.terms"       // open the members' agreements, with their rewards
	TeamLeaders       TeamAction = "team.leaders"     // assign and remove the team's leaders
	TeamAllOneToOnes  TeamAction = "team.one_to_ones" // read every one-to-one, not only those one took part in
)

// TeamPart is how one person takes part in one team. PartIn works it out
// from the person's memberships and the team's facts.
type TeamPart struct {
	Member   bool  // a talent of the team
	TalentID int64 // theirs, when a member
	Business bool  // an owner of the host business
	Leader   bool  // a leader side-jobber the staff assigned to lead the team: its facilitator
	Staff    bool  // municipal staff or the partner: sees every team of the municipality
	Decider  bool  // municipal staff, who complete teams and correct their outcomes
}

// Any reports whether the person takes part at all; anyone else is told
// the team does not exist.
func (p TeamPart) Any() bool { return p.Member || p.Business || p.Leader || p.Staff || p.Decider }

// Team is what PartIn needs to know about a team.
type Team struct {
	MunicipalityID int64
	HostID         int64           // the host business of the team's project
	Members        map[int64]int64 // user id → talent id, for the members with an account
	Leaders        []int64         // user ids of the leaders assigned to it
}

// PartIn works out the actor's part in the team.
func PartIn(a Actor, t Team) TeamPart {
	var p TeamPart
	if a.UserID == 0 {
		return p
	}
	if id, ok := t.Members[a.UserID]; ok {
		p.Member, p.TalentID = true, id
	}
	every := Resource{MunicipalityID: t.MunicipalityID}
	p.Business = IsOwner(a, t.HostID) && Can(a, ViewTeams, Resource{MunicipalityID: t.MunicipalityID, OrganizationID: t.HostID})
	p.Staff = Can(a, ViewTeams, every)
	p.Leader = !p.Staff && slices.Contains(t.Leaders, a.UserID) &&
		Can(a, ViewTeams, Resource{MunicipalityID: t.MunicipalityID, TeamLeader: true})
	p.Decider = Can(a, DecideTeams, every)
	return p
}

// phase is when a team action is open.
type phase int

const (
	anyTime phase = iota
	whileActive
	onceCompleted
	whileOpen // active, or paused while amended terms await acceptance
)

func (ph phase) allows(s domain.EngagementStatus) bool {
	switch ph {
	case whileActive:
		return s == domain.EngagementActive
	case onceCompleted:
		return s == domain.EngagementCompleted
	case whileOpen:
		return s == domain.EngagementActive || s == domain.EngagementPaused
	}
	return true
}

// teamRule says which parts may take an action, and when.
type teamRule struct {
	member, business, leader, staff, decider bool
	when                                     phase
}

// teamRules is the table of the workspace. A leader is the team's
// facilitator: they read, log meetings and milestones and post messages,
// but do not set the goal, record outcomes, read the terms, or complete.
func teamRules(act TeamAction) (teamRule, bool) {
	const y, n = true, false
	rules := map[TeamAction]teamRule{
		//                  member business leader staff decider  when
		TeamRead:          {y, y, y, y, y, anyTime},
		TeamGoal:          {y, y, n, y, y, whileActive},
		TeamMilestones:    {y, y, y, y, y, whileActive},
		TeamMeetings:      {y, y, y, y, y, whileActive},
		TeamMessages:      {y, y, y, y, y, whileActive},
		TeamReports:       {y, n, n, n, n, whileActive},
		TeamOutcomes:      {y, y, n, y, y, whileActive},
		TeamCorrectResult: {n, n, n, n, y, onceCompleted},
		TeamComplete:      {n, n, n, n, y, whileActive},
		TeamEndEarly:      {n, n, n, n, y, whileOpen},
		TeamStory:         {n, y, n, n, n, anyTime},
		TeamReview:        {y, y, n, n, n, anyTime}, // the store refuses a review before completion, saying why
		TeamTerms:         {y, y, n, y, y, anyTime},
		TeamLeaders:       {n, n, n, y, y, anyTime},
		TeamAllOneToOnes:  {n, n, n, y, y, anyTime},
	}
	r, ok := rules[act]
	return r, ok
}

// May reports whether the part allows the action on a team in the given
// state.
func (p TeamPart) May(act TeamAction, status domain.EngagementStatus) bool {
	r, ok := teamRules(act)
	if !ok || !r.when.allows(status) {
		return false
	}
	return p.Member && r.member || p.Business && r.business || p.Leader && r.leader || p.Staff && r.staff || p.Decider && r.decider
}

// MayReadMeeting reports whether the person (userID, in this part) may
// read a meeting of the team. A team meeting is for everyone in the
// workspace; a one-to-one only for the talent it was held with, its author,
// and the municipality's staff and partner, never for the business or the
// other members.
func (p TeamPart) MayReadMeeting(userID int64, m domain.Meeting) bool {
	if !p.May(TeamRead, "") {
		return false
	}
	if m.Kind != domain.MeetingOneToOne {
		return true
	}
	return p.May(TeamAllOneToOnes, "") || (userID != 0 && m.AuthorID == userID) || (p.Member && p.TalentID == m.TalentID)
}

// MayReadTermsOf reports whether the person may open one member's
// agreement: the business and the municipality open every member's, a
// member only their own, a leader none.
func (p TeamPart) MayReadTermsOf(talentID int64) bool {
	if !p.May(TeamTerms, "") {
		return false
	}
	return p.Business || p.Staff || p.Decider || (p.Member && p.TalentID == talentID)
}
