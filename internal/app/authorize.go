package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
)

// ErrSignIn is what asking for something that needs an account, without
// one, gives: the web layer sends the visitor to log in, the API answers
// 401.
var ErrSignIn = domain.Errorf(domain.CodeUnauthorized, "error.sign_in")

// SignInRequired reports whether err asks the visitor to sign in.
func SignInRequired(err error) bool {
	return domain.ErrorCode(err) == domain.CodeUnauthorized
}

// Actor is who acts in ctx, with their memberships; a visitor's has user
// id 0 and none.
func (a *App) Actor(ctx context.Context) (policy.Actor, error) {
	p := PrincipalFrom(ctx)
	act := policy.Actor{UserID: p.UserID}
	if p.UserID == 0 {
		return act, nil
	}
	ms, err := a.st.Accounts().Memberships(ctx, p.UserID)
	act.Memberships = ms
	return act, err
}

// SignedIn is the actor, or an error asking to sign in for a visitor.
// The operator passes with an actor of its own (user id 0).
func (a *App) SignedIn(ctx context.Context) (policy.Actor, error) {
	if PrincipalFrom(ctx).System {
		return policy.Actor{}, nil
	}
	act, err := a.Actor(ctx)
	if err == nil && act.UserID == 0 {
		err = ErrSignIn
	}
	return act, err
}

// Authorize is the one access check: the actor may do act on res, or the
// error says why not (sign in first, or a 403 that is recorded).
func (a *App) Authorize(ctx context.Context, act policy.Action, res policy.Resource) (policy.Actor, error) {
	who, err := a.SignedIn(ctx)
	if err != nil || PrincipalFrom(ctx).System {
		return who, err
	}
	if !policy.Can(who, act, res) {
		return who, Refused("error.forbidden", res.MunicipalityID, "municipality", res.MunicipalityID)
	}
	return who, nil
}

// AuthorizeSome opens a list to whoever may do act on at least some of the
// municipality's things; the caller then keeps, item by item, only what
// policy.Can allows (a leader's own entries and teams).
func (a *App) AuthorizeSome(ctx context.Context, act policy.Action, municipalityID int64) (policy.Actor, error) {
	who, err := a.SignedIn(ctx)
	if err != nil || PrincipalFrom(ctx).System {
		return who, err
	}
	if !policy.Anywhere(who, act, municipalityID) {
		return who, Refused("error.forbidden", municipalityID, "municipality", municipalityID)
	}
	return who, nil
}

// ProgramResource is a program as the policy sees it: its municipality,
// and the partner its day-to-day operations are delegated to.
func ProgramResource(p domain.Program) policy.Resource {
	return policy.Resource{MunicipalityID: p.MunicipalityID, Delegate: p.Delegate}
}

// authorizeProgram checks an action on a program, for someone the policy
// lets act on some of the municipality's programs (AuthorizeSome passed).
func (a *App) authorizeProgram(ctx context.Context, who policy.Actor, act policy.Action, p domain.Program) error {
	if PrincipalFrom(ctx).System || policy.Can(who, act, ProgramResource(p)) {
		return nil
	}
	return Refused("error.forbidden", p.MunicipalityID, "program", p.ID)
}
