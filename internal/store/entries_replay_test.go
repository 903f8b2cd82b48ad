package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TestIdempotencyKeyWithAnotherRequest: the key sent again with the same
// request hash replays the first entry; with another hash it is refused
// as unprocessable, also when the two race, and no second entry is made.
func TestIdempotencyKeyWithAnotherRequest(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		submit := func(talentID int64, key, hash, motivation string) (domain.Entry, bool, error) {
			e := domain.Entry{MunicipalityID: f.ota.ID, ProgramID: f.program.ID, TalentID: talentID,
				Choices: []int64{f.web.ID}, Motivation: motivation, Status: domain.EntrySubmitted,
				SubmittedAt: time.Now(), IdempotencyKey: key, RequestHash: hash}
			created, err := s.Entries().SubmitEntry(ctx, &e)
			return e, created, err
		}
		first, created, err := submit(f.talent.ID, "api-1", "hash-a", "最初の内容")
		if err != nil || !created {
			t.Fatalf("first: %v %v", created, err)
		}
		again, created, err := submit(f.talent.ID, "api-1", "hash-a", "最初の内容")
		if err != nil || created || again.ID != first.ID {
			t.Errorf("the same request again: %+v %v %v", again, created, err)
		}
		_, created, err = submit(f.talent.ID, "api-1", "hash-b", "別の内容")
		if key, _ := domain.ErrorKey(err); domain.ErrorCode(err) != domain.CodeUnprocessable || key != "error.idempotency_key_reused" || created {
			t.Errorf("another request with the key: %v %v", created, err)
		}
		// A form sends no hash: its key replays as before.
		if form, _, err := submit(f.talent.ID, "api-1", "", "フォーム"); err != nil || form.ID != first.ID {
			t.Errorf("the key without a hash: %+v %v", form, err)
		}

		// Two different requests under one key at once: one entry, made
		// by one of them; the same request replays it, the other is refused.
		racer := domain.Talent{Name: "競争 者", NameKana: "キョウソウ シャ", ResidenceCountry: "JP"}
		mustNil(t, s.Talents().CreateTalent(ctx, &racer))
		type result struct {
			hash string
			id   int64
			err  error
		}
		results := make(chan result, 10)
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				hash := map[bool]string{true: "hash-a", false: "hash-b"}[i%2 == 0]
				e, _, err := submit(racer.ID, "race", hash, hash)
				results <- result{hash, e.ID, err}
			}()
		}
		wg.Wait()
		close(results)
		var winner string
		var entryID int64
		var all []result
		for r := range results {
			all = append(all, r)
			if r.err == nil {
				if winner != "" && (r.hash != winner || r.id != entryID) {
					t.Errorf("two answers for one key: %s/%d and %s/%d", winner, entryID, r.hash, r.id)
				}
				winner, entryID = r.hash, r.id
			}
		}
		for _, r := range all {
			if r.hash != winner && domain.ErrorCode(r.err) != domain.CodeUnprocessable {
				t.Errorf("the other request (%s) got %v, want unprocessable", r.hash, r.err)
			}
		}
		list, err := s.Entries().EntriesOfTalent(ctx, racer.ID)
		mustNil(t, err)
		if len(list) != 1 || list[0].ID != entryID || list[0].Motivation != winner {
			t.Errorf("entries: %+v, want one made by %s", list, winner)
		}
	})
}
