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

// admittedKey marks a context that holds an entry's writing turn.
type admittedKey struct{}

// Admit takes a writing turn for an entry before any work on it, so that
// an entry refused as busy costs the server next to nothing (an API
// client sends it again after Retry-After; if refusals cost as much as
// entries, a rush would collapse under its own retries). Enter in the
// returned context uses this turn; release ends it.
func (s *Entries) Admit(ctx context.Context) (context.Context, func(), error) {
	release, err := s.admit.enter(ctx)
	if err != nil {
		return ctx, nil, err
	}
	return context.WithValue(ctx, admittedKey{}, true), release, nil
}

// turn takes a writing turn unless the context holds one already.
func (s *Entries) turn(ctx context.Context) (func(), error) {
	if ctx.Value(admittedKey{}) != nil {
		return func() {}, nil
	}
	return s.admit.enter(ctx)
}
