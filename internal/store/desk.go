package store

import (
	"context"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// DeskScope says whose work a desk list is about. Each list reads in one
// query; a scope with nothing set lists nothing.
type DeskScope struct {
	HostIDs         []int64 // projects hosted by these organizations
	MunicipalityIDs []int64 // everything of these municipalities
	LeaderID        int64   // the teams this user leads
	TalentID        int64   // this talent's own
}

func (d DeskScope) empty() bool {
	return len(d.HostIDs) == 0 && len(d.MunicipalityIDs) == 0 && d.LeaderID == 0 && d.TalentID == 0
}

// deskWhere is the scope as conditions on a project p (and, for the
// leader and the talent, an engagement g and an agreement a), ANDed,
// with arguments numbered from first.
func (d DeskScope) where(first int) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, more []any) {
		conds = append(conds, cond)
		args = append(args, more...)
	}
	if len(d.HostIDs) > 0 {
		in, a := inList(d.HostIDs, first+len(args))
		add("p.host_id IN ("+in+")", a)
	}
	if len(d.MunicipalityIDs) > 0 {
		in, a := inList(d.MunicipalityIDs, first+len(args))
		add("p.municipality_id IN ("+in+")", a)
	}
	if d.LeaderID != 0 {
		in, a := inList([]int64{d.LeaderID}, first+len(args))
		add("EXISTS (SELECT 1 FROM engagement_leaders l WHERE l.engagement_id = g.id AND l.user_id = "+in+")", a)
	}
	if d.TalentID != 0 {
		in, a := inList([]int64{d.TalentID}, first+len(args))
		add("a.talent_id = "+in, a)
	}
	return strings.Join(conds, " AND "), args
}

// DeskProject is a project with its state and where it is edited.
type DeskProject struct {
	ID     int64
	LGCode string
	Title  string
	Status domain.ProjectStatus
}

// DeskProjects lists the projects of the scope (hosts or municipalities),
// in one of the statuses (none: any), newest first.
func (s Projects) DeskProjects(ctx context.Context, d DeskScope, statuses ...domain.ProjectStatus) ([]DeskProject, error) {
	if len(d.HostIDs) == 0 && len(d.MunicipalityIDs) == 0 {
		return nil, nil
	}
	cond, args := d.where(1)
	if len(statuses) > 0 {
		in, a := inList(statuses, len(args)+1)
		cond += " AND p.status IN (" + in + ")"
		args = append(args, a...)
	}
	rows, err := s.query(ctx, `SELECT p.id, m.lgcode, p.title, p.status FROM projects p
		JOIN municipalities m ON m.id = p.municipality_id WHERE `+cond+` ORDER BY p.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DeskProject
	for rows.Next() {
		var p DeskProject
		if err := rows.Scan(&p.ID, &p.LGCode, &p.Title, &p.Status); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// DeskEntry is an entry waiting for someone, with the names they know it
// by: the entrant, the program and (for a host) the project chosen.
type DeskEntry struct {
	ID           int64
	LGCode       string
	ProgramSlug  string
	ProgramTitle string
	ProgramEN    string // the program's English title, "" for none
	TalentName   string
	ProjectID    int64 // the host's project chosen; 0 when not listed by host
	ProjectTitle string
	Status       domain.EntryStatus
}

// Candidates lists the entries that chose a project of the hosts and
// stand in one of the statuses, one line per entry and project, by
// project and entrant.
func (s Entries) Candidates(ctx context.Context, hostIDs []int64, statuses []domain.EntryStatus) ([]DeskEntry, error) {
	if len(hostIDs) == 0 || len(statuses) == 0 {
		return nil, nil
	}
	hosts, args := inList(hostIDs, 1)
	sts, more := inList(statuses, len(args)+1)
	return s.deskEntries(ctx, `SELECT e.id, m.lgcode, pr.slug, pr.title, pr.title_en, t.name, p.id, p.title, e.status
		FROM entries e JOIN entry_choices c ON c.entry_id = e.id JOIN projects p ON p.id = c.project_id
		JOIN programs pr ON pr.id = e.program_id JOIN municipalities m ON m.id = e.municipality_id
		JOIN talents t ON t.id = e.talent_id
		WHERE p.host_id IN (`+hosts+`) AND e.status IN (`+sts+`) ORDER BY p.id DESC, t.name, e.id`, append(args, more...)...)
}

// AssignedToReview lists the entries assigned to the user to review that
// they have not reviewed yet and that still stand in one of the statuses,
// oldest first.
func (s Entries) AssignedToReview(ctx context.Context, userID int64, statuses []domain.EntryStatus) ([]DeskEntry, error) {
	if userID == 0 || len(statuses) == 0 {
		return nil, nil
	}
	sts, args := inList(statuses, 2)
	return s.deskEntries(ctx, `SELECT e.id, m.lgcode, pr.slug, pr.title, pr.title_en, t.name, 0, '', e.status
		FROM entry_reviewers r JOIN entries e ON e.id = r.entry_id
		JOIN programs pr ON pr.id = e.program_id JOIN municipalities m ON m.id = e.municipality_id
		JOIN talents t ON t.id = e.talent_id
		WHERE r.user_id = $1 AND e.status IN (`+sts+`)
		AND NOT EXISTS (SELECT 1 FROM entry_reviews v WHERE v.entry_id = e.id AND v.reviewer_id = $1)
		ORDER BY e.submitted_at, e.id`, append([]any{userID}, args...)...)
}

func (s Entries) deskEntries(ctx context.Context, q string, args ...any) ([]DeskEntry, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DeskEntry
	for rows.Next() {
		var e DeskEntry
		if err := rows.Scan(&e.ID, &e.LGCode, &e.ProgramSlug, &e.ProgramTitle, &e.ProgramEN, &e.TalentName, &e.ProjectID,
			&e.ProjectTitle, &e.Status); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ProgramQueue is how many entries of a program stand in a stage.
type ProgramQueue struct {
	LGCode       string
	ProgramSlug  string
	ProgramTitle string
	ProgramEN    string // the program's English title, "" for none
	Status       domain.EntryStatus
	Count        int
}

// Queues counts the entries of the municipalities' programs in each of
// the statuses, by program and status.
func (s Entries) Queues(ctx context.Context, municipalityIDs []int64, statuses []domain.EntryStatus) ([]ProgramQueue, error) {
	if len(municipalityIDs) == 0 || len(statuses) == 0 {
		return nil, nil
	}
	ms, args := inList(municipalityIDs, 1)
	sts, more := inList(statuses, len(args)+1)
	rows, err := s.query(ctx, `SELECT m.lgcode, pr.slug, pr.title, pr.title_en, e.status, COUNT(*)
		FROM entries e JOIN programs pr ON pr.id = e.program_id JOIN municipalities m ON m.id = e.municipality_id
		WHERE e.municipality_id IN (`+ms+`) AND e.status IN (`+sts+`)
		GROUP BY m.lgcode, pr.id, pr.slug, pr.title, pr.title_en, e.status ORDER BY pr.id DESC, e.status`, append(args, more...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProgramQueue
	for rows.Next() {
		var q ProgramQueue
		if err := rows.Scan(&q.LGCode, &q.ProgramSlug, &q.ProgramTitle, &q.ProgramEN, &q.Status, &q.Count); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// DeskAgreement is an agreement waiting for a party's acceptance.
type DeskAgreement struct {
	ID           int64
	ProjectTitle string
	TalentName   string
	Version      int
}

// AwaitingParty lists the agreements of the scope whose current version
// the party has not accepted, oldest first.
func (s Agreements) AwaitingParty(ctx context.Context, d DeskScope, party domain.Party) ([]DeskAgreement, error) {
	if d.empty() {
		return nil, nil
	}
	cond, args := d.where(2)
	rows, err := s.query(ctx, `SELECT a.id, p.title, t.name, a.version FROM agreements a
		JOIN projects p ON p.id = a.project_id JOIN talents t ON t.id = a.talent_id
		WHERE `+cond+` AND NOT EXISTS (SELECT 1 FROM agreement_acceptances x
			WHERE x.agreement_id = a.id AND x.version = a.version AND x.party = $1)
		ORDER BY a.id`, append([]any{party}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DeskAgreement
	for rows.Next() {
		var a DeskAgreement
		if err := rows.Scan(&a.ID, &a.ProjectTitle, &a.TalentName, &a.Version); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// DeskTeam is a team's workspace with its project's title.
type DeskTeam struct {
	ID     int64
	Title  string
	Status domain.EngagementStatus
}

// DeskTeams lists the engagements of the scope (hosts, municipalities or
// a leader's), the active first, newest first.
func (s Workspaces) DeskTeams(ctx context.Context, d DeskScope) ([]DeskTeam, error) {
	if d.empty() || d.TalentID != 0 {
		return nil, nil
	}
	cond, args := d.where(2)
	rows, err := s.query(ctx, `SELECT g.id, p.title, g.status FROM engagements g JOIN projects p ON p.id = g.project_id
		WHERE `+cond+` ORDER BY CASE WHEN g.status = $1 THEN 0 ELSE 1 END, g.started_on DESC, g.id DESC`,
		append([]any{domain.EngagementActive}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DeskTeam
	for rows.Next() {
		var t DeskTeam
		if err := rows.Scan(&t.ID, &t.Title, &t.Status); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// DeskReport is a team member's monthly report, submitted or not.
type DeskReport struct {
	EngagementID int64
	Title        string
	TalentName   string
	Month        string
	Hours        int  // 0 when not submitted
	Submitted    bool // false: the month has no report from them yet
}

// DeskReports lists, for the active teams of the scope, each member's
// report for the month: submitted ones when submitted is true, else the
// members who have not reported it (a team member is a talent whose
// agreement every party accepted). Teams started after the month are left
// out.
func (s Workspaces) DeskReports(ctx context.Context, d DeskScope, month string, submitted bool) ([]DeskReport, error) {
	if d.empty() {
		return nil, nil
	}
	cond, args := d.where(5)
	has := "NOT EXISTS"
	if submitted {
		has = "EXISTS"
	}
	rows, err := s.query(ctx, `SELECT g.id, p.title, t.name, COALESCE((SELECT r.hours FROM reports r
			WHERE r.engagement_id = g.id AND r.talent_id = a.talent_id AND r.month = $1), 0)
		FROM engagements g JOIN projects p ON p.id = g.project_id JOIN agreements a ON a.project_id = g.project_id
		JOIN talents t ON t.id = a.talent_id
		WHERE g.status = $2 AND g.started_on < $3 AND `+cond+`
		AND (SELECT COUNT(DISTINCT x.party) FROM agreement_acceptances x WHERE x.agreement_id = a.id AND x.version = a.version) = $4
		AND `+has+` (SELECT 1 FROM reports r WHERE r.engagement_id = g.id AND r.talent_id = a.talent_id AND r.month = $1)
		ORDER BY g.id, t.name, a.id`,
		append([]any{month, domain.EngagementActive, monthAfter(month), len(domain.Parties())}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DeskReport
	for rows.Next() {
		r := DeskReport{Month: month, Submitted: submitted}
		if err := rows.Scan(&r.EngagementID, &r.Title, &r.TalentName, &r.Hours); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// monthAfter is the first day of the month after a "2006-01" month, as a
// stored date; a month that cannot be read is the zero day, before every
// team's start.
func monthAfter(month string) any {
	m, err := time.ParseInLocation("2006-01", month, domain.Japan())
	if err != nil {
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return nullDate(m.AddDate(0, 1, 0))
}
