package web

import (
	"errors"
	"github.com/tsunagu-hub/tsunagu/internal/app"
	"net/http"
	"strconv"
)

// deniedError is the application's refusal (app.Denied), recorded by
// recordDenial when it reaches the error page.
type deniedError = app.Denied

// recordDenial writes an access.denied line for a refusal of a signed-in
// person (or API token): who, where, the method and path (never the query or a form
// body), and from which address. A visitor who is not signed in is sent
// to log in instead and is not recorded.
func (s *kit) recordDenial(r *http.Request, err error) {
	var d *deniedError
	if !errors.As(err, &d) {
		return
	}
	detail := strconv.Itoa(statusOf(d.Err.Code)) + " " + r.Method + " " + r.URL.Path
	// Who acts: the owner of the API token the request sent, or else the
	// session's person.
	who := app.PrincipalFrom(r.Context())
	if who.UserID == 0 {
		who = app.Principal{UserID: s.userID(r), Address: clientAddress(r)}
	}
	ctx := app.WithPrincipal(r.Context(), who)
	if werr := s.app.RecordDenial(ctx, d, detail); werr != nil {
		s.log.ErrorContext(r.Context(), "record a denial", "path", r.URL.Path, "err", werr)
	}
}
