package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Principal is who acts: a signed-in person (UserID), a visitor (UserID
// 0), or the operator (System: background work and the command line,
// which run with the server's own rights). Address is where the request
// came from, for the audit log ("" for the system).
type Principal struct {
	UserID  int64
	Address string
	System  bool
}

// AsOperator returns a context in which the operator acts at the command
// line: the server's own rights, audited with no actor, from the address
// "command line".
func AsOperator(ctx context.Context) context.Context {
	return WithPrincipal(ctx, Principal{System: true, Address: "command line"})
}

type principalKey struct{}

// WithPrincipal returns a context that carries who acts. It also says
// where the public data is read from: a visitor (not signed in) may be
// shown it from the read replica, a second or so late like the cached
// pages; a signed-in person and the operator read from the primary, so
// they see their own writes at once.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	ctx = store.WithReplicaReads(ctx, p.UserID == 0 && !p.System)
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom is who acts in ctx: the system when nobody was set.
func PrincipalFrom(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}
