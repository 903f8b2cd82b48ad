package policy

import (
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestDelegatedOperations is DESIGN.md §10 for a program's day-to-day
// operations: the municipality may delegate them, per program, to a
// partner co-host; 内定, 合意 and 見送り stay with its staff.
func TestDelegatedOperations(t *testing.T) {
	const partnerOrg, otherPartner = int64(13), int64(15)
	delegated := Resource{MunicipalityID: ota, Delegate: partnerOrg}
	notDelegated := Resource{MunicipalityID: ota}
	toOther := Resource{MunicipalityID: ota, Delegate: otherPartner}
	partner := actor(domain.RolePartnerStaff, ota, partnerOrg)
	staff := actor(domain.RoleMunicipalityStaff, ota, office)
	admin := actor(domain.RoleMunicipalityAdmin, ota, office)
	leader := actor(domain.RoleLeaderTalent, ota, office)
	// The owner's business is the host of the project, and even if a
	// program were delegated to it, it is no partner.
	owner := actor(domain.RoleBusinessOwner, ota, factory)
	ownerRes := Resource{MunicipalityID: ota, OrganizationID: factory, Delegate: factory}

	type who struct {
		name  string
		actor Actor
		res   Resource
	}
	people := []who{
		{"partner with delegation", partner, delegated},
		{"partner without delegation", partner, notDelegated},
		{"partner, delegated to another partner", partner, toOther},
		{"staff", staff, delegated},
		{"admin", admin, delegated},
		{"leader", leader, Resource{MunicipalityID: ota, Delegate: partnerOrg, AssignedReviewer: true, TeamLeader: true}},
		{"owner", owner, ownerRes},
	}
	// Each operation, then whether each person above (in order) may.
	ops := []struct {
		op  string
		act Action
		may [7]bool
	}{
		{"publish or return projects", ReviewProjects, [7]bool{true, false, false, true, true, false, false}},
		{"import and export entries", ImportEntries, [7]bool{true, false, false, true, true, false, false}},
		{"invite members", Invite, [7]bool{true, false, false, true, true, false, false}},
		{"move stages and schedule interviews", MoveEntries, [7]bool{true, false, false, true, true, false, false}},
		{"draft agreements", DraftAgreements, [7]bool{true, false, false, true, true, false, false}},
		{"内定 and 見送り, 合意 for the municipality", DecideEntries, [7]bool{false, false, false, true, true, false, false}},
		{"complete teams, issue credentials", DecideTeams, [7]bool{false, false, false, true, true, false, false}},
		{"see entries", ViewEntries, [7]bool{true, true, true, true, true, true, false}},
		{"add and edit organizations", ManageOrgs, [7]bool{false, false, false, true, true, false, false}},
		{"read the audit log", ReadAudit, [7]bool{false, false, false, false, true, false, false}},
	}
	for _, o := range ops {
		for i, p := range people {
			if got := Can(p.actor, o.act, p.res); got != o.may[i] {
				t.Errorf("%s, %s: %v, want %v", o.op, p.name, got, o.may[i])
			}
		}
	}
}

// TestDelegationOpensListsOnlyPerProgram: a partner may open the lists of
// the operations it may be delegated (Anywhere), but each program then
// answers for itself.
func TestDelegationOpensListsOnlyPerProgram(t *testing.T) {
	partner := actor(domain.RolePartnerStaff, ota, 13)
	if !Anywhere(partner, MoveEntries, ota) {
		t.Error("a partner cannot open the screening board")
	}
	if Anywhere(partner, DecideEntries, ota) {
		t.Error("a partner may decide somewhere")
	}
}
