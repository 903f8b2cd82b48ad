package app

import (
	"context"
	"errors"
	"net/url"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/auth"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/mail"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// verifyLinkLifetime is how long an email confirmation link works.
const verifyLinkLifetime = 24 * time.Hour

// Agreement is what a person agrees to when making an account: the
// versions of the hub's terms of use and privacy notice they were shown,
// and whether they ticked the box.
type Agreement struct {
	Agreed                       bool
	TermsVersion, PrivacyVersion int
}

// SignUp is the sign-up form.
type SignUp struct {
	Email, Name, NameKana, Password string
	Agreement                       Agreement
	Lang                            i18n.Lang // of the page, for the mails
}

// newAccountProblems checks what making an account asks for: a valid
// address and name, a password within the policy, and the agreement.
func newAccountProblems(u domain.User, password string, agreed bool, checkKana bool) error {
	var v domain.ValidationErrors
	if err := u.Validate(); err != nil {
		var e *domain.Error
		if errors.As(err, &e) {
			v.Fields = append(v.Fields, e.Fields...)
		}
	}
	if checkKana && u.NameKana != "" && !domain.IsKatakanaReading(u.NameKana) {
		v.Add("name_kana", "error.katakana")
	}
	if key := auth.CheckPassword(password, auth.Owner{Email: u.Email, Name: u.Name}); key != "" {
		v.Add("password", key)
	}
	if !agreed {
		v.Add("agree", "error.agree_required")
	}
	return v.Err()
}

// SignUp creates an account, stores a confirmation token and queues the
// confirmation mail, all in one transaction. An address that already has
// an account gets a notice instead, and the caller shows the same page
// either way, so the form does not reveal who has an account. Problems
// with the form come back as a validation error, field by field.
func (a *Accounts) SignUp(ctx context.Context, in SignUp) error {
	u := domain.User{Email: domain.NormalizeEmail(in.Email), Name: domain.NormalizeText(in.Name),
		NameKana: domain.NormalizeKana(in.NameKana)}
	if err := newAccountProblems(u, in.Password, in.Agreement.Agreed, true); err != nil {
		return err
	}
	hash, err := a.hash(ctx, in.Password)
	if err != nil {
		return err
	}
	plain, tokenHash, err := auth.NewToken()
	if err != nil {
		return err
	}
	cat := a.app.cat
	notice := func() error { // the address already has an account
		return a.app.Change(ctx, func(tx *Tx) error {
			return tx.Mail(ctx, in.Lang, u.Email, mail.TemplateNotice, mail.Notice{
				Title: cat.T(in.Lang, "signup.exists_title", nil), Body: cat.T(in.Lang, "signup.exists_body", nil),
				URL: a.app.baseURL + "/login"})
		})
	}
	if _, err := a.app.st.Accounts().Credentials(ctx, u.Email); err == nil {
		return notice()
	} else if domain.ErrorCode(err) != domain.CodeNotFound {
		return err
	}
	err = a.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Accounts().CreateUser(ctx, &u); err != nil {
			return err
		}
		if err := tx.Accounts().SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		// The person signing up is not signed in yet: they are the actor.
		if err := tx.Audit(ctx, store.AuditEvent{ActorID: u.ID, Action: "user.signup", SubjectType: "user",
			SubjectID: u.ID}); err != nil {
			return err
		}
		if err := tx.recordAgreement(ctx, u.ID, in.Agreement); err != nil {
			return err
		}
		expires := a.app.expiryNow().Add(verifyLinkLifetime)
		if err := tx.Accounts().CreateToken(ctx, u.ID, domain.TokenVerifyEmail, tokenHash, expires, ""); err != nil {
			return err
		}
		return tx.Mail(ctx, in.Lang, u.Email, mail.TemplateVerifyEmail, mail.VerifyEmail{
			Name: u.Name, URL: a.app.baseURL + "/verify?token=" + url.QueryEscape(plain), Expires: expires})
	})
	if domain.ErrorCode(err) == domain.CodeConflict { // signed up at the same moment by another request
		err = notice()
	}
	return err
}

// recordAgreement records, in the change that makes the account, the
// versions of the terms and the privacy notice agreed to, with the time.
func (tx *Tx) recordAgreement(ctx context.Context, userID int64, a Agreement) error {
	for purpose, version := range map[domain.ConsentPurpose]int{
		domain.ConsentTerms: a.TermsVersion, domain.ConsentPrivacy: a.PrivacyVersion} {
		if err := tx.Compliance().RecordConsent(ctx, &domain.Consent{UserID: userID, Purpose: purpose, Granted: true,
			DocumentVersion: version}); err != nil {
			return err
		}
	}
	return nil
}

// ConfirmEmail spends a confirmation link and marks the address
// confirmed; it returns whose it was, for the caller to sign them in.
func (a *Accounts) ConfirmEmail(ctx context.Context, token string) (int64, error) {
	var userID int64
	err := a.app.Change(ctx, func(tx *Tx) error {
		var err error
		if userID, err = tx.Accounts().UseToken(ctx, auth.HashToken(token), domain.TokenVerifyEmail); err != nil {
			return err
		}
		if err := tx.Accounts().MarkEmailVerified(ctx, userID); err != nil {
			return err
		}
		// Following the link proves who they are: they are the actor.
		return tx.Audit(ctx, store.AuditEvent{ActorID: userID, Action: "user.verify_email", SubjectType: "user",
			SubjectID: userID})
	})
	return userID, err
}
