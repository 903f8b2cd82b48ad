package web

import (
	"context"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/match"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// poolMaxAge is how long the talent pool behind scores is reused: skill
// rarity across the pool changes slowly, so a recommendation may use a
// pool a few minutes old; a talent missing from it rebuilds it at once.
const poolMaxAge = 10 * time.Minute

// talentPool caches the matching engine's pool of every talent profile.
type talentPool struct {
	mu    sync.Mutex
	pool  *match.Pool
	built time.Time
}

func (tp *talentPool) get(ctx context.Context, st *store.Store, ref *refdata.Data, need string) (*match.Pool, error) {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	fresh := tp.pool != nil && time.Since(tp.built) < poolMaxAge
	if fresh && (need == "" || tp.pool.Has(need)) {
		return tp.pool, nil
	}
	talents, err := st.TalentsForMatching(ctx)
	if err != nil {
		return nil, err
	}
	in := make([]match.Talent, len(talents))
	for i, t := range talents {
		in[i] = matchTalent(t, ref)
	}
	p, err := match.NewPool(in)
	if err != nil {
		return nil, err
	}
	tp.pool, tp.built = p, time.Now()
	return p, nil
}

// matchTalent is what the engine needs of a profile: where the person lives
// comes from their "lives" tie.
func matchTalent(t domain.Talent, ref *refdata.Data) match.Talent {
	mt := match.Talent{ID: strconv.FormatInt(t.ID, 10), SDGs: t.SDGs, HoursPerMonth: min(t.HoursPerMonth, 255),
		RemoteOnly: t.WorkStyle == domain.WorkRemote}
	for _, s := range t.Skills {
		mt.Skills = append(mt.Skills, match.Skill{Code: s.Code, Level: s.Level})
	}
	kinds := map[domain.AffinityKind]match.AffinityKind{domain.AffinityLives: match.Lives, domain.AffinityWorks: match.Works,
		domain.AffinityBorn: match.Born, domain.AffinitySupporter: match.Supporter}
	for _, a := range t.Affinities {
		mt.Affinities = append(mt.Affinities, match.Affinity{LGCode: a.LGCode, Kind: kinds[a.Kind]})
		if m, ok := ref.Municipality(a.LGCode); ok && a.Kind == domain.AffinityLives {
			mt.Home = match.Location{Lat: m.Lat, Lng: m.Lng, Valid: true}
		}
	}
	return mt
}

// matchProject is what the engine needs of a project; required and
// preferred skills are asked at the practical level.
func matchProject(p domain.Project, m domain.Municipality, ref *refdata.Data) match.Project {
	mp := match.Project{ID: strconv.FormatInt(p.ID, 10), SDGs: p.SDGs, HoursPerMonth: min(p.HoursPerMonth, 255),
		LGCode: m.LGCode}
	for _, c := range p.RequiredSkills {
		mp.RequiredSkills = append(mp.RequiredSkills, match.Skill{Code: c, Level: 2})
	}
	for _, c := range p.PreferredSkills {
		mp.PreferredSkills = append(mp.PreferredSkills, match.Skill{Code: c, Level: 2})
	}
	switch p.WorkStyle {
	case domain.WorkOnSite:
		mp.WorkStyle = match.OnSite
	case domain.WorkHybrid:
		mp.WorkStyle = match.Hybrid
	default:
		mp.WorkStyle = match.Remote
	}
	if r, ok := ref.Municipality(m.LGCode); ok {
		mp.Place = match.Location{Lat: r.Lat, Lng: r.Lng, Valid: true}
	}
	return mp
}

// recommendation is a project suggested to a talent, with why.
type recommendation struct {
	Project projectView
	Score   int
	Reasons []string
}

// recommend scores the published projects of open programs for a talent and
// keeps the best n, each with its reasons in the page's language.
func (s *Server) recommend(ctx context.Context, lang i18n.Lang, t domain.Talent, n int) ([]recommendation, error) {
	h, err := s.loadHub(ctx)
	if err != nil {
		return nil, err
	}
	pool, err := s.pool.get(ctx, s.store, s.ref, strconv.FormatInt(t.ID, 10))
	if err != nil {
		return nil, err
	}
	page, err := s.store.ListProjects(ctx, store.ProjectFilter{Limit: 100,
		Statuses: []domain.ProjectStatus{domain.ProjectPublished}})
	if err != nil {
		return nil, err
	}
	type scored struct {
		p domain.Project
		r match.Ranked
	}
	var all []scored
	now := s.now()
	for _, p := range page.Projects {
		if prog := h.programs[p.ProgramID]; prog.Phase(now) != domain.PhaseOpen {
			continue
		}
		r, err := pool.Score(matchProject(p, h.municipalities[p.MunicipalityID], s.ref), strconv.FormatInt(t.ID, 10),
			match.DefaultWeights())
		if err != nil {
			return nil, err
		}
		all = append(all, scored{p, r})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].r.Score > all[j].r.Score })
	all = all[:min(n, len(all))]
	projects := make([]domain.Project, len(all))
	for i, a := range all {
		projects[i] = a.p
	}
	views, err := s.projectViews(ctx, h, projects)
	if err != nil {
		return nil, err
	}
	out := make([]recommendation, len(all))
	for i, a := range all {
		out[i] = recommendation{Project: views[i], Score: a.r.Score}
		for _, reason := range a.r.Reasons {
			text := reason.JA()
			if lang == i18n.English {
				text = reason.EN()
			}
			out[i].Reasons = append(out[i].Reasons, text)
		}
	}
	return out, nil
}
