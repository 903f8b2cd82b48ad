// Package policy is the one place that decides what each person may do:
// a pure table from roles to actions, scoped to the municipality (and, for
// a business owner, the organization) of each membership. Handlers ask
// Can; nothing else compares roles.
package policy

import "github.com/tsunagu-hub/tsunagu/internal/domain"

// Action is something a person may be allowed to do.
type Action string

// Actions.
const (
	ViewEntries     Action = "entries.view"     // see a program's entrants and their entries
	ScreenEntries   Action = "entries.screen"   // write private notes and scores
	MoveEntries     Action = "entries.move"     // move entries between screening stages, assign reviewers, schedule interviews
	DecideEntries   Action = "entries.decide"   // 内定 / 見送り: the municipality decides
	ManageProjects  Action = "projects.manage"  // draft, submit and edit projects
	ReviewProjects  Action = "projects.review"  // publish or return submitted projects
	Invite          Action = "members.invite"   // invite people into an organization
	ReadAudit       Action = "audit.read"       // read the audit log
	ViewDashboard   Action = "dashboard.view"   // the municipality's figures
	ReadOutbox      Action = "outbox.read"      // mail the municipality's work caused
	ImportEntries   Action = "entries.import"   // import entries from a form export, export them as CSV
	ManageCommunity Action = "community.manage" // hold events, answer ideas
	ScoutTalents    Action = "talents.scout"    // search the shared pool and send offers
	EditLegal       Action = "legal.edit"       // write the municipality's privacy notice, terms of use and contact
)

// Actor is a signed-in person and their memberships.
type Actor struct {
	UserID      int64
	Memberships []domain.Membership
}

// Resource is what an action touches: always a municipality, sometimes an
// organization (a business's own projects).
type Resource struct {
	MunicipalityID int64
	OrganizationID int64 // 0 when the action is not about one organization
}

// grants lists what each role may do within its municipality.
func grants(r domain.Role) []Action {
	switch r {
	case domain.RoleMunicipalityAdmin:
		return []Action{ViewEntries, ScreenEntries, MoveEntries, DecideEntries, ManageProjects, ReviewProjects, Invite,
			ReadAudit, ViewDashboard, ReadOutbox, ImportEntries, ManageCommunity, ScoutTalents, EditLegal}
	case domain.RoleMunicipalityStaff:
		return []Action{ViewEntries, ScreenEntries, MoveEntries, DecideEntries, ManageProjects, ReviewProjects, Invite,
			ViewDashboard, ReadOutbox, ImportEntries, ManageCommunity, ScoutTalents}
	case domain.RolePartnerStaff:
		return []Action{ViewEntries, ScreenEntries, MoveEntries, ManageProjects, ViewDashboard, ManageCommunity, ScoutTalents}
	case domain.RoleAssociationStaff:
		return []Action{ManageProjects, ViewDashboard, ManageCommunity}
	case domain.RoleLeaderTalent:
		return []Action{ViewEntries, ScreenEntries}
	case domain.RoleBusinessOwner:
		return []Action{ManageProjects}
	}
	return nil
}

// ownOrganizationOnly marks roles whose grants reach only their own
// organization's resources.
func ownOrganizationOnly(r domain.Role) bool { return r == domain.RoleBusinessOwner }

// Can reports whether the actor may do the action on the resource. Nobody
// may act in a municipality they hold no membership in.
func Can(a Actor, act Action, res Resource) bool {
	if a.UserID == 0 {
		return false
	}
	for _, m := range a.Memberships {
		if m.UserID != a.UserID || m.MunicipalityID != res.MunicipalityID {
			continue
		}
		if ownOrganizationOnly(m.Role) && res.OrganizationID != m.OrganizationID {
			continue
		}
		for _, g := range grants(m.Role) {
			if g == act {
				return true
			}
		}
	}
	return false
}

// Municipalities lists the municipalities where the actor may do the action
// on something, for menus.
func Municipalities(a Actor, act Action) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, m := range a.Memberships {
		if seen[m.MunicipalityID] || m.UserID != a.UserID {
			continue
		}
		for _, g := range grants(m.Role) {
			if g == act {
				out = append(out, m.MunicipalityID)
				seen[m.MunicipalityID] = true
				break
			}
		}
	}
	return out
}
