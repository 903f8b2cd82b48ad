package web

import (
	"net/url"
	"strconv"
)

func id(n int64) string { return strconv.FormatInt(n, 10) }

// routeCases is the role-by-route table: one case per route, each with
// the exact answer for every role. Where a POST's answer depends on its
// form, the form is one whose answer is known: 303 after a change that may
// be repeated, 422 for a form that fails validation, 400 for a malformed
// one.
func (w *rolesWorld) routeCases() map[string]routeCase {
	eid, ivid, draft := id(w.entry.ID), id(w.iv.ID), id(w.draft.ID)
	agreementID, activeID, doneID := id(w.active.agreement), id(w.active.engagement), id(w.done.engagement)
	work := "/engagements/" + activeID
	board := "/admin/131113/programs/ota-sdgs-2021"
	entry := "/admin/131113/entries/" + eid
	api := "/api/v1/municipalities/131113/programs/ota-sdgs-2021"
	// Who may do what in Ota (the policy's table).
	deciders := []string{"staff", "admin"}          // 内定, 合意, 見送り, completing, credentials
	movers := []string{"partner", "staff", "admin"} // stage moves, interviews, agreement drafts
	operators := movers                             // imports, exports, invitations: the 2021 program is delegated to the partner
	business, partner := id(w.orgs["business"].ID), id(w.orgs["partner"].ID)
	screeners := append([]string{"leader"}, movers...) // the entry assigned to the leader
	community := movers
	managers := movers                            // w.draft belongs to another business than the owner's
	team := append([]string{"leader"}, movers...) // the active team, which the leader leads
	return map[string]routeCase{
		"GET /{$}":                             {"/", nil, everyone(ok)},
		"GET /programs/{slug}":                 {"/programs/ota-sdgs-2026", nil, everyone(ok)},
		"GET /projects":                        {"/projects", nil, everyone(ok)},
		"GET /projects/{id}":                   {"/projects/" + id(w.shop.ID), nil, everyone(ok)},
		"GET /hometown":                        {"/hometown", nil, everyone(ok)},
		"GET /municipalities/{lgcode}":         {"/municipalities/131113", nil, everyone(ok)},
		"GET /organizations/{id}":              {"/organizations/" + business, nil, everyone(ok)},
		"GET /stories":                         {"/stories", nil, everyone(ok)},
		"GET /stories/{id}":                    {"/stories/" + activeID, nil, everyone(missing)},
		"GET /credentials/{id}":                {"/credentials/" + w.credID, nil, notMine(ok, movers...).set("anonymous", missing)},
		"GET /credentials/{id}/jwt":            {"/credentials/" + w.credID + "/jwt", nil, notMine(ok, movers...).set("anonymous", missing)},
		"GET /credentials/verify":              {"/credentials/verify", nil, everyone(ok)},
		"POST /credentials/verify":             {"/credentials/verify", url.Values{"credential": {"not.a.jwt"}}, everyone(ok)},
		"GET /.well-known/jwks.json":           {"/.well-known/jwks.json", nil, everyone(ok)},
		"GET /issuers/{lgcode}":                {"/issuers/131113", nil, everyone(ok)},
		"GET /status/{lgcode}":                 {"/status/131113", nil, everyone(ok)},
		"GET /events":                          {"/events", nil, everyone(ok)},
		"GET /events/{id}":                     {"/events/" + w.event, nil, everyone(ok)},
		"GET /events/{id}/ics":                 {"/events/" + w.event + "/ics", nil, everyone(ok)},
		"POST /events/{id}/rsvp":               {"/events/" + w.event + "/rsvp", url.Values{"action": {"cancel"}}, signedIn(redirect)},
		"GET /ideas":                           {"/ideas", nil, everyone(ok)},
		"POST /ideas":                          {"/ideas", url.Values{}, signedIn(rejected)},
		"POST /ideas/{id}/support":             {"/ideas/" + w.idea + "/support", url.Values{"support": {"no"}}, signedIn(redirect)},
		"GET /privacy":                         {"/privacy", nil, everyone(ok)},
		"GET /terms":                           {"/terms", nil, everyone(ok)},
		"GET /contact":                         {"/contact", nil, everyone(ok)},
		"GET /municipalities/{lgcode}/privacy": {"/municipalities/131113/privacy", nil, everyone(ok)},
		"GET /municipalities/{lgcode}/terms":   {"/municipalities/131113/terms", nil, everyone(ok)},
		"GET /municipalities/{lgcode}/contact": {"/municipalities/152137/contact", nil, everyone(ok)},
		"GET /signup":                          {"/signup", nil, everyone(ok)},
		"POST /signup":                         {"/signup", url.Values{}, everyone(rejected)},
		"GET /signup/sent":                     {"/signup/sent", nil, everyone(ok)},
		"GET /verify":                          {"/verify?token=nope", nil, everyone(invalid)},
		"GET /login":                           {"/login", nil, everyone(ok)},
		"POST /login":                          {"/login", url.Values{"email": {"unverified@roles.example.jp"}, "password": {"correct horse battery"}}, everyone(rejected)},
		"POST /logout":                         {"/logout", url.Values{}, everyone(redirect)},
		"GET /password/forgot":                 {"/password/forgot", nil, everyone(ok)},
		"POST /password/forgot":                {"/password/forgot", url.Values{}, everyone(ok)},
		"GET /password/reset":                  {"/password/reset?token=nope", nil, everyone(ok)},
		"POST /password/reset":                 {"/password/reset", url.Values{}, everyone(invalid)},
		"GET /invite":                          {"/invite?token=nope", nil, everyone(missing)},
		"POST /invite":                         {"/invite", url.Values{"token": {"nope"}}, everyone(missing)},
		"GET /me":                              {"/me", nil, signedIn(ok)},
		"GET /me/profile":                      {"/me/profile", nil, signedIn(ok)},
		"POST /me/profile":                     {"/me/profile", url.Values{}, signedIn(rejected)},
		"POST /me/entries/{id}/withdraw":       {"/me/entries/" + eid + "/withdraw", url.Values{}, signedIn(missing)},
		"POST /me/entries/{id}/offer":          {"/me/entries/" + eid + "/offer", url.Values{"answer": {"accept"}}, signedIn(missing)},
		"POST /me/scouts/{id}":                 {"/me/scouts/999", url.Values{"answer": {"accept"}}, signedIn(missing)},
		"GET /scouts/{id}/messages":            {"/scouts/" + w.scout + "/messages", nil, notMine(ok, movers...)},
		"POST /scouts/{id}/messages":           {"/scouts/" + w.scout + "/messages", url.Values{"body": {" "}}, notMine(rejected, movers...)},
		"GET /entries/{id}/messages":           {"/entries/" + eid + "/messages", nil, notMine(ok, movers...)},
		"POST /entries/{id}/messages":          {"/entries/" + eid + "/messages", url.Values{"body": {" "}}, notMine(rejected, movers...)},
		"POST /me/credentials/{id}/public":     {"/me/credentials/" + w.credID + "/public", url.Values{"public": {"yes"}}, signedIn(missing)},
		"GET /me/data":                         {"/me/data", nil, signedIn(ok)},
		"GET /me/delete":                       {"/me/delete", nil, signedIn(ok)},
		"POST /me/delete":                      {"/me/delete", url.Values{"password": {"wrong"}}, signedIn(rejected)},
		"GET /me/interviews/{id}":              {"/me/interviews/" + ivid, nil, notMine(ok, screeners...)},
		"GET /me/password":                     {"/me/password", nil, signedIn(ok)},
		"POST /me/password":                    {"/me/password", url.Values{"current_password": {"wrong"}}, signedIn(rejected)},
		"POST /me/sessions/end":                {"/me/sessions/end", url.Values{}, signedIn(ok)}, // checked last: it ends the session
		"GET /me/tokens":                       {"/me/tokens", nil, signedIn(ok)},
		"POST /me/tokens":                      {"/me/tokens", url.Values{}, signedIn(rejected)},
		"POST /me/tokens/revoke":               {"/me/tokens/revoke", url.Values{"token": {"00"}}, signedIn(missing)},
		"GET /me/notifications":                {"/me/notifications", nil, signedIn(ok)},
		"POST /me/notifications/read":          {"/me/notifications/read", url.Values{}, signedIn(redirect)},
		"POST /projects/{id}/bookmark":         {"/projects/" + id(w.shop.ID) + "/bookmark", url.Values{}, signedIn(redirect)},
		"GET /programs/{slug}/entry":           {"/programs/ota-sdgs-2026/entry", nil, signedIn(ok)}, // typed first, the profile on the way
		"POST /programs/{slug}/entry":          {"/programs/ota-sdgs-2026/entry", url.Values{}, signedIn(redirect)},
		"GET /programs/{slug}/entry/done":      {"/programs/ota-sdgs-2026/entry/done", nil, signedIn(missing)}, // nobody entered

		"GET /admin":                                             {"/admin", nil, only(ok, "leader", "owner", "partner", "staff", "admin", "tsubame-staff")},
		"GET /admin/{lgcode}/audit":                              {"/admin/131113/audit", nil, only(ok, "admin")},
		"GET /admin/{lgcode}/export":                             {"/admin/131113/export", nil, only(ok, "admin")},
		"GET /admin/{lgcode}/outbox":                             {"/admin/131113/outbox", nil, only(ok, deciders...)},
		"GET /admin/{lgcode}/members":                            {"/admin/131113/members", nil, only(ok, operators...)},
		"POST /admin/{lgcode}/members":                           {"/admin/131113/members", url.Values{}, only(rejected, operators...)},
		"POST /admin/{lgcode}/invitations/{id}/revoke":           {"/admin/131113/invitations/999999/revoke", url.Values{}, only(missing, operators...)},
		"GET /admin/{lgcode}/organizations":                      {"/admin/131113/organizations", nil, only(ok, deciders...)},
		"POST /admin/{lgcode}/organizations":                     {"/admin/131113/organizations", url.Values{}, only(rejected, deciders...)},
		"GET /admin/{lgcode}/organizations/{id}":                 {"/admin/131113/organizations/" + business, nil, only(ok, deciders...)},
		"POST /admin/{lgcode}/organizations/{id}":                {"/admin/131113/organizations/" + business, url.Values{}, only(rejected, deciders...)},
		"POST /admin/{lgcode}/programs/{slug}/delegate":          {board + "/delegate", url.Values{"delegate": {partner}}, only(redirect, deciders...)},
		"GET /admin/{lgcode}/legal":                              {"/admin/131113/legal", nil, only(ok, "admin")},
		"GET /admin/{lgcode}/legal/{kind}":                       {"/admin/131113/legal/privacy", nil, only(ok, "admin")},
		"POST /admin/{lgcode}/legal/{kind}":                      {"/admin/131113/legal/terms", url.Values{}, only(rejected, "admin")},
		"GET /admin/{lgcode}/projects":                           {"/admin/131113/projects", nil, only(ok, "owner", "partner", "staff", "admin")},
		"GET /admin/{lgcode}/programs/new":                       {"/admin/131113/programs/new", nil, only(ok, deciders...)},
		"POST /admin/{lgcode}/programs":                          {"/admin/131113/programs", url.Values{}, only(rejected, deciders...)},
		"GET /admin/{lgcode}/projects/new":                       {"/admin/131113/projects/new", nil, only(ok, "owner", "partner", "staff", "admin")},
		"POST /admin/{lgcode}/projects":                          {"/admin/131113/projects", url.Values{}, only(rejected, "owner", "partner", "staff", "admin")},
		"GET /admin/{lgcode}/projects/{id}":                      {"/admin/131113/projects/" + draft, nil, only(ok, managers...)},
		"POST /admin/{lgcode}/projects/{id}":                     {"/admin/131113/projects/" + draft, url.Values{}, only(rejected, managers...)},
		"POST /admin/{lgcode}/projects/{id}/status":              {"/admin/131113/projects/" + draft + "/status", url.Values{}, only(invalid, managers...)},
		"GET /admin/{lgcode}/programs/{slug}/entries":            {board + "/entries", nil, only(ok, screeners...)},
		"POST /admin/{lgcode}/programs/{slug}/stages":            {board + "/stages", url.Values{"stage": {"screening", "interview"}}, only(redirect, deciders...)},
		"POST /admin/{lgcode}/programs/{slug}/entries/move":      {board + "/entries/move", url.Values{}, only(invalid, movers...)},
		"GET /admin/{lgcode}/programs/{slug}/entries.csv":        {board + "/entries.csv", nil, only(ok, operators...)},
		"GET /admin/{lgcode}/programs/{slug}/import":             {board + "/import", nil, only(ok, operators...)},
		"POST /admin/{lgcode}/programs/{slug}/import":            {board + "/import", url.Values{}, only(rejected, operators...)},
		"GET /admin/{lgcode}/programs/{slug}/allocation":         {board + "/allocation", nil, only(ok, movers...)},
		"POST /admin/{lgcode}/programs/{slug}/allocation":        {board + "/allocation", url.Values{}, only(invalid, deciders...)},
		"GET /admin/{lgcode}/programs/{slug}/allocation/confirm": {board + "/allocation/confirm?method=optimal", nil, only(ok, deciders...)},
		"GET /admin/{lgcode}/entries/{id}":                       {entry, nil, only(ok, screeners...)},
		"POST /admin/{lgcode}/entries/{id}/review":               {entry + "/review", url.Values{"score_skills": {"9"}}, only(rejected, screeners...)},
		"POST /admin/{lgcode}/entries/{id}/reviewers":            {entry + "/reviewers", url.Values{}, only(invalid, movers...)},
		"POST /admin/{lgcode}/entries/{id}/move":                 {entry + "/move", url.Values{"to": {"declined"}}, only(rejected, deciders...).set("partner", forbidden)},
		"POST /admin/{lgcode}/entries/{id}/interviews":           {entry + "/interviews", url.Values{}, only(rejected, movers...)},
		"GET /admin/{lgcode}/entries/{id}/agreement":             {entry + "/agreement", nil, only(ok, movers...)},
		"POST /admin/{lgcode}/entries/{id}/agreement":            {entry + "/agreement", url.Values{}, only(rejected, movers...)},
		"GET /admin/{lgcode}/engagements":                        {"/admin/131113/engagements", nil, only(ok, "leader", "owner", "partner", "staff", "admin")},
		"GET /admin/{lgcode}/talents":                            {"/admin/131113/talents", nil, only(ok, movers...)},
		"POST /admin/{lgcode}/credentials/{id}/revoke":           {"/admin/131113/credentials/" + w.credID + "/revoke", url.Values{}, only(invalid, deciders...)},
		"POST /admin/{lgcode}/talents/{id}/scout":                {"/admin/131113/talents/999/scout", url.Values{"message": {"x"}}, only(missing, movers...)},
		"GET /admin/{lgcode}/events":                             {"/admin/131113/events", nil, only(ok, community...)},
		"POST /admin/{lgcode}/events":                            {"/admin/131113/events", url.Values{}, only(rejected, community...)},
		"GET /admin/{lgcode}/ideas":                              {"/admin/131113/ideas", nil, only(ok, community...)},
		"POST /admin/{lgcode}/ideas/{id}":                        {"/admin/131113/ideas/" + w.idea, url.Values{"status": {"considering"}}, only(redirect, community...)},
		"GET /admin/{lgcode}/dashboard":                          {"/admin/131113/dashboard", nil, only(ok, movers...)},
		"GET /admin/{lgcode}/dashboard/report":                   {"/admin/131113/dashboard/report?program=ota-sdgs-2021", nil, only(ok, movers...)},
		"GET /admin/{lgcode}/dashboard.csv":                      {"/admin/131113/dashboard.csv?table=funnel", nil, only(ok, movers...)},
		"GET /admin/{lgcode}/projects/{id}/candidates":           {"/admin/131113/projects/" + id(w.ownProject) + "/candidates", nil, only(ok, append([]string{"owner"}, managers...)...)},
		"POST /admin/{lgcode}/projects/{id}/candidates/{entry}/review": {"/admin/131113/projects/" + id(w.ownProject) + "/candidates/" + id(w.ownEntry) + "/review",
			url.Values{"score_skills": {"9"}}, only(rejected, append([]string{"owner"}, managers...)...)},
		"POST /admin/{lgcode}/entries/{id}/interviews/{iv}/reschedule": {entry + "/interviews/" + ivid + "/reschedule", url.Values{}, only(rejected, movers...)},
		// Another entry's interview is not this entry's.
		"POST /admin/{lgcode}/entries/{id}/interviews/{iv}/cancel": {entry + "/interviews/" + id(w.otherIV.ID) + "/cancel", url.Values{}, only(missing, movers...)},

		// The agreement of the active team: the leader is not a party and
		// reads no terms; the municipality accepts through its staff only.
		"GET /agreements/{id}":              {"/agreements/" + agreementID, nil, notMine(ok, movers...)},
		"POST /agreements/{id}/accept":      {"/agreements/" + agreementID + "/accept", url.Values{"party": {"municipality"}, "version": {"1"}}, notMine(redirect, deciders...).set("partner", forbidden)},
		"GET /engagements/{id}":             {work, nil, notMine(ok, team...)},
		"POST /engagements/{id}/goal":       {work + "/goal", url.Values{"goal": {"目標"}}, notMine(redirect, movers...).set("leader", forbidden)},
		"POST /engagements/{id}/milestones": {work + "/milestones", url.Values{}, notMine(rejected, team...)},
		"POST /engagements/{id}/milestones/done": {work + "/milestones/done", url.Values{"milestone": {id(w.milestone)}, "done": {"1"}},
			notMine(redirect, team...)},
		"POST /engagements/{id}/meetings": {work + "/meetings", url.Values{"kind": {"one_to_one"}}, notMine(rejected, team...)},
		"POST /engagements/{id}/reports":  {work + "/reports", url.Values{}, notMine(forbidden, team...)},
		"POST /engagements/{id}/messages": {work + "/messages", url.Values{}, notMine(rejected, team...)},
		"POST /engagements/{id}/outcomes": {work + "/outcomes", url.Values{}, notMine(rejected, movers...).set("leader", forbidden)},
		"POST /engagements/{id}/leaders": {work + "/leaders", url.Values{"user": {w.leaderID}, "action": {"add"}},
			notMine(redirect, movers...).set("leader", forbidden)},
		// Ending early needs a reason: staff get the form back, the partner
		// and the leader may not.
		"POST /engagements/{id}/end-early": {work + "/end-early", url.Values{"credential": {"none"}},
			notMine(forbidden, team...).set("staff", rejected).set("admin", rejected)},
		// The completed team: nothing is completed twice; story and reviews
		// are the parties' (the leader and the owner are not in this team).
		"POST /engagements/{id}/complete": {"/engagements/" + doneID + "/complete", url.Values{}, notMine(forbidden, movers...)},
		"POST /engagements/{id}/story":    {"/engagements/" + doneID + "/story", url.Values{}, notMine(forbidden, movers...)},
		"POST /engagements/{id}/reviews":  {"/engagements/" + doneID + "/reviews", url.Values{}, notMine(forbidden, movers...)},

		"GET /static/":                         {"/static/app.css", nil, everyone(ok)},
		"GET /assets/sdgs.css":                 {"/assets/sdgs.css", nil, everyone(ok)},
		"GET /assets/municipalities.css":       {"/assets/municipalities.css", nil, everyone(ok)},
		"GET /api/v1/openapi.json":             {"/api/v1/openapi.json", nil, everyone(ok)},
		"GET /api/v1/programs":                 {"/api/v1/programs", nil, everyone(ok)},
		"GET /api/v1/programs/{slug}":          {"/api/v1/programs/ota-sdgs-2026", nil, everyone(ok)},
		"POST /api/v1/programs/{slug}/entries": {"/api/v1/programs/ota-sdgs-2026/entries", url.Values{}, everyone(conflict).set("anonymous", 401)}, // no profile
		"GET /api/v1/projects":                 {"/api/v1/projects", nil, everyone(ok)},
		"GET /api/v1/projects/{id}":            {"/api/v1/projects/" + id(w.shop.ID), nil, everyone(ok)},
		"GET /api/v1/municipalities":           {"/api/v1/municipalities", nil, everyone(ok)},
		"GET /api/v1/municipalities/{lgcode}":  {"/api/v1/municipalities/131113", nil, everyone(ok)},
		"GET /api/v1/skills":                   {"/api/v1/skills", nil, everyone(ok)},
		"GET /api/v1/sdgs":                     {"/api/v1/sdgs", nil, everyone(ok)},
		"POST /api/v1/credentials/verify":      {"/api/v1/credentials/verify", url.Values{}, everyone(invalid)},
		"/api/":                                {"/api/v1/nothing", nil, everyone(missing)},
		"GET /healthz":                         {"/healthz", nil, everyone(ok)},
		"GET /readyz":                          {"/readyz", nil, everyone(ok)},
		"/":                                    {"/nothing-here", nil, everyone(missing)},

		// The API of the board and the workspace: the pages' rights, and 401
		// instead of the login page. A form is not the JSON body a move takes.
		"GET /api/v1/municipalities/{lgcode}/programs/{slug}/entries":       {api + "/entries", nil, only(ok, screeners...).set("anonymous", 401)},
		"POST /api/v1/municipalities/{lgcode}/programs/{slug}/entries/move": {api + "/entries/move", url.Values{}, only(invalid, movers...).set("anonymous", 401)},
		"GET /api/v1/engagements/{id}/reports":                              {"/api/v1" + work + "/reports", nil, notMine(ok, team...).set("anonymous", 401)},
	}
}

// scopedCases ask the same routes about other things: another
// municipality's, an entry and an interview not assigned to the leader, a
// team the leader does not lead, and the owner's own team.
func (w *rolesWorld) scopedCases() []routeCase {
	otherEntry := "/admin/131113/entries/" + id(w.other.ID)
	owned := "/engagements/" + id(w.owned.engagement)
	movers := []string{"partner", "staff", "admin"}
	deciders := []string{"staff", "admin"}
	now := "/admin/131113/programs/ota-sdgs-2026"
	return []routeCase{
		{"/admin/152137/audit", nil, only(forbidden)},
		{"/admin/152137/legal", nil, only(forbidden)}, // Tsubame's staff are not its admins
		{"/admin/131113/programs/tsubame-2026/entries", nil, only(missing, "leader", "partner", "staff", "admin")},
		{"/admin/999997/audit", nil, everyone(missing)},
		{"/admin/152137/programs/tsubame-2026/entries", nil, only(forbidden).set("tsubame-staff", ok)},
		{otherEntry, nil, only(ok, movers...).set("leader", missing)},
		{otherEntry + "/review", url.Values{"score_skills": {"9"}}, only(rejected, movers...).set("leader", missing)},
		{"/me/interviews/" + id(w.otherIV.ID), nil, notMine(ok, movers...)},
		{"/engagements/" + id(w.done.engagement), nil, notMine(ok, movers...)},
		{"/engagements/" + id(w.done.engagement) + "/meetings", url.Values{}, notMine(forbidden, movers...)},
		{owned, nil, notMine(ok, "owner", "partner", "staff", "admin")},
		{owned + "/messages", url.Values{}, notMine(rejected, "owner", "partner", "staff", "admin")},
		{"/agreements/" + id(w.owned.agreement), nil, notMine(ok, "owner", "partner", "staff", "admin")},
		// The API: Ota's people do not find Tsubame's program under Ota, and
		// Tsubame's staff reach only their own.
		{"/api/v1/municipalities/131113/programs/tsubame-2026/entries", nil, only(missing, "leader", "partner", "staff", "admin").set("anonymous", 401)},
		{"/api/v1/municipalities/152137/programs/tsubame-2026/entries", nil, only(forbidden).set("tsubame-staff", ok).set("anonymous", 401)},
		{"/api/v1/municipalities/131113/programs/tsubame-2026/entries/move", url.Values{}, only(missing, movers...).set("anonymous", 401)},
		{"/api/v1/municipalities/152137/programs/tsubame-2026/entries/move", url.Values{}, only(forbidden).set("tsubame-staff", invalid).set("anonymous", 401)},
		{"/api/v1/engagements/" + id(w.done.engagement) + "/reports", nil, notMine(ok, movers...).set("anonymous", 401)},
		{"/api/v1" + owned + "/reports", nil, notMine(ok, "owner", "partner", "staff", "admin").set("anonymous", 401)},
		{"/api/v1/engagements/999999/reports", nil, signedIn(missing).set("anonymous", 401)},
		// The current program is not delegated: its partner screens but
		// neither imports, exports nor moves, and never delegates.
		{now + "/entries", nil, only(ok, "leader", "partner", "staff", "admin")},
		{now + "/entries.csv", nil, only(ok, deciders...)},
		{now + "/import", nil, only(ok, deciders...)},
		{now + "/import", url.Values{}, only(rejected, deciders...)},
		{now + "/entries/move", url.Values{}, only(invalid, deciders...)},
		{"/api/v1/municipalities/131113/programs/ota-sdgs-2026/entries/move", url.Values{}, only(invalid, deciders...).set("anonymous", 401)},
		{now + "/delegate", url.Values{"delegate": {"0"}}, only(redirect, deciders...)},
		// Only a partner of the municipality is delegated to; a business is
		// not one, nor is a made-up number.
		{now + "/delegate", url.Values{"delegate": {id(w.orgs["business"].ID)}}, only(invalid, deciders...)},
		{now + "/delegate", url.Values{"delegate": {"x"}}, only(invalid, deciders...)},
		// The office has no public page; an unknown organization neither.
		{"/organizations/" + id(w.orgs["office"].ID), nil, everyone(missing)},
		{"/organizations/999999", nil, everyone(missing)},
		// Tsubame's staff do not keep Ota's organizations; Ota's do not
		// edit Tsubame's office through Ota.
		{"/admin/152137/organizations", nil, only(forbidden).set("tsubame-staff", ok)},
		{"/admin/131113/organizations/" + id(w.orgs["tsubame"].ID), nil, only(missing, "staff", "admin")},
	}
}
