package app

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Defaults for how many entries an instance writes at once and how long an
// entry may wait for its turn before it is answered "busy, try again".
const (
	defaultEntryWriters = 8
	defaultEntryWait    = 2 * time.Second
	// busyRetrySeconds is what a busy answer asks the sender to wait.
	busyRetrySeconds = 2
)

// admission bounds the entries an instance writes at once. At a deadline
// thousands of people send their entry in the same minutes: past what the
// database writes in time, an entry waits a little for a turn and is then
// refused as rate limited (429 with Retry-After) instead of queueing until
// it times out, and reading visitors keep their share of the machine.
// Nothing is written for a refused entry, so sending it again is safe.
type admission struct {
	slots chan struct{}
	wait  time.Duration
}

func newAdmission(n int, wait time.Duration) *admission {
	if n < 1 {
		n = defaultEntryWriters
	}
	if wait <= 0 {
		wait = defaultEntryWait
	}
	return &admission{slots: make(chan struct{}, n), wait: wait}
}

// enter waits for a turn, up to the admission's wait; the returned release
// ends the turn. A full house is a rate-limited error naming the seconds
// to wait.
func (a *admission) enter(ctx context.Context) (release func(), err error) {
	select {
	case a.slots <- struct{}{}:
		return a.leave, nil
	default:
	}
	t := time.NewTimer(a.wait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return a.leave, nil
	case <-t.C:
		return nil, domain.Errorf(domain.CodeRateLimited, "error.busy", "Seconds", busyRetrySeconds)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (a *admission) leave() { <-a.slots }
