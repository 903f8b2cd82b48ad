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
}

// EntryInput is an entry as sent: the chosen projects in order, the
// motivation, and the idempotency key (with the request's fingerprint,
// when the API sends one).
type EntryInput struct {
	Choices     []int64
	Motivation  string
	Key         string
	RequestHash string
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
// projects to choose from.
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
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return f, domain.Errorf(domain.CodeConflict, "error.profile_required")
	}
	if err != nil {
		return f, err
	}
	if f.Program, err = s.app.st.Directory().ProgramBySlug(ctx, slug); err != nil {
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
	f.Projects = page.Projects
	return f, err
}

// Enter checks an entry against the form (each choice one of the
// program's published projects, the motivation within bounds, the entry
// itself valid) and submits it (Submit): recorded, audited and its
// receipt mailed. Every problem found is in the invalid error's fields,
// in the form's order. The entry is sent by the form's account.
func (s *Entries) Enter(ctx context.Context, f EntryForm, in EntryInput) (domain.Entry, error) {
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
			return e, err
		}
	}
	if err := v.Err(); err != nil {
		return e, err
	}
	u, err := s.app.st.Accounts().UserByID(ctx, f.UserID)
	if err != nil {
		return e, err
	}
	// The account that sends the entry acts, also with a personal token.
	by := PrincipalFrom(ctx)
	ctx = WithPrincipal(ctx, Principal{UserID: f.UserID, Address: by.Address})
	_, err = s.Submit(ctx, Submission{Entry: &e, User: u, Lang: in.Lang, Program: in.Program, Projects: titles})
	return e, err
}
