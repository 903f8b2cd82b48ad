package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// route is one line of the route table: a method and path pattern, and
// its handler.
type route struct {
	pattern string
	handler http.Handler
}

func h(pattern string, fn http.HandlerFunc) route { return route{pattern, fn} }

// routeTable is the one route table of the program: every page and
// endpoint. The role-by-route test walks it, so a new route cannot be
// added without saying who may open it.
func (s *Server) routeTable() []route {
	cred, ent, scr := credentialPages{s}, entryPages{s}, screeningPages{s}
	alloc, agr, team := allocationPages{s}, agreementPages{s}, teamPages{s}
	return []route{
		// Public pages; cached for up to a second, dropped on any write.
		h("GET /{$}", s.html(s.cached(s.homePage))),
		h("GET /programs/{slug}", s.html(s.cached(s.programPage))),
		h("GET /projects", s.html(s.cached(s.projectListPage))),
		h("GET /projects/{id}", s.html(s.cached(s.projectPage))),
		h("GET /hometown", s.html(s.cached(s.hometownPage))),
		h("GET /municipalities/{lgcode}", s.html(s.cached(s.municipalityPage))),
		h("GET /stories", s.html(s.cached(s.storiesPage))),
		h("GET /stories/{id}", s.html(s.cached(s.storyPage))),
		h("GET /credentials/{id}", s.html(cred.credentialView)),
		h("GET /credentials/{id}/jwt", cred.credentialJWT),
		h("GET /credentials/verify", s.html(cred.verifyPage)),
		h("POST /credentials/verify", s.verifyLimited(s.html(cred.verifyPost))),
		h("GET /.well-known/jwks.json", cred.jwks),
		h("GET /issuers/{lgcode}", s.json(cred.issuerProfile)),
		h("GET /status/{lgcode}", cred.statusList),
		h("GET /events", s.html(s.cached(s.eventsPage))),
		h("GET /events/{id}", s.html(s.eventPage)),
		h("GET /events/{id}/ics", s.eventICS),
		h("POST /events/{id}/rsvp", s.html(s.rsvp)),
		h("GET /ideas", s.html(s.ideasPage)),
		h("POST /ideas", s.html(s.proposeIdea)),
		h("POST /ideas/{id}/support", s.html(s.supportIdea)),
		h("GET /privacy", s.html(s.cached(s.hubDocument(domain.DocumentPrivacy)))),
		h("GET /terms", s.html(s.cached(s.hubDocument(domain.DocumentTerms)))),
		h("GET /contact", s.html(s.cached(s.hubDocument(domain.DocumentContact)))),
		h("GET /municipalities/{lgcode}/privacy", s.html(s.cached(s.municipalityDocument(domain.DocumentPrivacy)))),
		h("GET /municipalities/{lgcode}/terms", s.html(s.cached(s.municipalityDocument(domain.DocumentTerms)))),
		h("GET /municipalities/{lgcode}/contact", s.html(s.cached(s.municipalityDocument(domain.DocumentContact)))),

		// Accounts.
		h("GET /signup", s.html(s.signupPage)),
		h("POST /signup", s.html(s.signup)),
		h("GET /signup/sent", s.html(s.signupSentPage)),
		h("GET /verify", s.html(s.verifyEmail)),
		h("GET /login", s.html(s.loginPage)),
		h("POST /login", s.html(s.login)),
		h("POST /logout", s.html(s.logout)),
		h("GET /password/forgot", s.html(s.forgotPage)),
		h("POST /password/forgot", s.html(s.forgot)),
		h("GET /password/reset", s.html(s.resetPage)),
		h("POST /password/reset", s.html(s.reset)),
		h("GET /invite", s.html(s.invitePage)),
		h("POST /invite", s.html(s.acceptInvite)),

		// A person's own pages.
		h("GET /me", s.html(s.mePage)),
		h("GET /me/profile", s.html(s.profilePage)),
		h("POST /me/profile", s.html(s.saveProfile)),
		h("POST /me/entries/{id}/withdraw", s.html(s.withdraw)),
		h("POST /me/entries/{id}/offer", s.html(s.answerOffer)),
		h("POST /me/scouts/{id}", s.html(s.answerScout)),
		h("POST /me/credentials/{id}/public", s.html(cred.setCredentialPublic)),
		h("GET /me/data", s.myData),
		h("GET /me/delete", s.html(s.deletePage)),
		h("POST /me/delete", s.html(s.deleteAccount)),
		h("GET /me/interviews/{id}", s.interviewICS),
		h("GET /me/password", s.html(s.passwordPage)),
		h("POST /me/password", s.html(s.changePassword)),
		h("POST /me/sessions/end", s.html(s.logoutEverywhere)),
		h("GET /me/tokens", s.html(s.tokensPage)),
		h("POST /me/tokens", s.html(s.createToken)),
		h("POST /me/tokens/revoke", s.html(s.revokeToken)),
		h("GET /me/notifications", s.html(s.notificationsPage)),
		h("POST /me/notifications/read", s.html(s.readNotifications)),
		h("POST /projects/{id}/bookmark", s.html(s.bookmark)),
		h("GET /programs/{slug}/entry", s.html(ent.entryPage)),
		h("POST /programs/{slug}/entry", s.html(ent.enter)),

		// Staff and businesses: what each may open is decided by internal/policy.
		h("GET /admin", s.html(s.adminHome)),
		h("GET /admin/{lgcode}/audit", s.html(s.adminAudit)),
		h("GET /admin/{lgcode}/export", s.municipalityExport),
		h("GET /admin/{lgcode}/outbox", s.html(s.adminOutbox)),
		h("GET /admin/{lgcode}/legal", s.html(s.legalAdminPage)),
		h("GET /admin/{lgcode}/legal/{kind}", s.html(s.legalEditPage)),
		h("POST /admin/{lgcode}/legal/{kind}", s.html(s.saveLegalDocument)),
		h("GET /admin/{lgcode}/members", s.html(s.membersPage)),
		h("POST /admin/{lgcode}/members", s.html(s.invite)),
		h("POST /admin/{lgcode}/invitations/{id}/revoke", s.html(s.revokeInvitation)),
		h("GET /admin/{lgcode}/programs/new", s.html(s.newProgramPage)),
		h("POST /admin/{lgcode}/programs", s.html(s.createProgram)),
		h("GET /admin/{lgcode}/projects", s.html(s.adminProjects)),
		h("GET /admin/{lgcode}/projects/new", s.html(s.newProjectPage)),
		h("POST /admin/{lgcode}/projects", s.html(s.createProject)),
		h("GET /admin/{lgcode}/projects/{id}", s.html(s.editProjectPage)),
		h("POST /admin/{lgcode}/projects/{id}", s.html(s.saveProject)),
		h("POST /admin/{lgcode}/projects/{id}/status", s.html(s.moveProject)),
		h("GET /admin/{lgcode}/programs/{slug}/entries", s.html(scr.screeningBoard)),
		h("POST /admin/{lgcode}/programs/{slug}/entries/move", s.html(scr.moveEntries)),
		h("POST /admin/{lgcode}/programs/{slug}/stages", s.html(scr.setStages)),
		h("GET /admin/{lgcode}/programs/{slug}/entries.csv", s.exportEntries),
		h("GET /admin/{lgcode}/programs/{slug}/import", s.html(s.importPage)),
		h("POST /admin/{lgcode}/programs/{slug}/import", s.html(s.importEntries)),
		h("GET /admin/{lgcode}/programs/{slug}/allocation", s.html(alloc.allocationPage)),
		h("POST /admin/{lgcode}/programs/{slug}/allocation", s.html(alloc.acceptAllocation)),
		h("GET /admin/{lgcode}/entries/{id}", s.html(scr.entryDetail)),
		h("POST /admin/{lgcode}/entries/{id}/review", s.html(scr.saveReview)),
		h("POST /admin/{lgcode}/entries/{id}/reviewers", s.html(scr.assignReviewers)),
		h("POST /admin/{lgcode}/entries/{id}/move", s.html(scr.moveEntry)),
		h("POST /admin/{lgcode}/entries/{id}/interviews", s.html(scr.scheduleInterview)),
		h("GET /admin/{lgcode}/entries/{id}/agreement", s.html(agr.agreementForm)),
		h("POST /admin/{lgcode}/entries/{id}/agreement", s.html(agr.saveAgreement)),
		h("GET /admin/{lgcode}/engagements", s.html(team.engagementsPage)),
		h("GET /admin/{lgcode}/talents", s.html(s.poolPage)),
		h("POST /admin/{lgcode}/credentials/{id}/revoke", s.html(cred.revokeCredential)),
		h("POST /admin/{lgcode}/talents/{id}/scout", s.html(s.scout)),
		h("GET /admin/{lgcode}/events", s.html(s.adminEvents)),
		h("POST /admin/{lgcode}/events", s.html(s.createEvent)),
		h("GET /admin/{lgcode}/ideas", s.html(s.adminIdeas)),
		h("POST /admin/{lgcode}/ideas/{id}", s.html(s.answerIdea)),
		h("GET /admin/{lgcode}/dashboard", s.html(s.dashboardPage)),
		h("GET /admin/{lgcode}/dashboard/report", s.html(s.dashboardReport)),
		h("GET /admin/{lgcode}/dashboard.csv", s.dashboardCSV),

		// Agreements and team workspaces: for their parties, the team's leaders and the program's staff.
		h("GET /agreements/{id}", s.html(agr.agreementPage)),
		h("POST /agreements/{id}/accept", s.html(agr.acceptAgreement)),
		h("GET /engagements/{id}", s.html(team.workspacePage)),
		h("POST /engagements/{id}/goal", s.html(team.setGoal)),
		h("POST /engagements/{id}/milestones", s.html(team.addMilestone)),
		h("POST /engagements/{id}/milestones/done", s.html(team.toggleMilestone)),
		h("POST /engagements/{id}/meetings", s.html(team.logMeeting)),
		h("POST /engagements/{id}/reports", s.html(team.submitReport)),
		h("POST /engagements/{id}/messages", s.html(team.postMessage)),
		h("POST /engagements/{id}/outcomes", s.html(team.saveIndicator)),
		h("POST /engagements/{id}/complete", s.html(team.completeEngagement)),
		h("POST /engagements/{id}/story", s.html(team.setStory)),
		h("POST /engagements/{id}/reviews", s.html(team.saveTeamReview)),
		h("POST /engagements/{id}/leaders", s.html(team.setLeader)),

		{"GET /static/", s.static()},
		h("GET /assets/sdgs.css", s.sdgCSS),
		h("GET /assets/municipalities.css", s.municipalityCSS),

		// JSON API.
		h("GET /api/v1/openapi.json", s.openAPIDocument),
		h("GET /api/v1/programs", s.json(s.apiPrograms)),
		h("GET /api/v1/programs/{slug}", s.json(s.apiProgram)),
		h("POST /api/v1/programs/{slug}/entries", s.json(ent.apiEnter)),
		h("GET /api/v1/projects", s.json(s.apiProjects)),
		h("GET /api/v1/projects/{id}", s.json(s.apiProject)),
		h("GET /api/v1/municipalities", s.json(s.apiMunicipalities)),
		h("GET /api/v1/municipalities/{lgcode}", s.json(s.apiMunicipality)),
		h("GET /api/v1/skills", s.json(s.apiSkills)),
		h("GET /api/v1/sdgs", s.json(s.apiSDGs)),
		h("POST /api/v1/credentials/verify", s.verifyLimited(s.json(cred.apiVerify))),
		h("/api/", s.json(s.apiNotFound)),

		// Operations.
		h("GET /healthz", s.healthz),

		// Everything else is a translated 404 page.
		h("/", s.html(s.notFoundPage)),
	}
}

// routes builds the handler from the route table; every route's request
// passes the text check first (requesttext.go), and private routes' answers
// are never cached (nostore.go).
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, r := range s.routeTable() {
		mux.Handle(r.pattern, noStore(r.pattern, s.checkText(r.pattern, r.handler)))
	}
	return mux
}
