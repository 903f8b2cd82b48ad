package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// scoutDesk finds the municipality and checks the person may scout there.
func (s *Pool) scoutDesk(ctx context.Context, lgcode string) (policy.Actor, domain.Municipality, error) {
	mu, err := s.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return policy.Actor{}, mu, err
	}
	a, err := s.app.Authorize(ctx, policy.ScoutTalents, policy.Resource{MunicipalityID: mu.ID})
	return a, mu, err
}

// View is the pool for the municipality's staff, filtered and ranked as
// asked: only talents who let it find them, without names or contact
// details, with their verified experience; it records that it was viewed.
func (s *Pool) View(ctx context.Context, lgcode string, q PoolQuery) (PoolView, error) {
	_, mu, err := s.scoutDesk(ctx, lgcode)
	if err != nil {
		return PoolView{}, err
	}
	return s.view(ctx, mu, q)
}

// Scout sends an offer from the signed-in staff member to a talent in the
// municipality's pool (about one of its projects, or 0 for none), who
// hears of it by notice and mail. An invalid offer comes back with the
// pool, to be shown again.
func (s *Pool) Scout(ctx context.Context, lgcode string, talentID, projectID int64, message string) (PoolView, error) {
	a, mu, err := s.scoutDesk(ctx, lgcode)
	if err != nil {
		return PoolView{}, err
	}
	if talentID < 1 {
		return PoolView{}, domain.NotFound("talent")
	}
	o := domain.ScoutOffer{MunicipalityID: mu.ID, TalentID: talentID, ProjectID: projectID, SenderID: a.UserID,
		Message: message}
	err = s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Talents().SendScout(ctx, &o); err != nil {
			return err
		}
		t, err := tx.Talents().Talent(ctx, talentID)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "pool.scout", SubjectType: "talent", SubjectID: talentID,
			MunicipalityID: mu.ID}); err != nil {
			return err
		}
		return tx.Tell(ctx, mu.ID, t.UserID, "notice.scout", map[string]any{"Municipality": mu.Name}, "/me#scouts")
	})
	if domain.ErrorCode(err) == domain.CodeInvalid {
		v, verr := s.view(ctx, mu, PoolQuery{})
		if verr != nil {
			return v, verr
		}
		return v, err
	}
	return PoolView{Municipality: mu}, err
}

// AnswerScout records the signed-in talent's answer to an offer made to
// them, and tells its sender. An interested answer opens a conversation
// with the municipality's staff, who see the talent's contact details
// only when shareContact is given with it.
func (s *Pool) AnswerScout(ctx context.Context, scoutID int64, accept, shareContact bool) error {
	userID := PrincipalFrom(ctx).UserID
	if userID == 0 {
		return ErrSignIn
	}
	if scoutID < 1 {
		return domain.NotFound("scout")
	}
	t, err := s.app.st.Talents().TalentByUser(ctx, userID)
	if err != nil {
		return err
	}
	return s.app.Change(ctx, func(tx *Tx) error {
		o, err := tx.Talents().AnswerScout(ctx, scoutID, t.ID, accept, shareContact)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, store.AuditEvent{Action: "scout." + string(o.Status), SubjectType: "scout",
			SubjectID: scoutID, MunicipalityID: o.MunicipalityID}); err != nil {
			return err
		}
		args := map[string]any{"Status": "scout.status_" + string(o.Status)}
		link := "/admin"
		if accept {
			link = "/scouts/" + strconv.FormatInt(scoutID, 10) + "/messages"
		}
		if o.SenderID == 0 {
			// The sender's account is gone: the staff who scout hear instead.
			return tx.tellStaff(ctx, o.MunicipalityID, policy.ScoutTalents, "notice.scout_answered", args, link)
		}
		return tx.Tell(ctx, o.MunicipalityID, o.SenderID, "notice.scout_answered", args, link)
	})
}
