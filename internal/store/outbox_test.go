package store

import (
	"context"
	"testing"
)

// TestMunicipalityOutboxHidesOneTimeLinks: staff read that a mail with a
// one-time link exists, never its body; the operator's outbox and the
// sender still have it whole.
func TestMunicipalityOutboxHidesOneTimeLinks(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		invite := Mail{To: "admin@city.example.jp", Lang: "ja", Subject: "招待", MunicipalityID: f.ota.ID, OneTimeLink: true,
			Body: "http://tsunagu.test/invite?token=SECRET1", Attachment: Attachment{Name: "a.txt", Type: "text/plain", Data: "SECRET2"}}
		unmarked := Mail{To: "x@example.jp", Lang: "ja", Subject: "お知らせ", MunicipalityID: f.ota.ID,
			Body: "http://tsunagu.test/login?TOKEN=SECRET3"}
		status := Mail{To: "y@example.jp", Lang: "ja", Subject: "選考結果", MunicipalityID: f.ota.ID, Body: "書類選考を通過しました。"}
		for _, m := range []*Mail{&invite, &unmarked, &status} {
			mustNil(t, s.Messaging().QueueMail(ctx, m))
		}
		box, err := s.Messaging().MunicipalityOutbox(ctx, f.ota.ID, 10)
		mustNil(t, err)
		type seen struct {
			Subject, Body, Attachment, AttachmentName string
			OneTimeLink                               bool
		}
		var got []seen
		for _, m := range box {
			got = append(got, seen{m.Subject, m.Body, m.Attachment.Data, m.Attachment.Name, m.OneTimeLink})
		}
		want := []seen{{"選考結果", "書類選考を通過しました。", "", "", false}, {"お知らせ", "", "", "", true}, {"招待", "", "", "a.txt", true}}
		if len(got) != len(want) {
			t.Fatalf("staff outbox = %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("staff outbox[%d] = %+v, want %+v", i, got[i], want[i])
			}
		}
		whole, err := s.Messaging().Mail(ctx, invite.ID)
		mustNil(t, err)
		if whole.Body != invite.Body || whole.Attachment.Data != "SECRET2" || !whole.OneTimeLink {
			t.Errorf("the mail itself = %+v, want it whole and marked", whole)
		}
	})
}
