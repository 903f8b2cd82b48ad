package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Tx is one change in progress: the store inside a transaction, and the
// side effects that commit or roll back with it.
type Tx struct {
	*store.Store
	app *App
	by  Principal
}

// Change runs fn in one transaction for the principal in ctx. Whatever fn
// records through tx (data, audit lines, notices, mails and their jobs)
// commits together or not at all. Inside another Change it joins the
// outer transaction.
func (a *App) Change(ctx context.Context, fn func(tx *Tx) error) error {
	by := PrincipalFrom(ctx)
	return a.st.InTx(ctx, func(st *store.Store) error {
		return fn(&Tx{Store: st, app: a, by: by})
	})
}

// On binds the side effects to a transaction opened elsewhere (a handler
// that has not moved into a service yet). The principal comes from ctx.
func (a *App) On(ctx context.Context, tx *store.Store) *Tx {
	return &Tx{Store: tx, app: a, by: PrincipalFrom(ctx)}
}
