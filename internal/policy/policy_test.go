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

func TestEveryRoleAgainstEveryAction(t *testing.T) {
	all := []Action{ViewEntries, ScreenEntries, MoveEntries, DecideEntries, ManageProjects, ReviewProjects, Invite,
		ReadAudit, ViewDashboard, ReadOutbox, ImportEntries, ManageCommunity, ScoutTalents, EditLegal}
	cases := []struct {
		name  string
		actor Actor
		res   Resource
		may   []Action
	}{
		{"anonymous", Actor{}, Resource{MunicipalityID: ota}, nil},
		{"talent without membership", Actor{UserID: 7}, Resource{MunicipalityID: ota}, nil},
		{"municipality admin", actor(domain.RoleMunicipalityAdmin, ota, office), Resource{MunicipalityID: ota}, all},
		{"municipality staff", actor(domain.RoleMunicipalityStaff, ota, office), Resource{MunicipalityID: ota},
			[]Action{ViewEntries, ScreenEntries, MoveEntries, DecideEntries, ManageProjects, ReviewProjects, Invite,
				ViewDashboard, ReadOutbox, ImportEntries, ManageCommunity, ScoutTalents}},
		{"partner staff", actor(domain.RolePartnerStaff, ota, 13), Resource{MunicipalityID: ota},
			[]Action{ViewEntries, ScreenEntries, MoveEntries, ManageProjects, ViewDashboard, ManageCommunity, ScoutTalents}},
		{"association staff", actor(domain.RoleAssociationStaff, ota, 14), Resource{MunicipalityID: ota},
			[]Action{ManageProjects, ViewDashboard, ManageCommunity}},
		{"leader talent", actor(domain.RoleLeaderTalent, ota, office), Resource{MunicipalityID: ota},
			[]Action{ViewEntries, ScreenEntries}},
		{"business owner, own projects", actor(domain.RoleBusinessOwner, ota, factory),
			Resource{MunicipalityID: ota, OrganizationID: factory}, []Action{ManageProjects}},
		{"business owner, another business", actor(domain.RoleBusinessOwner, ota, factory),
			Resource{MunicipalityID: ota, OrganizationID: otherShop}, nil},
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
		for _, act := range all {
			if got := Can(c.actor, act, c.res); got != allowed[act] {
				t.Errorf("%s: %s = %v, want %v", c.name, act, got, allowed[act])
			}
		}
	}
}

func TestOnlyTheMunicipalityDecides(t *testing.T) {
	for _, r := range []domain.Role{domain.RolePartnerStaff, domain.RoleLeaderTalent, domain.RoleAssociationStaff, domain.RoleBusinessOwner} {
		if Can(actor(r, ota, office), DecideEntries, Resource{MunicipalityID: ota, OrganizationID: office}) {
			t.Errorf("%s may decide entries", r)
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
