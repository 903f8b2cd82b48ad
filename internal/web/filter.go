package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/search"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

const pageSize = 20

// listQuery is the project list's filters as the user gave them, kept so the
// form shows them back even when one is wrong.
type listQuery struct {
	Q            string
	Program      string
	SDG          string
	Skill        string // a skill category code
	Style        string
	Reward       string
	Hours        string // a band, see domain.HoursBand
	Municipality string // lgcode
	Page         int
}

func readListQuery(q url.Values) listQuery {
	return listQuery{
		Q:            strings.TrimSpace(q.Get("q")),
		Program:      strings.TrimSpace(q.Get("program")),
		SDG:          domain.NormalizeText(q.Get("sdg")),
		Skill:        strings.TrimSpace(q.Get("skill")),
		Style:        strings.TrimSpace(q.Get("style")),
		Reward:       strings.TrimSpace(q.Get("reward")),
		Hours:        domain.NormalizeText(q.Get("hours")),
		Municipality: domain.NormalizeText(q.Get("municipality")),
		Page:         1,
	}
}

// listRequest is a checked list query: the store filter, and the parsed
// search for highlighting and for showing what was searched.
type listRequest struct {
	Query  listQuery
	Filter store.ProjectFilter
	Search search.Query
	// Problems are malformed parts of the search text; the search still runs.
	Problems []search.Problem
}

// filter checks every value and turns the query into a store filter. The
// first bad value gives an invalid error naming its parameter.
func (s *Server) filter(ctx context.Context, h *hub, q url.Values) (listRequest, error) {
	lr := listRequest{Query: readListQuery(q), Filter: store.ProjectFilter{Limit: pageSize}}
	lq, f := &lr.Query, &lr.Filter
	if p := domain.NormalizeText(q.Get("page")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 100000 {
			return lr, invalidParam("page", "error.filter_page", "Value", p)
		}
		lq.Page = n
	}
	f.Offset = (lq.Page - 1) * pageSize
	if lq.Program != "" {
		f.ProgramID = -1
		for _, p := range h.progList {
			if p.Slug == lq.Program {
				f.ProgramID = p.ID
			}
		}
		if f.ProgramID == -1 {
			return lr, invalidParam("program", "error.filter_program", "Value", lq.Program)
		}
	}
	if lq.SDG != "" {
		n, err := strconv.Atoi(lq.SDG)
		if err != nil || n < 1 || n > 17 {
			return lr, invalidParam("sdg", "error.filter_sdg", "Value", lq.SDG)
		}
		f.SDG = n
	}
	if lq.Skill != "" {
		skills := s.ref.SkillsIn(lq.Skill)
		if len(skills) == 0 {
			return lr, invalidParam("skill", "error.filter_skill", "Value", lq.Skill)
		}
		for _, sk := range skills {
			f.SkillCodes = append(f.SkillCodes, sk.Code)
		}
	}
	if lq.Style != "" {
		if !domain.WorkStyle(lq.Style).Valid() {
			return lr, invalidParam("style", "error.filter_style", "Value", lq.Style)
		}
		f.WorkStyle = domain.WorkStyle(lq.Style)
	}
	if lq.Reward != "" {
		if !domain.RewardType(lq.Reward).Valid() {
			return lr, invalidParam("reward", "error.filter_reward", "Value", lq.Reward)
		}
		f.RewardType = domain.RewardType(lq.Reward)
	}
	if lq.Hours != "" {
		n, err := strconv.Atoi(lq.Hours)
		if err != nil || n < 1 || n > 4 {
			return lr, invalidParam("hours", "error.filter_hours", "Value", lq.Hours)
		}
		f.HoursBand = n
	}
	if lq.Municipality != "" {
		if err := domain.ValidateLGCode(lq.Municipality); err != nil {
			key, _ := domain.ErrorKey(err)
			return lr, invalidParam("municipality", key, "Value", lq.Municipality)
		}
		if _, ok := s.ref.Municipality(lq.Municipality); !ok {
			return lr, invalidParam("municipality", "error.lgcode_unknown", "Value", lq.Municipality)
		}
		f.MunicipalityID = -1 // a real municipality that has not joined the hub: nothing matches
		for _, m := range h.munList {
			if m.LGCode == lq.Municipality {
				f.MunicipalityID = m.ID
			}
		}
	}
	if lq.Q != "" {
		if len([]rune(lq.Q)) > 200 {
			return lr, invalidParam("q", "error.query_too_long", "Max", 200)
		}
		an, err := s.search.Get(ctx)
		if err != nil {
			return lr, err
		}
		lr.Search = an.Parse(lq.Q)
		lr.Problems = lr.Search.Problems()
		if !lr.Search.Empty() {
			match, exclude := lr.Search.FTS5()
			f.Search = store.Search{FTS5Match: match, FTS5Exclude: exclude, TSQuery: lr.Search.TSQuery()}
		}
	}
	return lr, nil
}
