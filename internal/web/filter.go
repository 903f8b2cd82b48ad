package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

const pageSize = 20

// listQuery is the project list's filters as the user gave them, kept so the
// form shows them back even when one is wrong.
type listQuery struct {
	Program      string
	SDG          string
	Skill        string // a skill category code
	Style        string
	Reward       string
	Municipality string // lgcode
	Page         int
}

func readListQuery(q url.Values) listQuery {
	lq := listQuery{
		Program:      strings.TrimSpace(q.Get("program")),
		SDG:          strings.TrimSpace(q.Get("sdg")),
		Skill:        strings.TrimSpace(q.Get("skill")),
		Style:        strings.TrimSpace(q.Get("style")),
		Reward:       strings.TrimSpace(q.Get("reward")),
		Municipality: domain.NormalizeText(q.Get("municipality")),
		Page:         1,
	}
	return lq
}

// filter checks every value and turns the query into a store filter. The
// first bad value gives an invalid error naming its parameter.
func (s *Server) filter(h *hub, q url.Values) (listQuery, store.ProjectFilter, error) {
	lq := readListQuery(q)
	f := store.ProjectFilter{Limit: pageSize}
	if p := strings.TrimSpace(q.Get("page")); p != "" {
		n, err := strconv.Atoi(domain.NormalizeText(p))
		if err != nil || n < 1 || n > 100000 {
			return lq, f, invalidParam("page", "error.filter_page", "Value", p)
		}
		lq.Page = n
	}
	f.Offset = (lq.Page - 1) * pageSize
	if lq.Program != "" {
		found := false
		for _, p := range h.progList {
			if p.Slug == lq.Program {
				f.ProgramID, found = p.ID, true
			}
		}
		if !found {
			return lq, f, invalidParam("program", "error.filter_program", "Value", lq.Program)
		}
	}
	if lq.SDG != "" {
		n, err := strconv.Atoi(domain.NormalizeText(lq.SDG))
		if err != nil || n < 1 || n > 17 {
			return lq, f, invalidParam("sdg", "error.filter_sdg", "Value", lq.SDG)
		}
		f.SDG = n
	}
	if lq.Skill != "" {
		skills := s.ref.SkillsIn(lq.Skill)
		if len(skills) == 0 {
			return lq, f, invalidParam("skill", "error.filter_skill", "Value", lq.Skill)
		}
		for _, sk := range skills {
			f.SkillCodes = append(f.SkillCodes, sk.Code)
		}
	}
	if lq.Style != "" {
		if !domain.WorkStyle(lq.Style).Valid() {
			return lq, f, invalidParam("style", "error.filter_style", "Value", lq.Style)
		}
		f.WorkStyle = domain.WorkStyle(lq.Style)
	}
	if lq.Reward != "" {
		if !domain.RewardType(lq.Reward).Valid() {
			return lq, f, invalidParam("reward", "error.filter_reward", "Value", lq.Reward)
		}
		f.RewardType = domain.RewardType(lq.Reward)
	}
	if lq.Municipality != "" {
		if err := domain.ValidateLGCode(lq.Municipality); err != nil {
			e := err.(*domain.Error)
			return lq, f, invalidParam("municipality", e.Key, "Value", lq.Municipality)
		}
		if _, ok := s.ref.Municipality(lq.Municipality); !ok {
			return lq, f, invalidParam("municipality", "error.lgcode_unknown", "Value", lq.Municipality)
		}
		f.MunicipalityID = -1 // a real municipality that has not joined the hub: nothing matches
		for _, m := range h.munList {
			if m.LGCode == lq.Municipality {
				f.MunicipalityID = m.ID
			}
		}
	}
	return lq, f, nil
}
