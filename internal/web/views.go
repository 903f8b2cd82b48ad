package web

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"github.com/tsunagu-hub/tsunagu/internal/search"
)

// projectView is a project with what a page shows beside it.
type projectView struct {
	domain.Project
	Host         domain.Organization
	Municipality domain.Municipality
	Program      domain.Program
	Goals        []refdata.SDG
	Required     []refdata.Skill
	Preferred    []refdata.Skill
	// TitleHL and SnippetHL are set when the list was searched.
	TitleHL   []search.Segment
	SnippetHL []search.Segment
}

// programView is a program with its hosts and figures.
type programView struct {
	domain.Program
	Municipality domain.Municipality
	Hosts        []domain.Organization
	Phase        domain.ProgramPhase
	Stats        programStats
}

type programStats struct {
	Projects, Entries, EntrantsInside, EntrantsOutside int
}

// hub is the small, slowly changing context every page needs: the hub's
// municipalities and programs by id.
type hub struct {
	municipalities map[int64]domain.Municipality
	programs       map[int64]domain.Program
	munList        []domain.Municipality
	progList       []domain.Program
}

func (s *kit) loadHub(ctx context.Context) (*hub, error) {
	ms, err := s.app.Hub.Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	ps, err := s.app.Hub.Programs(ctx, 0)
	if err != nil {
		return nil, err
	}
	h := &hub{municipalities: map[int64]domain.Municipality{}, programs: map[int64]domain.Program{},
		munList: ms, progList: ps}
	for _, m := range ms {
		h.municipalities[m.ID] = m
	}
	for _, p := range ps {
		h.programs[p.ID] = p
	}
	return h, nil
}

func (s *kit) projectViews(ctx context.Context, h *hub, projects []domain.Project) ([]projectView, error) {
	ids := make([]int64, 0, len(projects))
	for _, p := range projects {
		ids = append(ids, p.HostID)
	}
	hosts, err := s.app.Hub.Organizations(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]projectView, len(projects))
	for i, p := range projects {
		out[i] = s.cardView(app.ProjectCard{Project: p, Host: hosts[p.HostID], Municipality: h.municipalities[p.MunicipalityID],
			Program: h.programs[p.ProgramID]})
	}
	return out, nil
}

func (s *kit) skills(codes []string) []refdata.Skill {
	var out []refdata.Skill
	for _, c := range codes {
		if sk, ok := s.ref.Skill(c); ok {
			out = append(out, sk)
		}
	}
	return out
}
