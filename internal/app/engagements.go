package app

import (
	"context"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Engagements runs the work of teams after 合意: for now, reminding late
// monthly reports.
type Engagements struct{ app *App }

// ReportGraceDays is how many days into the next month a report may come
// before it is reminded.
const ReportGraceDays = 5

// RemindLateReports tells each talent whose monthly report is late, once
// per report: the claim, the notice and the mail with its delivery job
// are one transaction, so a crash never loses or repeats a reminder. It
// returns how many were reminded.
func (s *Engagements) RemindLateReports(ctx context.Context) (int, error) {
	late, err := s.app.st.Workspaces().LateReports(ctx, s.app.now(), ReportGraceDays)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, l := range late {
		err := s.app.Change(ctx, func(tx *Tx) error {
			first, err := tx.Workspaces().ClaimReminder(ctx, l)
			if err != nil || !first {
				return err
			}
			sent++
			return tx.remindLateReport(ctx, l)
		})
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// remindLateReport tells one talent that a month's report is missing,
// and the staff who follow teams.
func (tx *Tx) remindLateReport(ctx context.Context, l store.LateReport) error {
	g, err := tx.Workspaces().Engagement(ctx, l.EngagementID)
	if err != nil {
		return err
	}
	p, err := tx.Projects().Project(ctx, g.ProjectID)
	if err != nil {
		return err
	}
	args := map[string]any{"Title": p.Title, "Month": l.Month}
	if err := tx.Tell(ctx, l.MunicipalityID, l.UserID, "notice.report_late", args,
		workspaceURL(g.ID, "reports")); err != nil {
		return err
	}
	// The staff who follow the municipality's teams hear of it too.
	return tx.tellStaff(ctx, l.MunicipalityID, policy.ManageTeams, "notice.report_late_staff", args,
		workspaceURL(g.ID, "reports"))
}

// workspaceURL is a team's workspace, opened at the part that changed.
func workspaceURL(id int64, done string) string {
	return "/engagements/" + strconv.FormatInt(id, 10) + "?done=" + done + "#" + done
}
