package web

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// Failed sign-ins and reset requests are counted in the database by the
// accounts service (app.Accounts), so every instance gives the same
// answer; an attempt that must still wait comes back as *app.Throttled.

// throttled answers 429 with the form named by page, whose message (the
// catalog key message, with {{.Wait}}) says how long to wait, and a
// Retry-After header that says the same to programs.
func (p accountPages) throttled(w http.ResponseWriter, r *http.Request, lang i18n.Lang, page, title, message string, f *form,
	wait time.Duration) error {
	seconds := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	f.Error = p.cat.T(lang, message, map[string]any{"Wait": p.waitText(lang, seconds)})
	return p.render(w, r, lang, http.StatusTooManyRequests, page, title, f)
}

// waitText says a wait in words: seconds under two minutes, else minutes
// rounded up.
func (p accountPages) waitText(lang i18n.Lang, seconds int) string {
	if seconds < 120 {
		return p.cat.T(lang, "time.seconds", map[string]any{"Count": seconds})
	}
	return p.cat.T(lang, "time.minutes", map[string]any{"Count": (seconds + 59) / 60})
}
