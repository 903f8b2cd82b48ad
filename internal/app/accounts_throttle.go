package app

import (
	"context"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Throttled answers an attempt that came too soon after too many failures
// under one of its keys (auth.LoginThrottles, auth.PasswordResetThrottles):
// it was not even checked, and may be made again after Wait.
type Throttled struct{ Wait time.Duration }

func (e *Throttled) Error() string {
	return "throttled: try again in " + strconv.Itoa(int(e.Wait.Seconds())) + "s"
}

// throttle is a *Throttled error while an attempt counted under keys must
// still wait; nil lets it through. The counts are in the database, so
// every instance gives the same answer.
func (a *Accounts) throttle(ctx context.Context, keys []auth.Throttle) error {
	now := a.app.now()
	var wait time.Duration
	for _, k := range keys {
		f, err := a.app.st.Accounts().LoginFailures(ctx, k.Key)
		if err != nil {
			return err
		}
		wait = max(wait, k.Backoff.Wait(f.Count, f.Last, now))
	}
	if wait > 0 {
		return &Throttled{Wait: wait}
	}
	return nil
}

// countFailure counts a failed attempt under each key, in the change.
func (tx *Tx) countFailure(ctx context.Context, keys []auth.Throttle) error {
	now := tx.app.now()
	for _, k := range keys {
		if err := tx.Accounts().AddLoginFailure(ctx, k.Key, now, k.Backoff.ForgetBefore(now)); err != nil {
			return err
		}
	}
	return nil
}

// failed records a failed attempt on a user's account (0 when there is
// none): counted under keys and audited as action, together.
func (a *Accounts) failed(ctx context.Context, keys []auth.Throttle, action string, userID int64) error {
	return a.app.Change(ctx, func(tx *Tx) error {
		if err := tx.countFailure(ctx, keys); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: action, SubjectType: "user", SubjectID: userID})
	})
}
