package outbox

import (
	"context"
	"errors"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// fakeSender is the test double for SMTP: it fails some addresses and
// records what it delivered.
type fakeSender struct {
	fail      map[string]error
	delivered []mail.Message
}

func (f *fakeSender) Send(_ context.Context, m mail.Message) error {
	if err := f.fail[m.To]; err != nil {
		return err
	}
	f.delivered = append(f.delivered, m)
	return nil
}

func TestDeliverRetriesTemporaryAndStopsOnPermanent(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"ok@example.jp", "busy@example.jp", "gone@example.jp"} {
		if err := st.Messaging().QueueMail(ctx, &store.Mail{To: to, Lang: "ja", Subject: "件名", Body: "本文"}); err != nil {
			t.Fatal(err)
		}
	}
	sender := &fakeSender{fail: map[string]error{
		"busy@example.jp": &mail.SendError{Temporary: true, Code: 451, Err: errors.New("try later")},
		"gone@example.jp": &mail.SendError{Temporary: false, Code: 550, Err: errors.New("no such user")},
	}}
	n, err := Deliver(ctx, st, sender)
	if err != nil || n != 1 || len(sender.delivered) != 1 || sender.delivered[0].Subject != "件名" {
		t.Fatalf("first round: %d %v %+v", n, err, sender.delivered)
	}
	first := sender.delivered[0].MessageID
	waiting, _ := st.Messaging().MailToSend(ctx, 10)
	if len(waiting) != 1 || waiting[0].To != "busy@example.jp" || waiting[0].Attempts != 1 {
		t.Fatalf("after one round: %+v", waiting)
	}
	delete(sender.fail, "busy@example.jp")
	if n, _ := Deliver(ctx, st, sender); n != 1 {
		t.Errorf("retry delivered %d", n)
	}
	if waiting, _ := st.Messaging().MailToSend(ctx, 10); len(waiting) != 0 {
		t.Errorf("still waiting: %+v", waiting)
	}
	all, _ := st.Messaging().Outbox(ctx, 10, true)
	if len(all) != 1 || all[0].To != "gone@example.jp" || all[0].LastError == "" {
		t.Errorf("the permanent failure is not kept for staff: %+v", all)
	}
	if first == sender.delivered[1].MessageID || first == "" {
		t.Error("message ids are not distinct")
	}
}
