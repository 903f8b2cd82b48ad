package store

import (
	"context"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestUsersAndMemberships(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		u := domain.User{Email: " Staff@City.Ota.example ", Name: "大田 一郎", NameKana: "ｵｵﾀ ｲﾁﾛｳ"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		if u.Email != "staff@city.ota.example" || u.NameKana != "オオタ イチロウ" {
			t.Errorf("not normalised: %+v", u)
		}
		dup := domain.User{Email: "STAFF@city.ota.example", Name: "別人"}
		if err := s.Accounts().CreateUser(ctx, &dup); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("duplicate email: %v", err)
		}
		bad := domain.User{Email: "not an address", Name: "x"}
		if key, _ := domain.ErrorKey(s.Accounts().CreateUser(ctx, &bad)); key != "error.email" {
			t.Errorf("bad email: %s", key)
		}
		got, err := s.Accounts().UserByEmail(ctx, "staff@CITY.ota.example")
		mustNil(t, err)
		if got.ID != u.ID {
			t.Errorf("found %+v", got)
		}
		if _, err := s.Accounts().UserByEmail(ctx, "nobody@example.com"); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("unknown email: %v", err)
		}
		m := domain.Membership{UserID: u.ID, OrganizationID: f.office.ID, Role: domain.RoleMunicipalityAdmin}
		mustNil(t, s.Accounts().AddMembership(ctx, &m))
		m2 := domain.Membership{UserID: u.ID, OrganizationID: f.other.ID, Role: domain.RoleMunicipalityStaff}
		mustNil(t, s.Accounts().AddMembership(ctx, &m2))
		again := m
		if err := s.Accounts().AddMembership(ctx, &again); domain.ErrorCode(err) != domain.CodeConflict {
			t.Errorf("same membership twice: %v", err)
		}
		wrongRole := domain.Membership{UserID: u.ID, OrganizationID: f.shop.ID, Role: "mayor"}
		if err := s.Accounts().AddMembership(ctx, &wrongRole); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("unknown role: %v", err)
		}
		ms, err := s.Accounts().Memberships(ctx, u.ID)
		mustNil(t, err)
		if len(ms) != 2 || ms[0].MunicipalityID != f.ota.ID || ms[1].MunicipalityID != f.tsubame.ID {
			t.Errorf("memberships = %+v", ms)
		}
	})
}

func TestTalentProfileOfAUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := domain.User{Email: "jiro@example.jp", Name: "雑色 次郎"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		if _, err := s.Talents().TalentByUser(ctx, u.ID); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Fatalf("no profile yet: %v", err)
		}
		tal := domain.Talent{UserID: u.ID, Name: "雑色 次郎", NameKana: "ゾウシキ ジロウ", ResidenceCountry: "JP",
			Skills: []domain.TalentSkill{{Code: "web-seo", Level: 2}}, SDGs: []int{9, 11},
			Affinities: []domain.Affinity{{LGCode: "131113", Kind: domain.AffinityLives}}}
		mustNil(t, s.Talents().SaveTalent(ctx, &tal))
		tal.Skills = []domain.TalentSkill{{Code: "mkt-sns", Level: 3}, {Code: "web-seo", Level: 1}}
		tal.SDGs = []int{12}
		tal.Affinities = []domain.Affinity{{LGCode: "152137", Kind: domain.AffinityBorn}}
		tal.HoursPerMonth = 25
		mustNil(t, s.Talents().SaveTalent(ctx, &tal))
		got, err := s.Talents().TalentByUser(ctx, u.ID)
		mustNil(t, err)
		if got.ID != tal.ID || got.HoursPerMonth != 25 || len(got.Skills) != 2 || got.Skills[0].Code != "mkt-sns" ||
			len(got.SDGs) != 1 || got.SDGs[0] != 12 || len(got.Affinities) != 1 || got.Affinities[0].LGCode != "152137" {
			t.Errorf("saved profile: %+v", got)
		}
		bad := got
		bad.NameKana = "雑色" // kanji: no reading (hiragana is now turned into katakana)
		if err := s.Talents().SaveTalent(ctx, &bad); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("invalid update: %v", err)
		}
		again, _ := s.Talents().TalentByUser(ctx, u.ID)
		if again.NameKana != "ゾウシキ ジロウ" {
			t.Error("a refused update changed the profile")
		}
	})
}

func TestTalentsForMatching(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		other := domain.Talent{Name: "羽田 八郎", NameKana: "ハネダ ハチロウ", ResidenceCountry: "SG", HoursPerMonth: 10,
			Skills: []domain.TalentSkill{{Code: "global-english", Level: 3}, {Code: "web-seo", Level: 1}}}
		mustNil(t, s.Talents().CreateTalent(ctx, &other))
		all, err := s.Talents().TalentsForMatching(ctx)
		mustNil(t, err)
		if len(all) != 2 || all[0].ID != f.talent.ID || all[1].ID != other.ID {
			t.Fatalf("talents: %+v", all)
		}
		if len(all[0].Affinities) != 2 || len(all[0].SDGs) != 1 || all[0].Skills[0].Level != 3 {
			t.Errorf("first: %+v", all[0])
		}
		if len(all[1].Skills) != 2 || all[1].Skills[0].Code != "global-english" || all[1].HoursPerMonth != 10 ||
			len(all[1].Affinities) != 0 {
			t.Errorf("second: %+v", all[1])
		}
	})
}
