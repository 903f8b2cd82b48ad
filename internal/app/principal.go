package app

import "context"

// Principal is who acts: a signed-in person (UserID), or the system
// (UserID 0) for background work. Address is where the request came from,
// for the audit log ("" for the system and the command line).
type Principal struct {
	UserID  int64
	Address string
}

type principalKey struct{}

// WithPrincipal returns a context that carries who acts.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom is who acts in ctx: the system when nobody was set.
func PrincipalFrom(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}
