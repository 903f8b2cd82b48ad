package seed

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// AlumnusEmail signs in the demo's alumnus: a member of a team that
// completed its project in Ota's 2021 program who grew up in Niigata
// Prefecture, where Tsubame is, and lets Tsubame's staff find them.
const AlumnusEmail = "alumnus@demo.tsunagu.example"

// niigata is the prefecture code of Niigata, the first two digits of its
// municipalities' lgcodes.
const niigata = "15"

// alumni lists the dataset IDs of the talents in teams that completed
// their project, in ID order.
func alumni(plan *demo.Aftermath) []int64 {
	var out []int64
	for _, t := range plan.Teams {
		if t.Completed {
			out = append(out, t.Members...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// tiedTo reports whether the talent has a tie of the kind ("" for any) to
// a municipality of the prefecture.
func tiedTo(t domain.Talent, kind domain.AffinityKind, pref string) bool {
	return slices.ContainsFunc(t.Affinities, func(a domain.Affinity) bool {
		return (kind == "" || a.Kind == kind) && strings.HasPrefix(a.LGCode, pref)
	})
}

// talentOf finds a dataset talent by its ID.
func talentOf(ds *demo.Dataset, id int64) domain.Talent {
	i := slices.IndexFunc(ds.Talents, func(t domain.Talent) bool { return t.ID == id })
	if i < 0 {
		return domain.Talent{}
	}
	return ds.Talents[i]
}

// demoAlumnus is the dataset ID of the alumnus who signs in: the first
// alumnus born in Niigata Prefecture (0 when the plan has none) who is not
// the demo talent (except).
func demoAlumnus(ds *demo.Dataset, plan *demo.Aftermath, except int64) int64 {
	for _, id := range alumni(plan) {
		if id != except && tiedTo(talentOf(ds, id), domain.AffinityBorn, niigata) {
			return id
		}
	}
	return 0
}

// findableByTsubame reports whether an alumnus agreed to be found by
// Tsubame: those tied to Niigata Prefecture, and those who grew up
// outside Tokyo and might take their experience home.
func findableByTsubame(t domain.Talent) bool {
	return tiedTo(t, "", niigata) || (tiedTo(t, domain.AffinityBorn, "") && !tiedTo(t, domain.AffinityBorn, "13"))
}

// alumniConsents records the answers of the 2021 program's alumni who let
// Tsubame's staff find them, the day after Tsubame's program was created,
// a minute apart; every other one of them (and the alumnus who signs in)
// also lets those staff read the businesses' reviews of their work. Then
// Tsubame's staff scout one of them, who answers with interest, and they
// exchange a message each.
func alumniConsents(ctx context.Context, tx *store.Store, ds *demo.Dataset, plan *demo.Aftermath, m ids,
	tsubame domain.Municipality, staff int64, s *story) error {
	var from time.Time
	for _, p := range ds.Programs {
		if p.MunicipalityID == tsubame.ID {
			from = jstDay(s.made[programKind][p.ID].AddDate(0, 0, 1), 10, 0)
		}
	}
	signsIn := demoAlumnus(ds, plan, demoTalent(ds, plan))
	var scouted, scoutedUser int64
	for i, id := range alumni(plan) {
		t := talentOf(ds, id)
		if !findableByTsubame(t) {
			continue
		}
		at := from.Add(time.Duration(2*i) * time.Minute)
		s.set(at)
		user, err := memberAccount(ctx, tx, m.tal[id])
		if err != nil {
			return err
		}
		if err := tx.Compliance().RecordConsent(ctx, &domain.Consent{UserID: user, MunicipalityID: m.muni[tsubame.ID],
			Purpose: domain.ConsentScout, Granted: true}); err != nil {
			return err
		}
		if i%2 == 0 || id == signsIn {
			s.set(at.Add(time.Minute))
			if err := tx.Compliance().RecordConsent(ctx, &domain.Consent{UserID: user, Purpose: domain.ConsentReviews,
				Granted: true}); err != nil {
				return err
			}
		}
		if scouted == 0 && id != signsIn && tiedTo(t, domain.AffinityBorn, niigata) {
			scouted, scoutedUser = id, user
		}
	}
	if scouted == 0 {
		return nil
	}
	return demoConversation(ctx, tx, m.muni[tsubame.ID], m.tal[scouted], staff, scoutedUser, from, s)
}

// demoConversation is Tsubame's first scout of an Ota alumnus, three days
// after the alumni let it find them: answered with interest the next
// evening (without sharing contact details), and a message each way.
func demoConversation(ctx context.Context, tx *store.Store, tsubame, talent, staff, user int64, from time.Time,
	s *story) error {
	s.set(from.AddDate(0, 0, 3))
	o := domain.ScoutOffer{MunicipalityID: tsubame, TalentID: talent, SenderID: staff,
		Message: "大田区のプロジェクトを完了された経験を、燕市のものづくりでも活かしていただけませんか。まずはお話を聞かせてください。"}
	if err := tx.Talents().SendScout(ctx, &o); err != nil {
		return err
	}
	s.set(jstDay(from.AddDate(0, 0, 4), 20, 15))
	if _, err := tx.Talents().AnswerScout(ctx, o.ID, talent, true, false); err != nil {
		return err
	}
	for i, x := range []struct {
		by   int64
		body string
	}{
		{user, "新潟県の出身で、いつか地元の役に立ちたいと思っていました。平日の夜なら時間が取れます。"},
		{staff, "ありがとうございます。来月の工場見学会にオンラインでご参加いただけるよう、ご案内をお送りします。"},
	} {
		s.set(jstDay(from.AddDate(0, 0, 5+i), 12+7*i, 30))
		if err := tx.Messaging().PostThreadMessage(ctx, &domain.ThreadMessage{ScoutID: o.ID, AuthorID: x.by,
			Body: x.body}); err != nil {
			return err
		}
	}
	return nil
}
