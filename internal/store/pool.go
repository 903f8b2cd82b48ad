package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// ScoutConsents gives, per municipality, the talent's newest answer to
// being found by its staff.
func (s Talents) ScoutConsents(ctx context.Context, userID int64) (map[int64]domain.Consent, error) {
	hist, err := Compliance(s).ConsentHistory(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := map[int64]domain.Consent{}
	for _, c := range hist {
		if c.Purpose != domain.ConsentScout || c.MunicipalityID == 0 {
			continue
		}
		if _, seen := out[c.MunicipalityID]; !seen {
			out[c.MunicipalityID] = c
		}
	}
	return out, nil
}

// findable is the condition that the talent t's newest answer lets the
// municipality (the argument numbered n) find them: scout_findable holds
// those pairs, kept in step with the consents log and the profiles'
// accounts by triggers (migration 00030).
func findable(n int) string {
	return `EXISTS (SELECT 1 FROM scout_findable f WHERE f.talent_id = t.id AND f.municipality_id = $` +
		strconv.Itoa(n) + `)`
}

// PoolFilter narrows the pool: by a tie of a kind (any kind when empty) to
// a prefecture (its two-digit code; any place when empty), by holding any
// of some skills (a skill, or the skills of a category; any when empty),
// and by hours a week at least.
type PoolFilter struct {
	Tie          domain.AffinityKind
	Prefecture   string
	Skills       []string
	MinWeekHours int
	Limit        int // at most this many, lowest ids first; 0 for PoolLimit
}

// PoolLimit bounds one look at the pool.
const PoolLimit = 500

// Pool lists the talents whose newest answer lets the municipality's staff
// find them and who match the filter, with their skills, interests and
// ties, in four queries. Only they are ever shown to the municipality.
func (s Talents) Pool(ctx context.Context, municipalityID int64, f PoolFilter) ([]domain.Talent, error) {
	// Driven by scout_findable in talent order; each filter is checked in
	// an index by talent.
	where, args := []string{`f.municipality_id = $1`}, []any{municipalityID}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Tie != "" || f.Prefecture != "" {
		cond := `EXISTS (SELECT 1 FROM talent_affinities a WHERE a.talent_id = f.talent_id`
		if f.Tie != "" {
			cond += ` AND a.kind = ` + arg(string(f.Tie))
		}
		if f.Prefecture != "" {
			// A prefecture's codes as a range of the lgcode index: LIKE
			// with a prefix cannot use it under PostgreSQL's collation.
			from, to := prefectureCodes(f.Prefecture)
			cond += ` AND a.lgcode >= ` + arg(from) + ` AND a.lgcode < ` + arg(to)
		}
		where = append(where, cond+`)`)
	}
	if len(f.Skills) > 0 {
		codes := make([]string, len(f.Skills))
		for i, c := range f.Skills {
			codes[i] = arg(c)
		}
		where = append(where, `EXISTS (SELECT 1 FROM talent_skills k WHERE k.talent_id = f.talent_id AND k.skill_code IN (`+
			strings.Join(codes, ", ")+`))`)
	}
	if f.MinWeekHours > 0 {
		// A month is counted as four weeks, as the profile form says.
		where = append(where, `EXISTS (SELECT 1 FROM talents t WHERE t.id = f.talent_id AND t.hours_per_month >= `+
			arg(4*f.MinWeekHours)+`)`)
	}
	limit := f.Limit
	if limit <= 0 || limit > PoolLimit {
		limit = PoolLimit
	}
	ids, err := s.queryIDs(ctx, `SELECT f.talent_id FROM scout_findable f WHERE `+strings.Join(where, " AND ")+
		` ORDER BY f.talent_id LIMIT `+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, err
	}
	return s.talentsByID(ctx, ids)
}

// InPool reports whether a talent may currently be found by the
// municipality.
func (s Talents) InPool(ctx context.Context, municipalityID, talentID int64) (bool, error) {
	ids, err := s.queryIDs(ctx, `SELECT t.id FROM talents t WHERE t.id = $2 AND `+findable(1), municipalityID, talentID)
	return len(ids) == 1, err
}

// SendScout records an offer to a talent in the municipality's pool.
func (s Talents) SendScout(ctx context.Context, o *domain.ScoutOffer) error {
	if err := o.Validate(); err != nil {
		return err
	}
	ok, err := s.InPool(ctx, o.MunicipalityID, o.TalentID)
	if err != nil {
		return err
	}
	if !ok {
		return domain.NotFound("talent")
	}
	o.Status, o.CreatedAt = domain.ScoutSent, s.now()
	id, err := s.insertID(ctx, `INSERT INTO scout_offers (municipality_id, talent_id, project_id, sender_id, message, status,
		created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, o.MunicipalityID, o.TalentID, nullID(o.ProjectID), nullID(o.SenderID),
		o.Message, o.Status, o.CreatedAt)
	o.ID = id
	return err
}

const scoutColumns = `id, municipality_id, talent_id, COALESCE(project_id, 0), COALESCE(sender_id, 0), message, status,
	created_at, answered_at, share_contact`

func scanScout(row interface{ Scan(...any) error }) (domain.ScoutOffer, error) {
	var o domain.ScoutOffer
	var answered sql.NullTime
	err := row.Scan(&o.ID, &o.MunicipalityID, &o.TalentID, &o.ProjectID, &o.SenderID, &o.Message, &o.Status, &o.CreatedAt, &answered,
		&o.ShareContact)
	o.CreatedAt = o.CreatedAt.UTC()
	if answered.Valid {
		o.AnsweredAt = answered.Time.UTC()
	}
	return o, err
}

// ScoutsOf lists the offers a talent received, newest first.
func (s Talents) ScoutsOf(ctx context.Context, talentID int64) ([]domain.ScoutOffer, error) {
	rows, err := s.query(ctx, `SELECT `+scoutColumns+` FROM scout_offers WHERE talent_id = $1 ORDER BY created_at DESC, id DESC`, talentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.ScoutOffer
	for rows.Next() {
		o, err := scanScout(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Scout loads one offer.
func (s Talents) Scout(ctx context.Context, id int64) (domain.ScoutOffer, error) {
	o, err := scanScout(s.queryRow(ctx, `SELECT `+scoutColumns+` FROM scout_offers WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, domain.NotFound("scout")
	}
	return o, err
}

// AcceptedScouts lists the offers of a municipality its talents answered
// with interest, newest answer first: the open conversations of its staff.
func (s Talents) AcceptedScouts(ctx context.Context, municipalityID int64, limit int) ([]domain.ScoutOffer, error) {
	rows, err := s.query(ctx, `SELECT `+scoutColumns+` FROM scout_offers WHERE municipality_id = $1 AND status = $2
		ORDER BY answered_at DESC, id DESC LIMIT $3`, municipalityID, domain.ScoutAccepted, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.ScoutOffer
	for rows.Next() {
		o, err := scanScout(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// AnswerScout records the talent's answer to an offer made to them and,
// with an interested answer, whether the sender may see their contact
// details.
func (s Talents) AnswerScout(ctx context.Context, id, talentID int64, accept, shareContact bool) (domain.ScoutOffer, error) {
	o, err := s.Scout(ctx, id)
	if domain.ErrorCode(err) == domain.CodeNotFound || (err == nil && o.TalentID != talentID) {
		return o, domain.NotFound("scout")
	}
	if err != nil {
		return o, err
	}
	if o.Status != domain.ScoutSent {
		return o, domain.Errorf(domain.CodeConflict, "error.scout_answered")
	}
	o.Status = domain.ScoutDeclined
	if accept {
		o.Status = domain.ScoutAccepted
	}
	o.AnsweredAt, o.ShareContact = s.now(), accept && shareContact
	_, err = s.exec(ctx, `UPDATE scout_offers SET status = $1, answered_at = $2, share_contact = $3 WHERE id = $4`,
		o.Status, o.AnsweredAt, o.ShareContact, id)
	return o, err
}

// prefectureCodes is the range [from, to) of the municipality codes of a
// prefecture given as its two digits ("13": 130000 up to 140000).
func prefectureCodes(pref string) (from, to string) {
	n, err := strconv.Atoi(pref)
	if err != nil || len(pref) != 2 {
		return pref, pref // matches nothing
	}
	return pref, fmt.Sprintf("%02d", n+1)
}
