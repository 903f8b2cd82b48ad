package store

import (
	"context"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

func TestBookmarksAndAudit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		u := domain.User{Email: "heiwajima@example.jp", Name: "平和島 九郎"}
		mustNil(t, s.Accounts().CreateUser(ctx, &u))
		mustNil(t, s.Community().Bookmark(ctx, u.ID, f.web.ID))
		mustNil(t, s.Community().Bookmark(ctx, u.ID, f.web.ID)) // twice is once
		mustNil(t, s.Community().Bookmark(ctx, u.ID, f.green.ID))
		if err := s.Community().Bookmark(ctx, u.ID, f.cafe.ID); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("bookmarking a draft: %v", err)
		}
		list, err := s.Community().Bookmarks(ctx, u.ID)
		mustNil(t, err)
		if len(list) != 2 || len(list[0].SDGs) == 0 {
			t.Fatalf("bookmarks: %+v", list)
		}
		mustNil(t, s.Community().Unbookmark(ctx, u.ID, f.web.ID))
		if ok, _ := s.Community().Bookmarked(ctx, u.ID, f.web.ID); ok {
			t.Error("still bookmarked")
		}
		if ok, _ := s.Community().Bookmarked(ctx, u.ID, f.green.ID); !ok {
			t.Error("the other bookmark went too")
		}

		mustNil(t, s.Compliance().Audit(ctx, AuditEvent{ActorID: u.ID, Action: "profile.view", SubjectType: "talent", SubjectID: 5,
			MunicipalityID: f.ota.ID, Address: "127.0.0.1"}))
		mustNil(t, s.Compliance().Audit(ctx, AuditEvent{Action: "user.signup", SubjectType: "user", SubjectID: u.ID}))
		all, err := s.Compliance().AuditLog(ctx, 0, 10)
		mustNil(t, err)
		if len(all) != 2 || all[0].Action != "user.signup" || all[0].ActorID != 0 || all[1].MunicipalityID != f.ota.ID {
			t.Errorf("audit log: %+v", all)
		}
		ota, _ := s.Compliance().AuditLog(ctx, f.ota.ID, 10)
		if len(ota) != 1 || ota[0].Action != "profile.view" {
			t.Errorf("Ota's log: %+v", ota)
		}
		// A failed change leaves no record: the event is in its transaction.
		_ = s.InTx(ctx, func(tx *Store) error {
			mustNil(t, tx.Compliance().Audit(ctx, AuditEvent{Action: "entry.submit"}))
			return domain.Errorf(domain.CodeInvalid, "error.required")
		})
		if after, _ := s.Compliance().AuditLog(ctx, 0, 10); len(after) != 2 {
			t.Errorf("a rolled-back event was kept: %d", len(after))
		}
	})
}
