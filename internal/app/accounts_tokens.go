package app

import (
	"context"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// APIToken is a personal API token as listed: its hash, never the token.
type APIToken = store.APIToken

// APITokenList is a person's API tokens, newest first, with the clock
// their expiry is judged by, and a token just made (shown this once).
type APITokenList struct {
	Tokens []APIToken
	New    string
	Now    time.Time
}

// APITokens lists the signed-in person's API tokens.
func (a *Accounts) APITokens(ctx context.Context) (APITokenList, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return APITokenList{}, err
	}
	return a.tokenList(ctx, userID, "")
}

func (a *Accounts) tokenList(ctx context.Context, userID int64, plain string) (APITokenList, error) {
	tokens, err := a.app.st.Accounts().APITokens(ctx, userID)
	// The store checks expiry against its clock, so the list does too.
	return APITokenList{Tokens: tokens, New: plain, Now: a.app.expiryNow()}, err
}

// CreateAPIToken makes a personal API token for the signed-in person that
// lasts days (auth.APITokenDayChoices) and returns the list with it, to
// be shown once; only its hash is kept. A label that is missing or too
// long, or days out of range, is a validation error, field by field, and
// the list comes back without a new token.
func (a *Accounts) CreateAPIToken(ctx context.Context, label string, days int) (APITokenList, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return APITokenList{}, err
	}
	label = domain.NormalizeText(label)
	var v domain.ValidationErrors
	if label == "" || len([]rune(label)) > 100 {
		v.Add("label", "tokens.label_required")
	}
	if key := auth.CheckAPITokenDays(days); key != "" {
		v.Add("days", key, "Max", auth.MaxAPITokenDays)
	}
	if err := v.Err(); err != nil {
		list, lerr := a.tokenList(ctx, userID, "")
		if lerr != nil {
			return list, lerr
		}
		return list, err
	}
	plain, hash, err := auth.NewAPIToken()
	if err != nil {
		return APITokenList{}, err
	}
	expires := a.app.expiryNow().AddDate(0, 0, days)
	err = a.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Accounts().CreateToken(ctx, userID, domain.TokenAPI, hash, expires, label); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "token.create", SubjectType: "user", SubjectID: userID})
	})
	if err != nil {
		return APITokenList{}, err
	}
	return a.tokenList(ctx, userID, plain)
}

// RevokeAPIToken ends one of the signed-in person's API tokens, named by
// its hash.
func (a *Accounts) RevokeAPIToken(ctx context.Context, hash []byte) error {
	userID, err := signedInUser(ctx)
	if err != nil {
		return err
	}
	return a.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Accounts().RevokeAPIToken(ctx, userID, hash); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "token.revoke", SubjectType: "user", SubjectID: userID})
	})
}

// WithAPIToken returns a context in which the owner of a personal API
// token acts, from the request's address: what a request that sends
// "Authorization: Bearer tsu_…" may do is what its owner may do on the
// pages. An unknown, revoked or expired token is refused (401).
func (a *Accounts) WithAPIToken(ctx context.Context, token string) (context.Context, error) {
	userID, err := a.app.st.Accounts().APITokenUser(ctx, auth.HashToken(strings.TrimSpace(token)))
	if err != nil {
		return ctx, err
	}
	return WithPrincipal(ctx, Principal{UserID: userID, Address: PrincipalFrom(ctx).Address}), nil
}
