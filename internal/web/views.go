package web

import (
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
	StepList     []domain.TimelineStep // its timeline, the current step marked
	Stats        programStats
}

type programStats struct {
	Projects, Entries, EntrantsInside, EntrantsOutside int
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
