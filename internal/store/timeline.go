package store

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// ProgramPeople lists the users a program's timeline concerns: for the
// steps of selection (teams false), the talents with an entry still in
// the running or offered; for the teams' steps (teams true), the members
// of its teams and the owners of their businesses. Each once, by id.
func (s Directory) ProgramPeople(ctx context.Context, programID int64, teams bool) ([]int64, error) {
	if !teams {
		return s.queryIDs(ctx, `SELECT DISTINCT t.user_id FROM entries e JOIN talents t ON t.id = e.talent_id
			WHERE e.program_id = $1 AND t.user_id IS NOT NULL AND e.status NOT IN ($2, $3) ORDER BY t.user_id`,
			programID, domain.EntryWithdrawn, domain.EntryDeclined)
	}
	return s.queryIDs(ctx, `SELECT DISTINCT u FROM (
		SELECT t.user_id AS u FROM agreements a JOIN projects p ON p.id = a.project_id JOIN talents t ON t.id = a.talent_id
			WHERE p.program_id = $1 AND t.user_id IS NOT NULL AND `+acceptedByAll+`
		UNION SELECT m.user_id AS u FROM engagements g JOIN projects p ON p.id = g.project_id
			JOIN memberships m ON m.organization_id = p.host_id AND m.role = $2
			WHERE p.program_id = $1) people ORDER BY u`, programID, domain.RoleBusinessOwner)
}

// ClaimTimelineNotice records that a person is being told of a program's
// step and reports whether this is the first time.
func (s Directory) ClaimTimelineNotice(ctx context.Context, programID int64, step string, userID int64) (bool, error) {
	res, err := s.exec(ctx, `INSERT INTO timeline_notices (program_id, step, user_id, sent_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, programID, step, userID, s.now())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
