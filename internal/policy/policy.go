// Package policy is the one place that decides what each person may do:
// a pure table from roles to actions, each with the scope it reaches
// within the municipality of the membership. Handlers find the facts about
// the thing at hand (its organization, whether the person is assigned to
// review the entry or leads the team) and ask Can; nothing else compares
// roles.
package policy

import "github.com/tsunagu-hub/tsunagu/internal/domain"

// Action is something a person may be allowed to do.
type Action string

// Actions.
const (
	ViewEntries     Action = "entries.view"         // see a program's entrants and their entries
	ScreenEntries   Action = "entries.screen"       // write private notes and scores
	MoveEntries     Action = "entries.move"         // move entries between screening stages, assign reviewers, schedule interviews
	DecideEntries   Action = "entries.decide"       // 内定 / 見送り: the municipality decides
	ViewContacts    Action = "entries.contacts"     // an entrant's contact details (email address)
	ManageProjects  Action = "projects.manage"      // draft, submit and edit projects
	ReviewProjects  Action = "projects.review"      // publish or return submitted projects
	Invite          Action = "members.invite"       // invite people into an organization
	ReadAudit       Action = "audit.read"           // read the audit log
	ViewDashboard   Action = "dashboard.view"       // the municipality's figures
	ReadOutbox      Action = "outbox.read"          // mail the municipality's work caused
	ImportEntries   Action = "entries.import"       // import entries from a form export, export them as CSV
	ManageCommunity Action = "community.manage"     // hold events, answer ideas
	ScoutTalents    Action = "talents.scout"        // search the shared pool and send offers
	EditLegal       Action = "legal.edit"           // write the municipality's privacy notice, terms of use and contact
	ViewTeams       Action = "teams.view"           // open a team's workspace and the list of teams
	ManageTeams     Action = "teams.manage"         // assign leaders to teams
	DecideTeams     Action = "teams.decide"         // complete a team (which issues its credentials), correct its outcomes, revoke credentials
	ViewAgreements  Action = "agreements.view"      // read agreements, with their rewards
	ViewCredentials Action = "credentials.view"     // read credentials their holders have not made public
	DraftAgreements Action = "agreements.draft"     // write an agreement's terms and send it (not accept it for the municipality)
	ManageOrgs      Action = "organizations.manage" // add and edit the municipality's businesses, partners and associations
)

// Scope is how far a grant reaches within the municipality.
type Scope int

// Scopes.
const (
	Everything      Scope = iota // everything of the municipality
	OwnOrganization              // only what belongs to the member's own organization (Resource.OrganizationID)
	AssignedEntries              // only entries the person is assigned to review (Resource.AssignedReviewer)
	LedTeams                     // only teams the person leads (Resource.TeamLeader)
	Delegated                    // only programs whose operations are delegated to the member's organization (Resource.Delegate)
)

// Actor is a signed-in person and their memberships.
type Actor struct {
	UserID      int64
	Memberships []domain.Membership
}

// Resource is what an action touches, with the facts the scopes need.
// A resource with no facts set stands for "every one of them": a leader
// may not see every entry, so Can answers false for it.
type Resource struct {
	MunicipalityID   int64
	OrganizationID   int64 // the organization the thing belongs to (a project's or team's host); 0 for none
	AssignedReviewer bool  // the actor is assigned to review this entry
	TeamLeader       bool  // the actor leads this team
	// Delegate is the partner organization the operations of the
	// program the thing belongs to are delegated to; 0 for none. For
	// what belongs to no one program (the municipality's invitations),
	// it is the actor's partner organization if the municipality has
	// delegated at least one program to it.
	Delegate int64
}

// grant is one action a role may take, and how far it reaches.
type grant struct {
	act   Action
	scope Scope
}

func everything(acts ...Action) []grant {
	out := make([]grant, len(acts))
	for i, a := range acts {
		out[i] = grant{a, Everything}
	}
	return out
}

// grants lists what each role may do within its municipality.
func grants(r domain.Role) []grant {
	switch r {
	case domain.RoleMunicipalityAdmin:
		return everything(ViewEntries, ScreenEntries, MoveEntries, DecideEntries, ViewContacts, ManageProjects, ReviewProjects,
			Invite, ReadAudit, ViewDashboard, ReadOutbox, ImportEntries, ManageCommunity, ScoutTalents, ViewTeams, ManageTeams,
			DecideTeams, ViewAgreements, ViewCredentials, EditLegal, DraftAgreements, ManageOrgs)
	case domain.RoleMunicipalityStaff:
		return everything(ViewEntries, ScreenEntries, MoveEntries, DecideEntries, ViewContacts, ManageProjects, ReviewProjects,
			Invite, ViewDashboard, ReadOutbox, ImportEntries, ManageCommunity, ScoutTalents, ViewTeams, ManageTeams,
			DecideTeams, ViewAgreements, ViewCredentials, DraftAgreements, ManageOrgs)
	case domain.RolePartnerStaff:
		// A partner sees what staff see and screens; the day-to-day
		// operations only of the programs delegated to it; never 内定,
		// 合意 or 見送り, and never credentials.
		return append(everything(ViewEntries, ScreenEntries, ViewContacts, ManageProjects, ViewDashboard, ManageCommunity,
			ScoutTalents, ViewTeams, ManageTeams, ViewAgreements, ViewCredentials),
			grant{ReviewProjects, Delegated}, grant{ImportEntries, Delegated}, grant{Invite, Delegated},
			grant{MoveEntries, Delegated}, grant{DraftAgreements, Delegated})
	case domain.RoleAssociationStaff:
		return everything(ManageProjects, ViewDashboard, ManageCommunity)
	case domain.RoleLeaderTalent:
		// An outsider: the entries assigned to them and the teams they
		// lead, never contact details, agreements or credentials.
		return []grant{{ViewEntries, AssignedEntries}, {ScreenEntries, AssignedEntries}, {ViewTeams, LedTeams}}
	case domain.RoleBusinessOwner:
		return []grant{{ManageProjects, OwnOrganization}, {ViewTeams, OwnOrganization}, {ViewAgreements, OwnOrganization}}
	}
	return nil
}

// covers reports whether a grant held through membership m reaches res.
func (g grant) covers(m domain.Membership, res Resource) bool {
	switch g.scope {
	case OwnOrganization:
		return res.OrganizationID != 0 && res.OrganizationID == m.OrganizationID
	case AssignedEntries:
		return res.AssignedReviewer
	case LedTeams:
		return res.TeamLeader
	case Delegated:
		return res.Delegate != 0 && res.Delegate == m.OrganizationID
	}
	return true
}

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
		for _, g := range grants(m.Role) {
			if g.act == act && g.covers(m, res) {
				return true
			}
		}
	}
	return false
}

// Anywhere reports whether the actor may do the action on at least some
// things of the municipality: whether a list page opens for them at all.
// The list must then keep only what Can allows, item by item.
func Anywhere(a Actor, act Action, municipalityID int64) bool {
	if a.UserID == 0 {
		return false
	}
	for _, m := range a.Memberships {
		if m.UserID != a.UserID || m.MunicipalityID != municipalityID {
			continue
		}
		for _, g := range grants(m.Role) {
			if g.act == act {
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
		if !seen[m.MunicipalityID] && Anywhere(a, act, m.MunicipalityID) {
			out = append(out, m.MunicipalityID)
			seen[m.MunicipalityID] = true
		}
	}
	return out
}

// IsOwner reports whether the actor owns the business: a business-owner
// membership of that organization. It makes them a party to its
// agreements and teams.
func IsOwner(a Actor, organizationID int64) bool {
	for _, m := range a.Memberships {
		if a.UserID != 0 && m.UserID == a.UserID && m.Role == domain.RoleBusinessOwner && m.OrganizationID == organizationID {
			return true
		}
	}
	return false
}
