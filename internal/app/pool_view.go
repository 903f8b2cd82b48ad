package app

import (
	"context"
	"slices"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// PoolQuery is how the staff narrow and order the pool: by fit to one of
// their projects (0 for none, in the order talents joined), by a tie of a
// kind to a prefecture, by a skill or skill category and by hours a week.
type PoolQuery struct {
	ProjectID  int64
	Tie        domain.AffinityKind
	Prefecture string // two-digit code
	Skill      string
	WeekHours  int
}

// Experience is a completed project of a talent, with its credential.
type Experience = store.Experience

// Endorsement is what a business wrote of a talent's completed work.
type Endorsement = store.Endorsement

// PoolTalent is one talent as the pool shows them: their profile without
// name or contact, their fit to the chosen project, and their verified
// experience; reviews only when they let them be shown.
type PoolTalent struct {
	domain.Talent
	Fit        int // 0..1000, -1 when no project is chosen
	Reasons    []match.Reason
	Experience []Experience
	Reviews    []Endorsement
}

// PoolView is the shared pool as one municipality's staff see it, with
// the published projects an offer may be about and the conversations
// opened by talents who answered an offer with interest.
type PoolView struct {
	Municipality  domain.Municipality
	Query         PoolQuery
	Project       domain.Project // the one ranked for, if any
	Talents       []PoolTalent
	Projects      []domain.Project
	Places        map[int64]domain.Municipality // where the experience was gained
	Conversations []domain.ScoutOffer
}

// validate checks the query's choices are known ones, naming the field.
func (q PoolQuery) validate() error {
	var v domain.ValidationErrors
	if q.Tie != "" && !q.Tie.Valid() {
		v.Add("tie", "error.choice", "Value", string(q.Tie))
	}
	if q.Prefecture != "" {
		n, err := strconv.Atoi(q.Prefecture)
		if err != nil || len(q.Prefecture) != 2 || n < 1 || n > 47 {
			v.Add("prefecture", "error.choice", "Value", q.Prefecture)
		}
	}
	if q.WeekHours < 0 || q.WeekHours > 50 {
		v.Add("hours", "error.range", "Min", 0, "Max", 50)
	}
	return v.Err()
}

func (s *Pool) view(ctx context.Context, mu domain.Municipality, q PoolQuery) (PoolView, error) {
	v := PoolView{Municipality: mu, Query: q, Places: map[int64]domain.Municipality{}}
	page, err := s.app.st.Projects().ListProjects(ctx, store.ProjectFilter{MunicipalityID: mu.ID, Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return v, err
	}
	v.Projects = page.Projects
	if err := q.validate(); err != nil {
		return v, err
	}
	if q.ProjectID != 0 {
		i := slices.IndexFunc(v.Projects, func(p domain.Project) bool { return p.ID == q.ProjectID })
		if i < 0 {
			return v, domain.NotFound("project")
		}
		v.Project = v.Projects[i]
	}
	talents, err := s.app.st.Talents().Pool(ctx, mu.ID, store.PoolFilter{Tie: q.Tie, Prefecture: q.Prefecture,
		Skills: s.skillCodes(q.Skill), MinWeekHours: q.WeekHours})
	if err != nil {
		return v, err
	}
	if v.Talents, err = s.rank(v.Project, mu, talents); err != nil {
		return v, err
	}
	if err := s.experience(ctx, &v); err != nil {
		return v, err
	}
	if v.Conversations, err = s.app.st.Talents().AcceptedScouts(ctx, mu.ID, 50); err != nil {
		return v, err
	}
	return v, s.app.Change(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, store.AuditEvent{Action: "pool.view", SubjectType: "municipality", SubjectID: mu.ID,
			MunicipalityID: mu.ID})
	})
}

// skillCodes returns the codes a skill filter stands for: the skills of a
// category, or the one skill; none for no filter.
func (s *Pool) skillCodes(skill string) []string {
	if skill == "" {
		return nil
	}
	codes := []string{skill}
	for _, sk := range s.app.ref.SkillsIn(skill) {
		codes = append(codes, sk.Code)
	}
	return codes
}

// rank orders the talents by fit to the project, best first (ties by
// id), or keeps their order when no project is chosen.
func (s *Pool) rank(p domain.Project, mu domain.Municipality, talents []domain.Talent) ([]PoolTalent, error) {
	out := make([]PoolTalent, len(talents))
	for i, t := range talents {
		out[i] = PoolTalent{Talent: t, Fit: -1}
	}
	if p.ID == 0 || len(talents) == 0 {
		return out, nil
	}
	mt := make([]match.Talent, len(talents))
	for i, t := range talents {
		mt[i] = talentToMatch(t, s.app.ref)
	}
	ranked, err := match.TopK(MatchProject(p, mu, s.app.ref), mt, len(mt), match.DefaultWeights())
	if err != nil {
		return nil, err
	}
	byID := make(map[string]int, len(out))
	for i, t := range talents {
		byID[strconv.FormatInt(t.ID, 10)] = i
	}
	sorted := make([]PoolTalent, 0, len(out))
	for _, r := range ranked {
		t := out[byID[r.TalentID]]
		t.Fit, t.Reasons = r.Score, r.Reasons
		sorted = append(sorted, t)
	}
	return sorted, nil
}

// experience adds the talents' completed projects with their credentials
// and, where they allow it, their reviews: two queries for the whole page.
func (s *Pool) experience(ctx context.Context, v *PoolView) error {
	ids := make([]int64, len(v.Talents))
	at := make(map[int64]int, len(v.Talents))
	for i, t := range v.Talents {
		ids[i], at[t.ID] = t.ID, i
	}
	xs, err := s.app.st.Talents().Experiences(ctx, ids)
	if err != nil {
		return err
	}
	n := newHubNames(s.app.st)
	for _, x := range xs {
		v.Talents[at[x.TalentID]].Experience = append(v.Talents[at[x.TalentID]].Experience, x)
		if _, ok := v.Places[x.MunicipalityID]; !ok {
			if v.Places[x.MunicipalityID], err = n.municipality(ctx, x.MunicipalityID); err != nil {
				return err
			}
		}
	}
	rs, err := s.app.st.Talents().Endorsements(ctx, ids)
	if err != nil {
		return err
	}
	for _, r := range rs {
		v.Talents[at[r.TalentID]].Reviews = append(v.Talents[at[r.TalentID]].Reviews, r)
	}
	return nil
}
