package web

import "net/http"

// routes is the one route table of the program: every page and endpoint.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	// Public pages; cached for up to a second, dropped on any write.
	mux.HandleFunc("GET /{$}", s.html(s.cached(s.homePage)))
	mux.HandleFunc("GET /programs/{slug}", s.html(s.cached(s.programPage)))
	mux.HandleFunc("GET /projects", s.html(s.cached(s.projectListPage)))
	mux.HandleFunc("GET /projects/{id}", s.html(s.cached(s.projectPage)))
	mux.HandleFunc("GET /hometown", s.html(s.cached(s.hometownPage)))
	// Accounts.
	mux.HandleFunc("GET /signup", s.html(s.signupPage))
	mux.HandleFunc("POST /signup", s.html(s.signup))
	mux.HandleFunc("GET /signup/sent", s.html(s.signupSentPage))
	mux.HandleFunc("GET /verify", s.html(s.verifyEmail))
	mux.HandleFunc("GET /login", s.html(s.loginPage))
	mux.HandleFunc("POST /login", s.html(s.login))
	mux.HandleFunc("POST /logout", s.html(s.logout))
	mux.HandleFunc("GET /me", s.html(s.mePage))
	mux.HandleFunc("GET /me/profile", s.html(s.profilePage))
	mux.HandleFunc("POST /me/profile", s.html(s.saveProfile))
	mux.HandleFunc("POST /me/entries/{id}/withdraw", s.html(s.withdraw))
	mux.HandleFunc("POST /projects/{id}/bookmark", s.html(s.bookmark))
	mux.HandleFunc("GET /programs/{slug}/entry", s.html(s.entryPage))
	mux.HandleFunc("POST /programs/{slug}/entry", s.html(s.enter))
	mux.HandleFunc("GET /password/forgot", s.html(s.forgotPage))
	mux.HandleFunc("POST /password/forgot", s.html(s.forgot))
	mux.HandleFunc("GET /password/reset", s.html(s.resetPage))
	mux.HandleFunc("POST /password/reset", s.html(s.reset))

	// Staff: what each may open is decided by internal/policy.
	mux.HandleFunc("GET /admin", s.html(s.adminHome))
	mux.HandleFunc("GET /admin/{lgcode}/programs/{slug}/entries", s.html(s.adminEntries))
	mux.HandleFunc("GET /admin/{lgcode}/audit", s.html(s.adminAudit))
	mux.HandleFunc("GET /admin/{lgcode}/programs/{slug}/allocation", s.html(s.allocationPage))
	mux.HandleFunc("POST /admin/{lgcode}/programs/{slug}/allocation", s.html(s.acceptAllocation))

	mux.Handle("GET /static/", s.static())
	mux.HandleFunc("GET /assets/sdgs.css", s.sdgCSS)

	// JSON API, read-only for now.
	mux.HandleFunc("GET /api/v1/openapi.json", s.openAPIDocument)
	mux.HandleFunc("GET /api/v1/programs", s.json(s.apiPrograms))
	mux.HandleFunc("GET /api/v1/programs/{slug}", s.json(s.apiProgram))
	mux.HandleFunc("POST /api/v1/programs/{slug}/entries", s.json(s.apiEnter))
	mux.HandleFunc("GET /api/v1/projects", s.json(s.apiProjects))
	mux.HandleFunc("GET /api/v1/projects/{id}", s.json(s.apiProject))
	mux.HandleFunc("GET /api/v1/municipalities", s.json(s.apiMunicipalities))
	mux.HandleFunc("GET /api/v1/municipalities/{lgcode}", s.json(s.apiMunicipality))
	mux.HandleFunc("GET /api/v1/skills", s.json(s.apiSkills))
	mux.HandleFunc("GET /api/v1/sdgs", s.json(s.apiSDGs))
	mux.HandleFunc("/api/", s.json(s.apiNotFound))

	// Operations.
	mux.HandleFunc("GET /healthz", s.healthz)

	// Everything else is a translated 404 page.
	mux.HandleFunc("/", s.html(s.notFoundPage))
	return mux
}
