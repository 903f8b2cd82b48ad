package store

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Story is a completed project told publicly: the business consented and
// so did every talent of the team.
type Story struct {
	Engagement domain.Engagement
	Project    domain.Project
	Host       domain.Organization
	Talents    []string
	Outcomes   []domain.Indicator
	Reviews    []domain.TeamReview
}

// Stories lists the completed engagements that may be told publicly,
// newest first; municipalityID 0 means every municipality.
func (s Community) Stories(ctx context.Context, municipalityID int64) ([]Story, error) {
	s.core = s.replicaSafe(ctx)
	gs, err := Workspaces(s).Engagements(ctx, municipalityID)
	if err != nil {
		return nil, err
	}
	var out []Story
	for _, g := range gs {
		st, ok, err := s.story(ctx, g)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, st)
		}
	}
	return out, nil
}

// StoryOf is one engagement's story, or not found when it may not be told.
func (s Community) StoryOf(ctx context.Context, engagementID int64) (Story, error) {
	s.core = s.replicaSafe(ctx)
	g, err := Workspaces(s).Engagement(ctx, engagementID)
	if err != nil {
		return Story{}, err
	}
	st, ok, err := s.story(ctx, g)
	if err == nil && !ok {
		err = domain.NotFound("story")
	}
	return st, err
}

func (s Community) story(ctx context.Context, g domain.Engagement) (Story, bool, error) {
	st := Story{Engagement: g}
	if g.Status != domain.EngagementCompleted || !g.StoryConsent {
		return st, false, nil
	}
	team, err := Workspaces(s).Team(ctx, g)
	if err != nil || len(team) == 0 {
		return st, false, err
	}
	for _, m := range team {
		if m.UserID == 0 {
			return st, false, nil
		}
		cur, err := Compliance(s).CurrentConsents(ctx, m.UserID)
		if err != nil {
			return st, false, err
		}
		if !cur[domain.ConsentStory].Granted {
			return st, false, nil
		}
		st.Talents = append(st.Talents, m.Name)
	}
	if st.Project, err = Projects(s).Project(ctx, g.ProjectID); err != nil {
		return st, false, err
	}
	if st.Host, err = Directory(s).Organization(ctx, st.Project.HostID); err != nil {
		return st, false, err
	}
	ins, err := Workspaces(s).Indicators(ctx, g.ID)
	if err != nil {
		return st, false, err
	}
	for _, in := range ins {
		if in.HasResult() {
			st.Outcomes = append(st.Outcomes, in)
		}
	}
	if st.Reviews, err = Workspaces(s).TeamReviews(ctx, g.ID); err != nil {
		return st, false, err
	}
	return st, true, nil
}
