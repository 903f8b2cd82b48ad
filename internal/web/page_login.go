package web

import (
	"errors"
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

func (p accountPages) loginPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f := newForm()
	f.Next = safeNext(r.URL.Query().Get("next"))
	return p.render(w, r, lang, http.StatusOK, "login", p.cat.T(lang, "login.title", nil), f)
}

// login checks the password (app.Accounts.SignIn) and starts a new
// session. An attempt that comes too soon after too many failures is
// answered 429 without checking the password; a failure shows the form
// again (422) with the same message whatever went wrong, so the form does
// not reveal which addresses have accounts.
func (p accountPages) login(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	f, err := readForm(w, r, "email", "next")
	if err != nil {
		return err
	}
	f.Next = safeNext(f.Values["next"])
	title := p.cat.T(lang, "login.title", nil)
	userID, err := p.app.Accounts.SignIn(r.Context(), f.Values["email"], r.PostForm.Get("password"))
	var wait *app.Throttled
	switch {
	case errors.As(err, &wait):
		return p.throttled(w, r, lang, "login", title, "login.throttled", f, wait.Wait)
	case domain.ErrorCode(err) == domain.CodeInvalid:
		p.fieldErrors(lang, f, err)
		return p.render(w, r, lang, http.StatusUnprocessableEntity, "login", title, f)
	case err != nil:
		return err
	}
	if err := p.signIn(r, userID); err != nil {
		return err
	}
	seeOtherWith(w, r, f.Next, "signed_in")
	return nil
}

func (p accountPages) logout(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if err := p.app.Accounts.SignOut(r.Context()); err != nil {
		return err
	}
	if err := p.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	clearSiteData(w)
	seeOtherWith(w, r, "/", "signed_out")
	return nil
}

type meData struct {
	User    domain.User
	Welcome bool
	Entered string // the slug of a program just entered
	Entries []myEntry
	// Recommended are open projects that fit the profile, with reasons.
	Recommended []recommendation
	HasProfile  bool
	Bookmarks   []projectView
	Work        []myWork
	Scouts      []myScout
	Credentials []app.IssuedCredential
	// Hometown lists open projects in the towns the talent is tied to,
	// once they completed an engagement: experience gained, used at home.
	Hometown []projectView
	// Desk is what waits for the person in each of their roles.
	Desk app.Desk
}

// Talent reports whether the talent's parts of the page show: for a
// talent, and for anyone with no other role to show.
func (d meData) Talent() bool {
	return d.HasProfile || (d.Desk.Host == nil && d.Desk.Staff == nil && d.Desk.Leader == nil)
}

// myScout is an offer received, with who sent it and about what.
type myScout struct {
	Offer        domain.ScoutOffer
	Municipality string
	Project      string
}

// myWork is an agreement of the person and their team's workspace.
type myWork = app.HomeWork

// myEntry is an entry with the titles a person recognises.
type myEntry struct {
	domain.Entry
	Program    domain.Program
	Projects   []string
	Interviews []domain.Interview
	Placement  string // the project of a 内定, "" for none
	Editable   bool
}

// mePage is the signed-in person's page (app.Talents.Home); others are
// sent to log in first.
func (p talentPages) mePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if p.userID(r) == 0 {
		http.Redirect(w, r, "/login?next=/me", http.StatusSeeOther)
		return nil
	}
	home, err := p.app.Talents.Home(r.Context())
	if err != nil {
		return err
	}
	desk, err := p.app.Members.Desk(r.Context())
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d := meData{User: home.User, Welcome: q.Get("welcome") == "1", Entered: q.Get("entered"),
		HasProfile: home.Talent != nil, Work: home.Work, Credentials: home.Credentials, Desk: desk}
	for _, e := range home.Entries {
		d.Entries = append(d.Entries, myEntry{Entry: e.Entry, Program: e.Program, Projects: e.Projects,
			Interviews: e.Interviews, Placement: e.Placement, Editable: e.Editable})
	}
	for _, s := range home.Scouts {
		d.Scouts = append(d.Scouts, myScout{Offer: s.Offer, Municipality: s.Municipality, Project: s.Project})
	}
	d.Bookmarks = p.cardViews(home.Bookmarks)
	if home.Talent != nil {
		d.Hometown = p.cardViews(home.Hometown)
		if d.Recommended, err = p.recommend(r.Context(), lang, *home.Talent, 5); err != nil {
			return err
		}
	}
	return p.render(w, r, lang, http.StatusOK, "me", p.cat.T(lang, "me.title", nil), d)
}

// withdraw lets a talent withdraw their own entry.
func (p talentPages) withdraw(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	if _, err := p.requireUser(r); err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"), "entry")
	if err != nil {
		return err
	}
	if err := p.app.Talents.WithdrawEntry(r.Context(), id); err != nil {
		return err
	}
	seeOtherWith(w, r, "/me", "withdrawn")
	return nil
}
