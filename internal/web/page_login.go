package web

import (
	"net/http"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f := newForm()
	f.Next = safeNext(r.URL.Query().Get("next"))
	return s.render(w, r, lang, http.StatusOK, "login", s.cat.T(lang, "login.title", nil), f)
}

// login checks the password and starts a new session. Failures are
// counted per account-and-address pair and per address (auth.LoginThrottles)
// in the database; once a key has failed too often, each further attempt
// must wait longer, and an attempt that comes too soon is answered 429
// without checking the password at all. Every failure says the same
// thing, so the form does not reveal which addresses have accounts.
func (s *Server) login(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "email", "next")
	if err != nil {
		return err
	}
	f.Next = safeNext(f.Values["next"])
	title := s.cat.T(lang, "login.title", nil)
	account := strings.ToLower(f.Values["email"])
	keys := auth.LoginThrottles(account, clientAddress(r))
	if wait, err := s.throttleWait(r.Context(), keys); err != nil || wait > 0 {
		if err != nil {
			return err
		}
		return s.throttled(w, r, lang, "login", title, "login.throttled", f, wait)
	}
	creds, err := s.store.Credentials(r.Context(), account)
	if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
		return err
	}
	stored := creds.PasswordHash
	if stored == "" {
		// Spend the same time as a real check, so timing does not tell
		// whether the address has an account.
		stored = s.dummyHash
	}
	var ok, rehash bool
	if err := s.limits.hash(r.Context(), func() { ok, rehash, _ = auth.VerifyPassword(r.PostForm.Get("password"), stored) }); err != nil {
		return err
	}
	if !ok || creds.User.ID == 0 || creds.PasswordHash == "" {
		if err := s.throttleFail(r.Context(), keys); err != nil {
			return err
		}
		if err := s.audit(r.Context(), nil, r, "user.login_failed", "user", creds.User.ID, 0); err != nil {
			return err
		}
		f.Error = s.cat.T(lang, "login.failed", nil)
		return s.render(w, r, lang, http.StatusBadRequest, "login", title, f)
	}
	if !creds.Verified {
		f.Error = s.cat.T(lang, "login.unverified", nil)
		return s.render(w, r, lang, http.StatusBadRequest, "login", title, f)
	}
	// Success clears its own pair only: the address's count stays, or a
	// guesser could reset it by signing in to an account of their own.
	if err := s.store.ClearLoginFailures(r.Context(), auth.LoginPairThrottle(account, clientAddress(r)).Key); err != nil {
		return err
	}
	if rehash {
		if h, err := s.hashPassword(r.Context(), r.PostForm.Get("password")); err == nil {
			_ = s.store.SetPassword(r.Context(), creds.User.ID, h) // best effort: the old hash still works
		}
	}
	if err := s.signIn(r, creds.User.ID); err != nil {
		return err
	}
	if err := s.audit(r.Context(), nil, r, "user.login", "user", creds.User.ID, 0); err != nil {
		return err
	}
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if id := s.userID(r); id != 0 {
		if err := s.audit(r.Context(), nil, r, "user.logout", "user", id, 0); err != nil {
			return err
		}
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	clearSiteData(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

type meData struct {
	User    domain.User
	Welcome bool
	Done    string // what was just done, to confirm it: "password"
	Entered string // the slug of a program just entered
	Entries []myEntry
	// Recommended are open projects that fit the profile, with reasons.
	Recommended []recommendation
	HasProfile  bool
	Bookmarks   []projectView
	Work        []myWork
	Scouts      []myScout
	Credentials []store.IssuedCredential
	// Hometown lists open projects in the towns the talent is tied to,
	// once they completed an engagement: experience gained, used at home.
	Hometown []projectView
}

// myScout is an offer received, with who sent it and about what.
type myScout struct {
	Offer        domain.ScoutOffer
	Municipality string
	Project      string
}

// myWork is an agreement of the person and their team's workspace.
type myWork struct {
	Agreement  domain.Agreement
	Title      string
	Engagement int64 // 0 until all sides accepted
}

// myEntry is an entry with the titles a person recognises.
type myEntry struct {
	domain.Entry
	Program    domain.Program
	Projects   []string
	Interviews []domain.Interview
}

// mePage is the signed-in person's page; others are sent to log in first.
func (s *Server) mePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id := s.userID(r)
	if id == 0 {
		http.Redirect(w, r, "/login?next=/me", http.StatusSeeOther)
		return nil
	}
	u, err := s.store.UserByID(r.Context(), id)
	if err != nil {
		return err
	}
	d := meData{User: u, Welcome: r.URL.Query().Get("welcome") == "1", Entered: r.URL.Query().Get("entered"),
		Done: r.URL.Query().Get("done")}
	if d.Entries, err = s.myEntries(r, id); err != nil {
		return err
	}
	bookmarks, err := s.store.Bookmarks(r.Context(), id)
	if err != nil {
		return err
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return err
	}
	if d.Bookmarks, err = s.projectViews(r.Context(), h, bookmarks); err != nil {
		return err
	}
	if t, err := s.store.TalentByUser(r.Context(), id); err == nil {
		d.HasProfile = true
		ags, err := s.store.AgreementsOfTalent(r.Context(), t.ID)
		if err != nil {
			return err
		}
		if d.Credentials, err = s.store.IssuedCredentials(r.Context(), 0, t.ID); err != nil {
			return err
		}
		if d.Hometown, err = s.hometownAfterWork(r, h, t, d.Credentials); err != nil {
			return err
		}
		offers, err := s.store.ScoutsOf(r.Context(), t.ID)
		if err != nil {
			return err
		}
		for _, o := range offers {
			ms := myScout{Offer: o, Municipality: h.municipalities[o.MunicipalityID].Name}
			if o.ProjectID != 0 {
				if p, err := s.store.Project(r.Context(), o.ProjectID); err == nil {
					ms.Project = p.Title
				}
			}
			d.Scouts = append(d.Scouts, ms)
		}
		for _, a := range ags {
			p, err := s.store.Project(r.Context(), a.ProjectID)
			if err != nil {
				return err
			}
			mw := myWork{Agreement: a, Title: p.Title}
			if g, err := s.store.EngagementOfProject(r.Context(), a.ProjectID); err == nil && a.Complete() {
				mw.Engagement = g.ID
			}
			d.Work = append(d.Work, mw)
		}
		if d.Recommended, err = s.recommend(r.Context(), lang, t, 5); err != nil {
			return err
		}
	} else if domain.ErrorCode(err) != domain.CodeNotFound {
		return err
	}
	return s.render(w, r, lang, http.StatusOK, "me", s.cat.T(lang, "me.title", nil), d)
}

func (s *Server) myEntries(r *http.Request, userID int64) ([]myEntry, error) {
	t, err := s.store.TalentByUser(r.Context(), userID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	entries, err := s.store.EntriesOfTalent(r.Context(), t.ID)
	if err != nil {
		return nil, err
	}
	h, err := s.loadHub(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]myEntry, len(entries))
	for i, e := range entries {
		out[i] = myEntry{Entry: e, Program: h.programs[e.ProgramID]}
		if out[i].Interviews, err = s.store.Interviews(r.Context(), e.ID); err != nil {
			return nil, err
		}
		for _, pid := range e.Choices {
			p, err := s.store.Project(r.Context(), pid)
			if err != nil {
				return nil, err
			}
			out[i].Projects = append(out[i].Projects, p.Title)
		}
	}
	return out, nil
}

// withdraw lets a talent withdraw their own entry.
func (s *Server) withdraw(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	userID, err := s.requireUser(r)
	if err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "entry")
	if err != nil {
		return err
	}
	t, err := s.store.TalentByUser(r.Context(), userID)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.WithdrawEntry(r.Context(), id, t.ID); err != nil {
			return err
		}
		e, err := tx.Entry(r.Context(), id)
		if err != nil {
			return err
		}
		return s.audit(r.Context(), tx, r, "entry.withdraw", "entry", id, e.MunicipalityID)
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
	return nil
}

// hometownAfterWork suggests open projects in the municipalities a talent
// is tied to (出身, 在住 and so on), other than where they completed work,
// once they have completed an engagement.
func (s *Server) hometownAfterWork(r *http.Request, h *hub, t domain.Talent, creds []store.IssuedCredential) ([]projectView, error) {
	if len(creds) == 0 {
		return nil, nil
	}
	done := map[int64]bool{}
	for _, c := range creds {
		done[c.MunicipalityID] = true
	}
	var projects []domain.Project
	for _, a := range t.Affinities {
		for _, mu := range h.munList {
			if mu.LGCode != a.LGCode || done[mu.ID] {
				continue
			}
			page, err := s.store.ListProjects(r.Context(), store.ProjectFilter{MunicipalityID: mu.ID, Limit: 5})
			if err != nil {
				return nil, err
			}
			for _, p := range page.Projects {
				if p.Status == domain.ProjectPublished {
					projects = append(projects, p)
				}
			}
		}
	}
	return s.projectViews(r.Context(), h, projects)
}
