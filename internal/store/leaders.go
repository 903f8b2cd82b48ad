package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// TeamLeader is a leader side-jobber assigned to facilitate a team.
type TeamLeader struct {
	EngagementID int64
	UserID       int64
	Name         string
}

// AssignTeamLeader puts a person on a team as its leader; assigning twice
// is harmless.
func (s Workspaces) AssignTeamLeader(ctx context.Context, engagementID, userID int64) error {
	g, err := s.Engagement(ctx, engagementID)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, `INSERT INTO engagement_leaders (engagement_id, user_id, municipality_id, assigned_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (engagement_id, user_id) DO NOTHING`, g.ID, userID, g.MunicipalityID, s.now())
	return mapError(err, "leader")
}

// UnassignTeamLeader takes a leader off a team.
func (s Workspaces) UnassignTeamLeader(ctx context.Context, engagementID, userID int64) error {
	_, err := s.exec(ctx, `DELETE FROM engagement_leaders WHERE engagement_id = $1 AND user_id = $2`, engagementID, userID)
	return err
}

// TeamLeaders lists the leaders of one team (engagementID), or of every
// team of a municipality when engagementID is 0.
func (s Workspaces) TeamLeaders(ctx context.Context, municipalityID, engagementID int64) ([]TeamLeader, error) {
	q := `SELECT l.engagement_id, l.user_id, u.name FROM engagement_leaders l JOIN users u ON u.id = l.user_id WHERE `
	arg := engagementID
	if engagementID != 0 {
		q += `l.engagement_id = $1`
	} else {
		q += `l.municipality_id = $1`
		arg = municipalityID
	}
	rows, err := s.query(ctx, q+` ORDER BY l.engagement_id, u.name, u.id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TeamLeader
	for rows.Next() {
		var l TeamLeader
		if err := rows.Scan(&l.EngagementID, &l.UserID, &l.Name); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// LeaderCandidates lists the municipality's leader side-jobbers, who may
// be assigned to lead its teams.
func (s Workspaces) LeaderCandidates(ctx context.Context, municipalityID int64) ([]Screener, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT u.id, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.municipality_id = $1 AND m.role = $2 ORDER BY u.name, u.id`, municipalityID, domain.RoleLeaderTalent)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Screener
	for rows.Next() {
		var sc Screener
		if err := rows.Scan(&sc.UserID, &sc.Name, &sc.Role); err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// IsReviewer reports whether the person is assigned to review the entry.
func (s Entries) IsReviewer(ctx context.Context, entryID, userID int64) (bool, error) {
	var one int
	err := s.queryRow(ctx, `SELECT 1 FROM entry_reviewers WHERE entry_id = $1 AND user_id = $2`, entryID, userID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
