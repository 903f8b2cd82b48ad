package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// DemoPassword signs in every demo account. It is for the demo only and
// is printed in the README; a real site has no such accounts.
const DemoPassword = "tsunagu-demo-2021"

// DemoAccount is a sign-in the demo offers, one per role.
type DemoAccount struct {
	Email, Name string
	Role        domain.Role // "" for a talent without a staff role
}

// DemoAccounts lists the demo's sign-ins.
func DemoAccounts() []DemoAccount {
	return []DemoAccount{
		{"ota-admin@demo.tsunagu.example", "大田 管理者", domain.RoleMunicipalityAdmin},
		{"ota-staff@demo.tsunagu.example", "大田 職員", domain.RoleMunicipalityStaff},
		{"partner@demo.tsunagu.example", "まちプロ 担当", domain.RolePartnerStaff},
		{"leader@demo.tsunagu.example", "リーダー 副業者", domain.RoleLeaderTalent},
		{"owner@demo.tsunagu.example", "町工場 経営者", domain.RoleBusinessOwner},
		{"tsubame-staff@demo.tsunagu.example", "燕 職員", domain.RoleMunicipalityStaff},
		{"talent@demo.tsunagu.example", "", ""},
		{AlumnusEmail, "", ""},
	}
}

// demoAccounts creates the demo sign-ins with their memberships: Ota's
// office for its staff and leader, the partner organisation, the first Ota
// business for its owner, Tsubame's office for Tsubame's staff, and the
// first demo talent's profile for the talent, and the alumnus's profile
// (a dataset talent ID) for the alumnus. It returns the users' IDs by
// email. A staff account is made half an hour after its organisation
// joined, the talent's with their profile; each address is confirmed
// minutes later.
func demoAccounts(ctx context.Context, tx *store.Store, ds *demo.Dataset, plan *demo.Aftermath, m ids, hash string, s *story,
	alumnus int64) (map[string]int64, error) {
	users := map[string]int64{}
	me := demoTalent(ds, plan)
	ota, tsubame := ds.Municipalities[0].ID, ds.Municipalities[1].ID
	find := func(muni int64, kind domain.OrgKind) int64 { // a dataset ID
		for _, o := range ds.Organizations {
			if o.MunicipalityID == muni && o.Kind == kind {
				return o.ID
			}
		}
		return 0
	}
	orgOf := map[domain.Role]int64{
		domain.RoleMunicipalityAdmin: find(ota, domain.OrgMunicipalityOffice),
		domain.RoleMunicipalityStaff: find(ota, domain.OrgMunicipalityOffice),
		domain.RolePartnerStaff:      find(ota, domain.OrgPartner),
		domain.RoleLeaderTalent:      find(ota, domain.OrgMunicipalityOffice),
		domain.RoleBusinessOwner:     find(ota, domain.OrgBusiness),
	}
	for i, a := range DemoAccounts() {
		name := a.Name
		org := orgOf[a.Role]
		if a.Email == "tsubame-staff@demo.tsunagu.example" {
			org = find(tsubame, domain.OrgMunicipalityOffice)
		}
		talent := me
		if a.Email == AlumnusEmail {
			talent = alumnus
		}
		made := s.made[talentKind][talent]
		if a.Role == "" {
			name = talentName(ds, talent)
		} else {
			made = s.made[organizationKind][org].Add(30*time.Minute + time.Duration(i)*5*time.Minute)
		}
		s.set(made)
		u := domain.User{Email: a.Email, Name: name}
		if err := tx.Accounts().CreateUser(ctx, &u); err != nil {
			return nil, fmt.Errorf("demo account %s: %w", a.Email, err)
		}
		users[a.Email] = u.ID
		if err := tx.Accounts().SetPassword(ctx, u.ID, hash); err != nil {
			return nil, err
		}
		if a.Role == "" {
			if err := tx.Talents().LinkTalentUser(ctx, m.tal[talent], u.ID); err != nil {
				return nil, err
			}
		} else if err := tx.Accounts().AddMembership(ctx, &domain.Membership{UserID: u.ID, OrganizationID: m.org[org], Role: a.Role}); err != nil {
			return nil, fmt.Errorf("demo membership %s: %w", a.Email, err)
		}
		s.set(made.Add(7 * time.Minute))
		if err := tx.Accounts().MarkEmailVerified(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	return users, nil
}

// demoTalent is the dataset talent whom the demo's talent account is: a
// member of the first completed 2021 team, who holds a credential; without
// an aftermath, the first talent.
func demoTalent(ds *demo.Dataset, plan *demo.Aftermath) int64 {
	if plan != nil {
		for _, t := range plan.Teams {
			if t.Completed && len(t.Members) > 0 {
				return t.Members[0]
			}
		}
	}
	return ds.Talents[0].ID
}

// talentName is a dataset talent's name.
func talentName(ds *demo.Dataset, id int64) string {
	for _, t := range ds.Talents {
		if t.ID == id {
			return t.Name
		}
	}
	return ""
}
