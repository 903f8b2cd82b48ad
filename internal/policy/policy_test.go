package policy

import (
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

const (
	ota, tsubame = int64(1), int64(2)
	office       = int64(10) // Ota's ward office
	factory      = int64(11) // an Ota business
	otherShop    = int64(12) // another Ota business
	tsOffice     = int64(20)
)

func actor(role domain.Role, muni, org int64) Actor {
	return Actor{UserID: 7, Memberships: []domain.Membership{{UserID: 7, OrganizationID: org, MunicipalityID: muni, Role: role}}}
}

func allActions() []Action {
	return []Action{ViewEntries, ScreenEntries, MoveEntries, DecideEntries, ViewContacts, ManageProjects, ReviewProjects,
		Invite, ReadAudit, ViewDashboard, ReadOutbox, ImportEntries, ManageCommunity, ScoutTalents, ViewTeams, ManageTeams,
		DecideTeams, ViewAgreements, ViewCredentials, EditLegal, DraftAgreements, ManageOrgs}
}

func TestEveryRoleAgainstEveryAction(t *testing.T) {
	staff := []Action{ViewEntries, ScreenEntries, MoveEntries, DecideEntries, ViewContacts, ManageProjects, ReviewProjects,
		Invite, ViewDashboard, ReadOutbox, ImportEntries, ManageCommunity, ScoutTalents, ViewTeams, ManageTeams, DecideTeams,
		ViewAgreements, ViewCredentials, DraftAgreements, ManageOrgs}
	partner := []Action{ViewEntries, ScreenEntries, ViewContacts, ManageProjects, ViewDashboard, ManageCommunity,
		ScoutTalents, ViewTeams, ManageTeams, ViewAgreements, ViewCredentials}
	delegated := append([]Action{MoveEntries, ReviewProjects, Invite, ImportEntries, DraftAgreements}, partner...)
	leader := actor(domain.RoleLeaderTalent, ota, office)
	owner := actor(domain.RoleBusinessOwner, ota, factory)
	cases := []struct {
		name  string
		actor Actor
		res   Resource
		may   []Action
	}{
		{"anonymous", Actor{}, Resource{MunicipalityID: ota}, nil},
		{"talent without membership", Actor{UserID: 7}, Resource{MunicipalityID: ota}, nil},
		{"municipality admin", actor(domain.RoleMunicipalityAdmin, ota, office), Resource{MunicipalityID: ota}, allActions()},
		{"municipality staff", actor(domain.RoleMunicipalityStaff, ota, office), Resource{MunicipalityID: ota}, staff},
		{"partner staff", actor(domain.RolePartnerStaff, ota, 13), Resource{MunicipalityID: ota}, partner},
		{"partner staff, a program delegated to it", actor(domain.RolePartnerStaff, ota, 13),
			Resource{MunicipalityID: ota, Delegate: 13}, delegated},
		{"partner staff, a program delegated to another partner", actor(domain.RolePartnerStaff, ota, 13),
			Resource{MunicipalityID: ota, Delegate: 15}, partner},
		{"partner staff of another municipality, delegated there", actor(domain.RolePartnerStaff, tsubame, 13),
			Resource{MunicipalityID: ota, Delegate: 13}, nil},
		{"municipality staff, a delegated program", actor(domain.RoleMunicipalityStaff, ota, office),
			Resource{MunicipalityID: ota, Delegate: 13}, staff},
		{"association staff, a program delegated to its organization", actor(domain.RoleAssociationStaff, ota, 14),
			Resource{MunicipalityID: ota, Delegate: 14}, []Action{ManageProjects, ViewDashboard, ManageCommunity}},
		{"business owner, a program delegated to its business", owner, Resource{MunicipalityID: ota, Delegate: factory}, nil},
		{"association staff", actor(domain.RoleAssociationStaff, ota, 14), Resource{MunicipalityID: ota},
			[]Action{ManageProjects, ViewDashboard, ManageCommunity}},
		// A leader is an outsider: nothing of the municipality as a whole.
		{"leader talent, every entry and team", leader, Resource{MunicipalityID: ota}, nil},
		{"leader talent, an entry assigned to them", leader, Resource{MunicipalityID: ota, AssignedReviewer: true},
			[]Action{ViewEntries, ScreenEntries}},
		{"leader talent, a team they lead", leader, Resource{MunicipalityID: ota, TeamLeader: true}, []Action{ViewTeams}},
		{"leader talent, assigned in another municipality", actor(domain.RoleLeaderTalent, tsubame, tsOffice),
			Resource{MunicipalityID: ota, AssignedReviewer: true, TeamLeader: true}, nil},
		{"business owner, own business", owner, Resource{MunicipalityID: ota, OrganizationID: factory},
			[]Action{ManageProjects, ViewTeams, ViewAgreements}},
		{"business owner, another business", owner, Resource{MunicipalityID: ota, OrganizationID: otherShop}, nil},
		{"business owner, no business named", owner, Resource{MunicipalityID: ota}, nil},
		{"business owner, assigned facts do not widen", owner, Resource{MunicipalityID: ota, AssignedReviewer: true, TeamLeader: true}, nil},
		{"another municipality's admin", actor(domain.RoleMunicipalityAdmin, tsubame, tsOffice), Resource{MunicipalityID: ota}, nil},
		{"another municipality's staff", actor(domain.RoleMunicipalityStaff, tsubame, tsOffice), Resource{MunicipalityID: ota}, nil},
		{"a membership of someone else", Actor{UserID: 8, Memberships: actor(domain.RoleMunicipalityAdmin, ota, office).Memberships},
			Resource{MunicipalityID: ota}, nil},
	}
	for _, c := range cases {
		allowed := map[Action]bool{}
		for _, a := range c.may {
			allowed[a] = true
		}
		for _, act := range allActions() {
			if got := Can(c.actor, act, c.res); got != allowed[act] {
				t.Errorf("%s: %s = %v, want %v", c.name, act, got, allowed[act])
			}
		}
	}
}

func TestOnlyTheMunicipalityDecides(t *testing.T) {
	for _, r := range []domain.Role{domain.RolePartnerStaff, domain.RoleLeaderTalent, domain.RoleAssociationStaff, domain.RoleBusinessOwner} {
		for _, act := range []Action{DecideEntries, DecideTeams} {
			if Can(actor(r, ota, office), act, Resource{MunicipalityID: ota, OrganizationID: office, AssignedReviewer: true, TeamLeader: true}) {
				t.Errorf("%s may %s", r, act)
			}
		}
	}
}

func TestAnywhereOpensListsThatAreThenFiltered(t *testing.T) {
	cases := []struct {
		name  string
		actor Actor
		act   Action
		want  bool
	}{
		{"leader, entries", actor(domain.RoleLeaderTalent, ota, office), ViewEntries, true},
		{"leader, teams", actor(domain.RoleLeaderTalent, ota, office), ViewTeams, true},
		{"leader, agreements", actor(domain.RoleLeaderTalent, ota, office), ViewAgreements, false},
		{"leader, contacts", actor(domain.RoleLeaderTalent, ota, office), ViewContacts, false},
		{"owner, teams", actor(domain.RoleBusinessOwner, ota, factory), ViewTeams, true},
		{"owner, entries", actor(domain.RoleBusinessOwner, ota, factory), ViewEntries, false},
		{"staff of another municipality", actor(domain.RoleMunicipalityStaff, tsubame, tsOffice), ViewEntries, false},
		{"anonymous", Actor{}, ViewEntries, false},
	}
	for _, c := range cases {
		if got := Anywhere(c.actor, c.act, ota); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMunicipalitiesForMenus(t *testing.T) {
	a := Actor{UserID: 7, Memberships: []domain.Membership{
		{UserID: 7, OrganizationID: office, MunicipalityID: ota, Role: domain.RoleMunicipalityStaff},
		{UserID: 7, OrganizationID: tsOffice, MunicipalityID: tsubame, Role: domain.RoleLeaderTalent},
	}}
	if got := Municipalities(a, ViewEntries); len(got) != 2 {
		t.Errorf("view entries in %v", got)
	}
	if got := Municipalities(a, DecideEntries); len(got) != 1 || got[0] != ota {
		t.Errorf("decide in %v", got)
	}
}

func TestIsOwner(t *testing.T) {
	owner := actor(domain.RoleBusinessOwner, ota, factory)
	staffOfFactory := actor(domain.RoleMunicipalityStaff, ota, factory)
	switch {
	case !IsOwner(owner, factory):
		t.Error("the owner does not own their business")
	case IsOwner(owner, otherShop):
		t.Error("the owner owns another business")
	case IsOwner(staffOfFactory, factory):
		t.Error("a staff membership counts as owning")
	case IsOwner(Actor{Memberships: owner.Memberships}, factory):
		t.Error("nobody signed in owns a business")
	}
}
