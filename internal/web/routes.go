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
	adm, prog, proj, imp, pool := adminPages{s.kit}, programAdminPages{s.kit}, projectAdminPages{s.kit}, importPages{s.kit}, poolPages{s.kit}
	acc, mem, tal := accountPages{s.kit}, memberPages{s.kit}, talentPages{s.kit}
	hubs, cat, com, ins := hubPages{s.kit}, cataloguePages{s.kit}, communityPages{s.kit}, insightsPages{s.kit}
	cred, ent, scr := credentialPages{s.kit}, entryPages{s.kit}, screeningPages{s.kit}
	alloc, agr, team, thr, orgs := allocationPages{s.kit}, agreementPages{s.kit}, teamPages{s.kit}, threadPages{s.kit}, orgPages{s.kit}
	cand := candidatePages{s.kit}
	return []route{
		// Public pages; cached for up to a second, dropped on any write.
		h("GET /{$}", s.html(s.cached(hubs.homePage))),
		h("GET /programs/{slug}", s.html(s.cached(hubs.programPage))),
		h("GET /projects", s.html(s.lists.wrap(s, cat.projectListPage))),
		h("GET /projects/{id}", s.html(s.cached(cat.projectPage))),
		h("GET /hometown", s.html(s.cached(hubs.hometownPage))),
		h("GET /municipalities/{lgcode}", s.html(s.cached(hubs.municipalityPage))),
		h("GET /organizations/{id}", s.html(s.cached(hubs.organizationPage))),
		h("GET /stories", s.html(s.cached(hubs.storiesPage))),
		h("GET /stories/{id}", s.html(s.cached(hubs.storyPage))),
		h("GET /credentials/{id}", s.html(cred.credentialView)),
		h("GET /credentials/{id}/jwt", cred.credentialJWT),
		h("GET /credentials/verify", s.html(cred.verifyPage)),
		h("POST /credentials/verify", s.verifyLimited(s.html(cred.verifyPost))),
		h("GET /.well-known/jwks.json", cred.jwks),
		h("GET /issuers/{lgcode}", s.json(cred.issuerProfile)),
		h("GET /status/{lgcode}", cred.statusList),
		h("GET /events", s.html(s.cached(com.eventsPage))),
		h("GET /events/{id}", s.html(com.eventPage)),
		h("GET /events/{id}/ics", com.eventICS),
		h("POST /events/{id}/rsvp", s.html(com.rsvp)),
		h("GET /ideas", s.html(com.ideasPage)),
		h("POST /ideas", s.html(com.proposeIdea)),
		h("POST /ideas/{id}/support", s.html(com.supportIdea)),
		h("GET /privacy", s.html(s.cached(mem.hubDocument(domain.DocumentPrivacy)))),
		h("GET /terms", s.html(s.cached(mem.hubDocument(domain.DocumentTerms)))),
		h("GET /contact", s.html(s.cached(mem.hubDocument(domain.DocumentContact)))),
		h("GET /municipalities/{lgcode}/privacy", s.html(s.cached(mem.municipalityDocument(domain.DocumentPrivacy)))),
		h("GET /municipalities/{lgcode}/terms", s.html(s.cached(mem.municipalityDocument(domain.DocumentTerms)))),
		h("GET /municipalities/{lgcode}/contact", s.html(s.cached(mem.municipalityDocument(domain.DocumentContact)))),

		// Accounts.
		h("GET /signup", s.html(acc.signupPage)),
		h("POST /signup", s.html(acc.signup)),
		h("GET /signup/sent", s.html(acc.signupSentPage)),
		h("GET /verify", s.html(acc.verifyEmail)),
		h("GET /login", s.html(acc.loginPage)),
		h("POST /login", s.html(acc.login)),
		h("POST /logout", s.html(acc.logout)),
		h("GET /password/forgot", s.html(acc.forgotPage)),
		h("POST /password/forgot", s.html(acc.forgot)),
		h("GET /password/reset", s.html(acc.resetPage)),
		h("POST /password/reset", s.html(acc.reset)),
		h("GET /invite", s.html(mem.invitePage)),
		h("POST /invite", s.html(mem.acceptInvite)),

		// A person's own pages.
		h("GET /me", s.html(tal.mePage)),
		h("GET /me/profile", s.html(tal.profilePage)),
		h("POST /me/profile", s.html(tal.saveProfile)),
		h("POST /me/entries/{id}/withdraw", s.html(tal.withdraw)),
		h("POST /me/entries/{id}/offer", s.html(tal.answerOffer)),
		h("POST /me/scouts/{id}", s.html(pool.answerScout)),
		// A scout's conversation: for the talent and the scouting municipality's staff.
		h("GET /scouts/{id}/messages", s.html(thr.scoutThread)),
		h("POST /scouts/{id}/messages", s.html(thr.postScout)),
		// An entry's conversation: for the entrant, the program's staff and partners, and from the interview the host businesses.
		h("GET /entries/{id}/messages", s.html(thr.entryThread)),
		h("POST /entries/{id}/messages", s.html(thr.postEntry)),
		h("POST /me/credentials/{id}/public", s.html(cred.setCredentialPublic)),
		h("GET /me/data", acc.myData),
		h("GET /me/delete", s.html(acc.deletePage)),
		h("POST /me/delete", s.html(acc.deleteAccount)),
		h("GET /me/interviews/{id}", tal.interviewICS),
		h("GET /me/password", s.html(acc.passwordPage)),
		h("POST /me/password", s.html(acc.changePassword)),
		h("POST /me/sessions/end", s.html(acc.logoutEverywhere)),
		h("GET /me/tokens", s.html(acc.tokensPage)),
		h("POST /me/tokens", s.html(acc.createToken)),
		h("POST /me/tokens/revoke", s.html(acc.revokeToken)),
		h("GET /me/notifications", s.html(tal.notificationsPage)),
		h("POST /me/notifications/read", s.html(tal.readNotifications)),
		h("POST /projects/{id}/bookmark", s.html(cat.bookmark)),
		h("GET /programs/{slug}/entry", s.html(ent.entryPage)),
		h("POST /programs/{slug}/entry", s.html(ent.enter)),
		h("GET /programs/{slug}/entry/done", s.html(ent.entryDone)),

		// Staff and businesses: what each may open is decided by internal/policy.
		h("GET /admin", s.html(adm.adminHome)),
		h("GET /admin/{lgcode}/audit", s.html(adm.adminAudit)),
		h("GET /admin/{lgcode}/export", mem.municipalityExport),
		h("GET /admin/{lgcode}/outbox", s.html(mem.adminOutbox)),
		h("GET /admin/{lgcode}/legal", s.html(mem.legalAdminPage)),
		h("GET /admin/{lgcode}/legal/{kind}", s.html(mem.legalEditPage)),
		h("POST /admin/{lgcode}/legal/{kind}", s.html(mem.saveLegalDocument)),
		h("GET /admin/{lgcode}/members", s.html(mem.membersPage)),
		h("POST /admin/{lgcode}/members", s.html(mem.invite)),
		h("POST /admin/{lgcode}/invitations/{id}/revoke", s.html(mem.revokeInvitation)),
		h("GET /admin/{lgcode}/organizations", s.html(orgs.orgsPage)),
		h("POST /admin/{lgcode}/organizations", s.html(orgs.addOrg)),
		h("GET /admin/{lgcode}/organizations/{id}", s.html(orgs.orgPage)),
		h("POST /admin/{lgcode}/organizations/{id}", s.html(orgs.saveOrg)),
		h("GET /admin/{lgcode}/programs/new", s.html(prog.newProgramPage)),
		h("POST /admin/{lgcode}/programs", s.html(prog.createProgram)),
		h("GET /admin/{lgcode}/projects", s.html(proj.adminProjects)),
		h("GET /admin/{lgcode}/projects/new", s.html(proj.newProjectPage)),
		h("POST /admin/{lgcode}/projects", s.html(proj.createProject)),
		h("GET /admin/{lgcode}/projects/{id}", s.html(proj.editProjectPage)),
		h("POST /admin/{lgcode}/projects/{id}", s.html(proj.saveProject)),
		h("POST /admin/{lgcode}/projects/{id}/status", s.html(proj.moveProject)),
		h("GET /admin/{lgcode}/projects/{id}/candidates", s.html(cand.candidatesPage)),
		h("POST /admin/{lgcode}/projects/{id}/candidates/{entry}/review", s.html(cand.saveCandidateReview)),
		h("GET /admin/{lgcode}/programs/{slug}/entries", s.html(scr.screeningBoard)),
		h("POST /admin/{lgcode}/programs/{slug}/entries/move", s.html(scr.moveEntries)),
		h("POST /admin/{lgcode}/programs/{slug}/stages", s.html(scr.setStages)),
		h("POST /admin/{lgcode}/programs/{slug}/delegate", s.html(prog.setDelegate)),
		h("GET /admin/{lgcode}/programs/{slug}/entries.csv", imp.exportEntries),
		h("GET /admin/{lgcode}/programs/{slug}/import", s.html(imp.importPage)),
		h("POST /admin/{lgcode}/programs/{slug}/import", s.html(imp.importEntries)),
		h("GET /admin/{lgcode}/programs/{slug}/allocation", s.html(alloc.allocationPage)),
		h("GET /admin/{lgcode}/programs/{slug}/allocation/confirm", s.html(alloc.confirmAllocation)),
		h("POST /admin/{lgcode}/programs/{slug}/allocation", s.html(alloc.acceptAllocation)),
		h("GET /admin/{lgcode}/entries/{id}", s.html(scr.entryDetail)),
		h("POST /admin/{lgcode}/entries/{id}/review", s.html(scr.saveReview)),
		h("POST /admin/{lgcode}/entries/{id}/reviewers", s.html(scr.assignReviewers)),
		h("POST /admin/{lgcode}/entries/{id}/move", s.html(scr.moveEntry)),
		h("POST /admin/{lgcode}/entries/{id}/interviews", s.html(scr.scheduleInterview)),
		h("POST /admin/{lgcode}/entries/{id}/interviews/{iv}/reschedule", s.html(scr.rescheduleInterview)),
		h("POST /admin/{lgcode}/entries/{id}/interviews/{iv}/cancel", s.html(scr.cancelInterview)),
		h("GET /admin/{lgcode}/entries/{id}/agreement", s.html(agr.agreementForm)),
		h("POST /admin/{lgcode}/entries/{id}/agreement", s.html(agr.saveAgreement)),
		h("GET /admin/{lgcode}/engagements", s.html(team.engagementsPage)),
		h("GET /admin/{lgcode}/talents", s.html(pool.poolPage)),
		h("POST /admin/{lgcode}/credentials/{id}/revoke", s.html(cred.revokeCredential)),
		h("POST /admin/{lgcode}/talents/{id}/scout", s.html(pool.scout)),
		h("GET /admin/{lgcode}/events", s.html(com.adminEvents)),
		h("POST /admin/{lgcode}/events", s.html(com.createEvent)),
		h("GET /admin/{lgcode}/ideas", s.html(com.adminIdeas)),
		h("POST /admin/{lgcode}/ideas/{id}", s.html(com.answerIdea)),
		h("GET /admin/{lgcode}/dashboard", s.html(ins.dashboardPage)),
		h("GET /admin/{lgcode}/dashboard/report", s.html(ins.dashboardReport)),
		h("GET /admin/{lgcode}/dashboard.csv", ins.dashboardCSV),

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
		h("POST /engagements/{id}/end-early", s.html(team.endEarly)),
		h("POST /engagements/{id}/story", s.html(team.setStory)),
		h("POST /engagements/{id}/reviews", s.html(team.saveTeamReview)),
		h("POST /engagements/{id}/leaders", s.html(team.setLeader)),

		{"GET /static/", s.static()},
		h("GET /assets/sdgs.css", s.sdgCSS),
		h("GET /assets/municipalities.css", s.municipalityCSS),

		// JSON API.
		h("GET /api/v1/openapi.json", s.openAPIDocument),
		h("GET /api/v1/programs", s.json(hubs.apiPrograms)),
		h("GET /api/v1/programs/{slug}", s.json(hubs.apiProgram)),
		h("POST /api/v1/programs/{slug}/entries", s.json(ent.apiEnter)),
		h("GET /api/v1/projects", cachedAPI(s, cat.apiProjects)),
		h("GET /api/v1/projects/{id}", s.json(cat.apiProject)),
		h("GET /api/v1/municipalities", s.json(hubs.apiMunicipalities)),
		h("GET /api/v1/municipalities/{lgcode}", s.json(hubs.apiMunicipality)),
		h("GET /api/v1/skills", s.json(hubs.apiSkills)),
		h("GET /api/v1/sdgs", s.json(hubs.apiSDGs)),
		h("POST /api/v1/credentials/verify", s.verifyLimited(s.json(cred.apiVerify))),
		// For the people who screen and run a program, with a personal token or a session.
		h("GET /api/v1/municipalities/{lgcode}/programs/{slug}/entries", s.json(s.bearer(scr.apiProgramEntries))),
		h("POST /api/v1/municipalities/{lgcode}/programs/{slug}/entries/move", s.json(s.bearer(scr.apiMoveEntries))),
		h("GET /api/v1/engagements/{id}/reports", s.json(s.bearer(team.apiReports))),
		h("/api/", s.json(s.apiNotFound)),

		// Operations: alive, and ready for traffic. Metrics are served only
		// on their own listener (--metrics-addr), never here.
		h("GET /healthz", s.healthz),
		h("GET /readyz", s.readyz),

		// Everything else is a translated 404 page.
		h("/", s.html(s.notFoundPage)),
	}
}

// routes builds the handler from the route table; every route notes its
// pattern for the metrics (requestid.go), its request passes the text
// check first (requesttext.go), and private routes' answers are never
// cached (nostore.go).
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	for _, r := range s.routeTable() {
		mux.Handle(r.pattern, routed(r.pattern, noStore(r.pattern, s.checkText(r.pattern, r.handler))))
	}
	return mux
}
