package app

import (
	"context"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// MaxMotivation bounds an entry's motivation text, in characters.
const MaxMotivation = 2000

// EntryForm is what entering a program needs: who enters (the account
// and its talent profile), the open program and its published projects.
type EntryForm struct {
	UserID   int64
	Talent   domain.Talent
	Program  domain.Program
	Projects []domain.Project
	// Existing is the person's entry to the program, if they entered
	// before (ID 0 when not): sending the form again edits it, or enters
	// again after a withdrawal.
	Existing domain.Entry
}

// Editable reports whether the form may still change the person's entry:
// there is none yet, it is still at 応募, or it was withdrawn.
func (f EntryForm) Editable() bool {
	st := f.Existing.Status
	return f.Existing.ID == 0 || st == domain.EntrySubmitted || st == domain.EntryWithdrawn
}

// EntryInput is an entry as sent: the chosen projects in order, the
// motivation, and the idempotency key (with the request's fingerprint,
// when the API sends one).
type EntryInput struct {
	Choices     []int64
	Motivation  string
	Key         string
	RequestHash string
	// Revise lets the entry replace the sender's earlier one (an edit
	// before the deadline, or a new entry after a withdrawal), as the
	// form does; without it a second entry is a conflict, as the API
	// answers.
	Revise bool
	// Lang and Program are the receipt's language and the program's
	// title as the sender reads it.
	Lang    i18n.Lang
	Program string
}

// ProfileRequired reports whether err says that entering needs a talent
// profile first.
func ProfileRequired(err error) bool {
	key, _ := domain.ErrorKey(err)
	return domain.ErrorCode(err) == domain.CodeConflict && key == "error.profile_required"
}

// Form checks that the signed-in person may enter the program: they have
// a profile and the program is open. It returns the program's published
// projects to choose from, and the person's earlier entry, if any. Without
// a profile the error says so (ProfileRequired) and the form is still
// filled in, for the person to type their entry first.
func (s *Entries) Form(ctx context.Context, slug string) (EntryForm, error) {
	userID := PrincipalFrom(ctx).UserID
	if userID == 0 {
		return EntryForm{}, ErrSignIn
	}
	// The token's account acts: like a signed-in person it reads the
	// program and its projects from the primary.
	ctx = WithPrincipal(ctx, Principal{UserID: userID, Address: PrincipalFrom(ctx).Address})
	return s.form(ctx, userID, slug)
}

// FormByToken is Form for an API request: the account is the personal
// token's when the request sends one (hasToken), else the signed-in
// person's.
func (s *Entries) FormByToken(ctx context.Context, token string, hasToken bool, slug string) (EntryForm, error) {
	userID := PrincipalFrom(ctx).UserID
	if hasToken {
		var err error
		if userID, err = s.app.st.Accounts().APITokenUser(ctx, auth.HashToken(strings.TrimSpace(token))); err != nil {
			return EntryForm{}, err
		}
	}
	if userID == 0 {
		return EntryForm{}, ErrSignIn
	}
	// The token's account acts: like a signed-in person it reads the
	// program and its projects from the primary.
	ctx = WithPrincipal(ctx, Principal{UserID: userID, Address: PrincipalFrom(ctx).Address})
	return s.form(ctx, userID, slug)
}

func (s *Entries) form(ctx context.Context, userID int64, slug string) (EntryForm, error) {
	f := EntryForm{UserID: userID}
	var err error
	f.Talent, err = s.app.st.Talents().TalentByUser(ctx, userID)
	noProfile := domain.ErrorCode(err) == domain.CodeNotFound
	if err != nil && !noProfile {
		return f, err
	}
	if f.Program, err = s.app.st.Directory().ProgramBySlug(ctx, slug); err != nil {
		if noProfile {
			err = domain.Errorf(domain.CodeConflict, "error.profile_required")
		}
		return f, err
	}
	if phase := f.Program.Phase(s.app.now()); phase != domain.PhaseOpen {
		key := "error.program_closed"
		if phase == domain.PhaseUpcoming {
			key = "error.program_upcoming"
		}
		return f, domain.Errorf(domain.CodeConflict, key, "Title", f.Program.Title)
	}
	page, err := s.app.st.Projects().ListProjects(ctx, store.ProjectFilter{ProgramID: f.Program.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return f, err
	}
	f.Projects = page.Projects
	if noProfile {
		// The form is complete but for its sender's profile: a person may
		// type their entry first and make the profile on the way.
		return f, domain.Errorf(domain.CodeConflict, "error.profile_required")
	}
	f.Existing, err = s.app.st.Entries().EntryOf(ctx, f.Program.ID, f.Talent.ID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		err = nil
	}
	return f, err
}

// Enter checks an entry against the form (each choice one of the
// program's published projects, the motivation within bounds, the entry
// itself valid) and submits it (Submit): recorded, audited and its
// receipt mailed. Every problem found is in the invalid error's fields,
// in the form's order. The entry is sent by the form's account.
func (s *Entries) Enter(ctx context.Context, f EntryForm, in EntryInput) (domain.Entry, error) {
	e, titles, err := s.Check(f, in)
	if err != nil {
		return e, err
	}
	release, err := s.turn(ctx)
	if err != nil {
		return e, err
	}
	defer release()
	u, err := s.app.st.Accounts().UserByID(ctx, f.UserID)
	if err != nil {
		return e, err
	}
	// The account that sends the entry acts, also with a personal token.
	by := PrincipalFrom(ctx)
	ctx = WithPrincipal(ctx, Principal{UserID: f.UserID, Address: by.Address})
	sub := Submission{Entry: &e, User: u, Lang: in.Lang, Program: in.Program, Projects: titles}
	if in.Revise && f.Existing.ID != 0 && in.Key != f.Existing.IdempotencyKey {
		return e, s.revise(ctx, f, sub)
	}
	_, err = s.Submit(ctx, sub)
	return e, err
}

// Check checks an entry against the form without sending it, for the
// confirmation screen: the entry as it would be sent and the titles of
// its chosen projects, or the invalid error with every problem found.
func (s *Entries) Check(f EntryForm, in EntryInput) (domain.Entry, []string, error) {
	published := map[int64]domain.Project{}
	for _, p := range f.Projects {
		published[p.ID] = p
	}
	var v domain.ValidationErrors
	var choices []int64
	var titles []string
	chosen := map[int64]bool{}
	for _, id := range in.Choices {
		p, ok := published[id]
		switch {
		case !ok:
			v.Add("choices", "error.choice_program")
		case chosen[id]:
			// Named by its title, as the form lists it, not by its id.
			v.Add("choices", "error.choice_twice", "Title", p.Title)
		default:
			chosen[id] = true
			choices = append(choices, id)
			titles = append(titles, p.Title)
		}
	}
	if len(v.Fields) == 0 {
		// The program says whether choices are required, optional or none.
		if err := f.Program.Choices().CheckChoices(choices); err != nil {
			v.Fields = append(v.Fields, err.(*domain.Error).Fields...)
		}
	}
	motivation := strings.TrimSpace(in.Motivation)
	if len([]rune(motivation)) > MaxMotivation {
		v.Add("motivation", "error.too_long", "Max", MaxMotivation)
	}
	e := domain.Entry{MunicipalityID: f.Program.MunicipalityID, ProgramID: f.Program.ID, TalentID: f.Talent.ID,
		Choices: choices, Motivation: motivation, Status: domain.EntrySubmitted, SubmittedAt: s.app.now(),
		IdempotencyKey: in.Key, RequestHash: in.RequestHash}
	if err := e.Validate(); err != nil {
		if de, ok := err.(*domain.Error); ok {
			v.Fields = append(v.Fields, de.Fields...)
		} else {
			return e, titles, err
		}
	}
	return e, titles, v.Err()
}
