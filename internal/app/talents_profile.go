package app

import (
	"context"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Profile is a talent's profile with their consents: what the hub may do
// with it (Consents, by purpose) and which municipalities' staff may find
// them in the shared pool (Findable, by municipality id), with the
// history of their answers.
type Profile struct {
	Talent         domain.Talent
	Consents       map[domain.ConsentPurpose]bool
	Findable       map[int64]bool
	Municipalities []domain.Municipality
	History        []domain.Consent
}

// Profile is the signed-in person's profile, or, before they made one, a
// new one filled from their account. Reading a profile that exists is
// recorded, as a view of personal data.
func (s *Talents) Profile(ctx context.Context) (Profile, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return Profile{}, err
	}
	t, err := s.app.st.Talents().TalentByUser(ctx, userID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		u, err := s.app.st.Accounts().UserByID(ctx, userID)
		if err != nil {
			return Profile{}, err
		}
		t = domain.Talent{UserID: userID, Name: u.Name, NameKana: u.NameKana, ResidenceCountry: "JP",
			TimeZone: "Asia/Tokyo", WorkStyle: domain.WorkRemote, HoursPerMonth: 20}
	} else if err != nil {
		return Profile{}, err
	}
	if t.ID != 0 {
		if err := s.app.Change(ctx, func(tx *Tx) error {
			return tx.Audit(ctx, store.AuditEvent{Action: "profile.view", SubjectType: "talent", SubjectID: t.ID})
		}); err != nil {
			return Profile{}, err
		}
	}
	return s.withConsents(ctx, userID, t)
}

// withConsents adds the person's consents and their history.
func (s *Talents) withConsents(ctx context.Context, userID int64, t domain.Talent) (Profile, error) {
	p := Profile{Talent: t, Consents: map[domain.ConsentPurpose]bool{}, Findable: map[int64]bool{}}
	st := s.app.st
	cur, err := st.Compliance().CurrentConsents(ctx, userID)
	if err != nil {
		return p, err
	}
	for purpose, c := range cur {
		p.Consents[purpose] = c.Granted
	}
	scout, err := st.Talents().ScoutConsents(ctx, userID)
	if err != nil {
		return p, err
	}
	for m, c := range scout {
		p.Findable[m] = c.Granted
	}
	if p.Municipalities, err = st.Directory().Municipalities(ctx); err != nil {
		return p, err
	}
	p.History, err = st.Compliance().ConsentHistory(ctx, userID)
	return p, err
}

// ProfileEdit is the profile form as read: the talent's details, the
// problems reading it found (a number that is not one, a place that does
// not exist), and the consents as ticked.
type ProfileEdit struct {
	Name, NameKana, Background, Country string
	Style                               domain.WorkStyle
	// Hours is the hours per month; HoursRead is false when the field
	// held no number (the problem is then among Problems).
	Hours      int
	HoursRead  bool
	Skills     []domain.TalentSkill
	SDGs       []int
	Affinities []domain.Affinity
	Problems   []domain.FieldError
	Consents   map[domain.ConsentPurpose]bool // by hub purpose
	Findable   map[int64]bool                 // by municipality id
}

// Talent is t with the edit's details, as typed (the hours only when they
// were a number).
func (e ProfileEdit) Talent(t domain.Talent) domain.Talent {
	t.Name, t.NameKana = e.Name, e.NameKana
	t.Background, t.ResidenceCountry, t.WorkStyle = e.Background, e.Country, e.Style
	if e.HoursRead {
		t.HoursPerMonth = e.Hours
	}
	t.Skills, t.SDGs, t.Affinities = e.Skills, e.SDGs, e.Affinities
	return t
}

// SaveProfile saves the signed-in person's profile and records each
// consent whose answer changed, with its time. Every problem comes back
// at once, as a validation error field by field, together with the
// profile as typed and the consents as stored, to show the form again.
func (s *Talents) SaveProfile(ctx context.Context, e ProfileEdit) (Profile, error) {
	userID, err := signedInUser(ctx)
	if err != nil {
		return Profile{}, err
	}
	t, err := s.app.st.Talents().TalentByUser(ctx, userID)
	if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
		return Profile{}, err
	}
	t = e.Talent(t)
	t.UserID = userID
	if t.TimeZone == "" {
		t.TimeZone = "Asia/Tokyo"
	}
	t.Normalize()
	// The form's own problems first: they say what was typed wrong in the
	// form's words (a country that is not in the list rather than "not a
	// two-letter code").
	v := domain.ValidationErrors{Fields: append([]domain.FieldError(nil), e.Problems...)}
	var de *domain.Error
	if err := t.Validate(); errors.As(err, &de) {
		v.Fields = append(v.Fields, de.Fields...)
	}
	if err := v.Err(); err != nil {
		p, perr := s.withConsents(ctx, userID, t)
		if perr != nil {
			return p, perr
		}
		return p, err
	}
	err = s.app.Change(ctx, func(tx *Tx) error {
		current, err := tx.Compliance().CurrentConsents(ctx, userID)
		if err != nil {
			return err
		}
		findable, err := tx.Talents().ScoutConsents(ctx, userID)
		if err != nil {
			return err
		}
		municipalities, err := tx.Directory().Municipalities(ctx)
		if err != nil {
			return err
		}
		if err := tx.Talents().SaveTalent(ctx, &t); err != nil {
			return err
		}
		// A consent is recorded only when the answer changes, with its time.
		for _, m := range municipalities {
			granted := e.Findable[m.ID]
			if c, answered := findable[m.ID]; (answered && c.Granted == granted) || (!answered && !granted) {
				continue
			}
			if err := tx.Compliance().RecordConsent(ctx, &domain.Consent{UserID: userID, MunicipalityID: m.ID,
				Purpose: domain.ConsentScout, Granted: granted}); err != nil {
				return err
			}
			if err := tx.Audit(ctx, store.AuditEvent{Action: "consent.scout", SubjectType: "user", SubjectID: userID,
				MunicipalityID: m.ID}); err != nil {
				return err
			}
		}
		for _, p := range domain.HubPurposes() {
			granted := e.Consents[p]
			if c, answered := current[p]; (answered && c.Granted == granted) || (!answered && !granted) {
				continue
			}
			if err := tx.Compliance().RecordConsent(ctx, &domain.Consent{UserID: userID, Purpose: p, Granted: granted}); err != nil {
				return err
			}
			if err := tx.Audit(ctx, store.AuditEvent{Action: "consent." + string(p), SubjectType: "user",
				SubjectID: userID}); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "profile.save", SubjectType: "talent", SubjectID: t.ID})
	})
	// Recommendations follow the saved profile at once: they score the
	// profile as read for each page.
	return Profile{Talent: t}, err
}
