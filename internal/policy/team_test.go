package policy

import (
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestPartInATeam(t *testing.T) {
	team := Team{MunicipalityID: ota, HostID: factory, Members: map[int64]int64{3: 70}, Leaders: []int64{9}}
	leader := Actor{UserID: 9, Memberships: []domain.Membership{{UserID: 9, OrganizationID: office, MunicipalityID: ota,
		Role: domain.RoleLeaderTalent}}}
	cases := []struct {
		name  string
		actor Actor
		want  TeamPart
	}{
		{"anonymous", Actor{}, TeamPart{}},
		{"a member", Actor{UserID: 3}, TeamPart{Member: true, TalentID: 70}},
		{"a talent outside the team", Actor{UserID: 8}, TeamPart{}},
		{"the host's owner", Actor{UserID: 8, Memberships: []domain.Membership{{UserID: 8, OrganizationID: factory,
			MunicipalityID: ota, Role: domain.RoleBusinessOwner}}}, TeamPart{Business: true}},
		{"another business's owner", Actor{UserID: 8, Memberships: []domain.Membership{{UserID: 8, OrganizationID: otherShop,
			MunicipalityID: ota, Role: domain.RoleBusinessOwner}}}, TeamPart{}},
		{"the assigned leader", leader, TeamPart{Leader: true}},
		{"a leader not assigned", Actor{UserID: 8, Memberships: []domain.Membership{{UserID: 8, OrganizationID: office,
			MunicipalityID: ota, Role: domain.RoleLeaderTalent}}}, TeamPart{}},
		{"assigned, but with no leader role any more", Actor{UserID: 9}, TeamPart{}},
		{"partner", actor(domain.RolePartnerStaff, ota, 13), TeamPart{Staff: true}},
		{"staff", actor(domain.RoleMunicipalityStaff, ota, office), TeamPart{Staff: true, Decider: true}},
		{"another municipality's staff", actor(domain.RoleMunicipalityStaff, tsubame, tsOffice), TeamPart{}},
	}
	for _, c := range cases {
		if got := PartIn(c.actor, team); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestTeamTable(t *testing.T) {
	parts := map[string]TeamPart{
		"member": {Member: true, TalentID: 70}, "business": {Business: true}, "leader": {Leader: true},
		"partner": {Staff: true}, "staff": {Staff: true, Decider: true}, "outsider": {},
	}
	type row struct {
		act    TeamAction
		status domain.EngagementStatus
		may    []string
	}
	everyone := []string{"member", "business", "leader", "partner", "staff"}
	active, done := domain.EngagementActive, domain.EngagementCompleted
	rows := []row{
		{TeamRead, active, everyone},
		{TeamRead, done, everyone},
		{TeamGoal, active, []string{"member", "business", "partner", "staff"}},
		{TeamGoal, done, nil},
		{TeamMilestones, active, everyone},
		{TeamMilestones, done, nil},
		{TeamMeetings, active, everyone},
		{TeamMeetings, done, nil},
		{TeamMessages, active, everyone},
		{TeamMessages, done, nil},
		{TeamReports, active, []string{"member"}},
		{TeamReports, done, nil},
		{TeamOutcomes, active, []string{"member", "business", "partner", "staff"}},
		{TeamOutcomes, done, nil},
		{TeamCorrectResult, active, nil},
		{TeamCorrectResult, done, []string{"staff"}},
		{TeamComplete, active, []string{"staff"}},
		{TeamComplete, done, nil},
		{TeamComplete, domain.EngagementPaused, nil},
		{TeamEndEarly, active, []string{"staff"}},
		{TeamEndEarly, domain.EngagementPaused, []string{"staff"}},
		{TeamEndEarly, done, nil},
		{TeamMessages, domain.EngagementPaused, nil},
		{TeamRead, domain.EngagementPaused, everyone},
		{TeamStory, done, []string{"business"}},
		{TeamReview, done, []string{"member", "business"}},
		{TeamTerms, active, []string{"member", "business", "partner", "staff"}},
		{TeamLeaders, active, []string{"partner", "staff"}},
		{TeamAllOneToOnes, active, []string{"partner", "staff"}},
		{"team.unknown", active, nil},
	}
	for _, r := range rows {
		want := map[string]bool{}
		for _, p := range r.may {
			want[p] = true
		}
		for name, p := range parts {
			if got := p.May(r.act, r.status); got != want[name] {
				t.Errorf("%s %s on a %s team: %v, want %v", name, r.act, r.status, got, want[name])
			}
		}
	}
}

func TestOneToOnesArePrivate(t *testing.T) {
	const author, other = int64(5), int64(6)
	oneToOne := domain.Meeting{Kind: domain.MeetingOneToOne, AuthorID: author, TalentID: 70}
	teamMeeting := domain.Meeting{Kind: domain.MeetingTeam, AuthorID: author}
	cases := []struct {
		name   string
		part   TeamPart
		userID int64
		want   bool
	}{
		{"the talent it was held with", TeamPart{Member: true, TalentID: 70}, 7, true},
		{"another member", TeamPart{Member: true, TalentID: 71}, other, false},
		{"the business", TeamPart{Business: true}, other, false},
		{"the business, who wrote it", TeamPart{Business: true}, author, true},
		{"the leader who wrote it", TeamPart{Leader: true}, author, true},
		{"another leader of the team", TeamPart{Leader: true}, other, false},
		{"the partner", TeamPart{Staff: true}, other, true},
		{"staff", TeamPart{Staff: true, Decider: true}, other, true},
		{"someone outside, even the author", TeamPart{}, author, false},
	}
	for _, c := range cases {
		if got := c.part.MayReadMeeting(c.userID, oneToOne); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if got := c.part.MayReadMeeting(c.userID, teamMeeting); got != c.part.Any() {
			t.Errorf("%s, a team meeting: %v, want %v", c.name, got, c.part.Any())
		}
	}
}

func TestTermsOfOneMember(t *testing.T) {
	cases := []struct {
		name string
		part TeamPart
		want bool
	}{
		{"the member", TeamPart{Member: true, TalentID: 70}, true},
		{"another member", TeamPart{Member: true, TalentID: 71}, false},
		{"the business", TeamPart{Business: true}, true},
		{"the partner", TeamPart{Staff: true}, true},
		{"the leader", TeamPart{Leader: true}, false},
		{"someone outside", TeamPart{}, false},
	}
	for _, c := range cases {
		if got := c.part.MayReadTermsOf(70); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
