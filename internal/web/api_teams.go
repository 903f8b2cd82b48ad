package web

import (
	"net/http"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// apiTalentRef names a member of a team.
type apiTalentRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// apiReport is a talent's monthly report, as the workspace shows it.
type apiReport struct {
	ID          int64        `json:"id"`
	Month       string       `json:"month"`
	Talent      apiTalentRef `json:"talent"`
	Hours       int          `json:"hours"`
	Done        string       `json:"done"`
	Next        string       `json:"next"`
	Blockers    string       `json:"blockers"`
	SubmittedAt time.Time    `json:"submitted_at"`
}

type apiTeamRef struct {
	ID           int64  `json:"id"`
	Status       string `json:"status"`
	ProjectID    int64  `json:"project_id"`
	ProjectTitle string `json:"project_title"`
	Municipality string `json:"municipality"` // its lgcode
}

type apiReportList struct {
	Engagement apiTeamRef  `json:"engagement"`
	Reports    []apiReport `json:"reports"`
}

// apiReports is GET /api/v1/engagements/{id}/reports: the team's monthly
// reports, newest month first, for everyone who may read them in its
// workspace; the team does not exist for anyone else.
func (s teamPages) apiReports(r *http.Request, lang i18n.Lang) (any, error) {
	tr, err := s.app.Engagements.Reports(r.Context(), engagementID(r))
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, m := range tr.Team {
		names[m.TalentID] = m.Name
	}
	g := tr.Engagement
	out := apiReportList{Engagement: apiTeamRef{ID: g.ID, Status: string(g.Status), ProjectID: tr.Project.ID,
		ProjectTitle: tr.Project.Title, Municipality: tr.Municipality.LGCode}, Reports: make([]apiReport, len(tr.Reports))}
	for i, rp := range tr.Reports {
		out.Reports[i] = apiReport{ID: rp.ID, Month: rp.Month, Talent: apiTalentRef{ID: rp.TalentID, Name: names[rp.TalentID]},
			Hours: rp.Hours, Done: rp.Done, Next: rp.Next, Blockers: rp.Blockers, SubmittedAt: rp.SubmittedAt.UTC()}
	}
	return out, nil
}
