package web

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// throttleWait is how long an attempt counted under these keys must still
// wait before it is even checked; 0 lets it through. The counts are in
// the database, so every instance gives the same answer.
func (s *Server) throttleWait(ctx context.Context, keys []auth.Throttle) (time.Duration, error) {
	now := s.now()
	var wait time.Duration
	for _, k := range keys {
		f, err := s.store.LoginFailures(ctx, k.Key)
		if err != nil {
			return 0, err
		}
		wait = max(wait, k.Backoff.Wait(f.Count, f.Last, now))
	}
	return wait, nil
}

// throttleFail counts a failed attempt under each key.
func (s *Server) throttleFail(ctx context.Context, keys []auth.Throttle) error {
	now := s.now()
	for _, k := range keys {
		if err := s.store.AddLoginFailure(ctx, k.Key, now, k.Backoff.ForgetBefore(now)); err != nil {
			return err
		}
	}
	return nil
}

// throttled answers 429 with the form named by page, whose message (the
// catalog key message, with {{.Wait}}) says how long to wait, and a
// Retry-After header that says the same to programs.
func (s *Server) throttled(w http.ResponseWriter, r *http.Request, lang i18n.Lang, page, title, message string, f *form,
	wait time.Duration) error {
	seconds := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	f.Error = s.cat.T(lang, message, map[string]any{"Wait": s.waitText(lang, seconds)})
	return s.render(w, r, lang, http.StatusTooManyRequests, page, title, f)
}

// waitText says a wait in words: seconds under two minutes, else minutes
// rounded up.
func (s *Server) waitText(lang i18n.Lang, seconds int) string {
	if seconds < 120 {
		return s.cat.T(lang, "time.seconds", map[string]any{"Count": seconds})
	}
	return s.cat.T(lang, "time.minutes", map[string]any{"Count": (seconds + 59) / 60})
}
