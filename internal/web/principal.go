package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
)

// withPrincipal tells the application layer who acts on this request: the
// signed-in person, if any, and the client's address for the audit log.
func (s *Server) withPrincipal(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := app.Principal{UserID: s.userID(r), Address: clientAddress(r)}
		next.ServeHTTP(w, r.WithContext(app.WithPrincipal(r.Context(), p)))
	})
}
