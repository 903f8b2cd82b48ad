package web

import (
	"net/http"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

func (s *Server) apiPrograms(r *http.Request, lang i18n.Lang) (any, error) {
	ctx := r.Context()
	h, err := s.loadHub(ctx)
	if err != nil {
		return nil, err
	}
	out := []apiProgram{}
	for _, p := range h.progList {
		v, err := s.programView(ctx, h, p)
		if err != nil {
			return nil, err
		}
		out = append(out, toAPIProgram(v))
	}
	return map[string]any{"programs": out}, nil
}

func (s *Server) apiProgram(r *http.Request, lang i18n.Lang) (any, error) {
	ctx := r.Context()
	p, err := s.store.ProgramBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	h, err := s.loadHub(ctx)
	if err != nil {
		return nil, err
	}
	v, err := s.programView(ctx, h, p)
	if err != nil {
		return nil, err
	}
	return toAPIProgram(v), nil
}

func (s *Server) apiProjects(r *http.Request, lang i18n.Lang) (any, error) {
	ctx := r.Context()
	h, err := s.loadHub(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.runList(ctx, h, r.URL.Query())
	if err != nil {
		return nil, err
	}
	out := apiProjectList{Total: res.page.Total, Page: res.req.Query.Page, PerPage: pageSize,
		Projects: make([]apiProject, len(res.projects)), Facets: toAPIFacets(res.facets, h)}
	for i, v := range res.projects {
		out.Projects[i] = toAPIProject(v)
	}
	for _, p := range res.req.Problems {
		out.Notes = append(out.Notes, s.cat.T(lang, p.Key, p.Args))
	}
	out.Order = "newest"
	if res.page.Ranked {
		out.Order = "relevance"
	}
	return out, nil
}

func (s *Server) apiProject(r *http.Request, lang i18n.Lang) (any, error) {
	ctx := r.Context()
	id, err := parseID(r.PathValue("id"), "project")
	if err != nil {
		return nil, err
	}
	p, err := s.store.Project(ctx, id)
	if err != nil {
		return nil, err
	}
	if !p.Status.Public() {
		return nil, notFound("project")
	}
	h, err := s.loadHub(ctx)
	if err != nil {
		return nil, err
	}
	views, err := s.projectViews(ctx, h, []domain.Project{p})
	if err != nil {
		return nil, err
	}
	return toAPIProject(views[0]), nil
}

func (s *Server) apiMunicipalities(r *http.Request, lang i18n.Lang) (any, error) {
	ms, err := s.store.Municipalities(r.Context())
	if err != nil {
		return nil, err
	}
	out := []apiMunicipality{}
	for _, m := range ms {
		out = append(out, s.describeMunicipality(m.LGCode, &m))
	}
	return map[string]any{"municipalities": out}, nil
}

// apiMunicipality looks a code up in the official list: a malformed code or
// a wrong check digit is a 400, a well-formed code nobody has is a 404.
func (s *Server) apiMunicipality(r *http.Request, lang i18n.Lang) (any, error) {
	code := domain.NormalizeText(r.PathValue("lgcode"))
	if err := domain.ValidateLGCode(code); err != nil {
		return nil, &fieldError{Field: "lgcode", Err: err.(*domain.Error)}
	}
	if _, ok := s.ref.Municipality(code); !ok {
		return nil, notFound("municipality")
	}
	m, err := s.store.MunicipalityByLGCode(r.Context(), code)
	switch {
	case err == nil:
		return s.describeMunicipality(code, &m), nil
	case domain.ErrorCode(err) == domain.CodeNotFound:
		return s.describeMunicipality(code, nil), nil
	}
	return nil, err
}

func (s *Server) describeMunicipality(code string, member *domain.Municipality) apiMunicipality {
	ref, _ := s.ref.Municipality(code)
	out := apiMunicipality{LGCode: code, Name: ref.Name, Kana: ref.Kana, Prefecture: ref.PrefName,
		Lat: ref.Lat, Lng: ref.Lng}
	if member != nil {
		out.OnHub, out.Slug, out.NameEN = true, member.Slug, member.NameEN
		if out.Name == "" {
			out.Name = member.Name
		}
	}
	return out
}

type apiSkillCategory struct {
	Code   string     `json:"code"`
	NameJA string     `json:"name_ja"`
	NameEN string     `json:"name_en"`
	Skills []apiSkill `json:"skills"`
}

type apiSkill struct {
	Code   string `json:"code"`
	NameJA string `json:"name_ja"`
	NameEN string `json:"name_en"`
}

func (s *Server) apiSkills(r *http.Request, lang i18n.Lang) (any, error) {
	out := []apiSkillCategory{}
	for _, c := range s.ref.SkillCategories() {
		cat := apiSkillCategory{Code: c.Code, NameJA: c.NameJA, NameEN: c.NameEN, Skills: []apiSkill{}}
		for _, sk := range s.ref.SkillsIn(c.Code) {
			cat.Skills = append(cat.Skills, apiSkill{Code: sk.Code, NameJA: sk.NameJA, NameEN: sk.NameEN})
		}
		out = append(out, cat)
	}
	return map[string]any{"categories": out}, nil
}

type apiSDG struct {
	Goal   int    `json:"goal"`
	NameJA string `json:"name_ja"`
	NameEN string `json:"name_en"`
	Color  string `json:"color"`
}

func (s *Server) apiSDGs(r *http.Request, lang i18n.Lang) (any, error) {
	out := []apiSDG{}
	for _, g := range s.ref.SDGs() {
		out = append(out, apiSDG{Goal: g.Goal, NameJA: g.NameJA, NameEN: g.NameEN, Color: strings.ToUpper(g.Color)})
	}
	return map[string]any{"sdgs": out}, nil
}

func (s *Server) apiNotFound(r *http.Request, lang i18n.Lang) (any, error) {
	return nil, notFound("endpoint")
}
