package web

import (
	"net/http"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

func (p hubPages) apiPrograms(r *http.Request, lang i18n.Lang) (any, error) {
	cards, err := p.app.Hub.ProgramCards(r.Context())
	if err != nil {
		return nil, err
	}
	out := []apiProgram{}
	for _, c := range cards {
		out = append(out, toAPIProgram(programCardView(c)))
	}
	return map[string]any{"programs": out}, nil
}

func (p hubPages) apiProgram(r *http.Request, lang i18n.Lang) (any, error) {
	c, err := p.app.Hub.ProgramCard(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	return toAPIProgram(programCardView(c)), nil
}

func (c cataloguePages) apiProjects(r *http.Request, lang i18n.Lang) (any, error) {
	res, err := c.runList(r.Context(), r.URL.Query())
	if err != nil {
		return nil, err
	}
	out := apiProjectList{Total: res.list.Total, Page: res.list.Page, PerPage: pageSize,
		Projects: make([]apiProject, len(res.projects)), Facets: toAPIFacets(res.list.Facets, res.list.Municipalities)}
	for i, v := range res.projects {
		out.Projects[i] = toAPIProject(v)
	}
	for _, p := range res.list.Problems {
		out.Notes = append(out.Notes, c.cat.T(lang, p.Key, p.Args))
	}
	out.Order = "newest"
	if res.list.Ranked {
		out.Order = "relevance"
	}
	return out, nil
}

func (c cataloguePages) apiProject(r *http.Request, lang i18n.Lang) (any, error) {
	id, err := parseID(r.PathValue("id"), "project")
	if err != nil {
		return nil, err
	}
	card, err := c.app.Catalogue.Project(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return toAPIProject(c.cardView(card)), nil
}

func (p hubPages) apiMunicipalities(r *http.Request, lang i18n.Lang) (any, error) {
	ms, err := p.app.Hub.Municipalities(r.Context())
	if err != nil {
		return nil, err
	}
	out := []apiMunicipality{}
	for _, m := range ms {
		out = append(out, p.describeMunicipality(m.LGCode, &m))
	}
	return map[string]any{"municipalities": out}, nil
}

// apiMunicipality looks a code up in the official list: a malformed code or
// a wrong check digit is a 400, a well-formed code nobody has is a 404.
func (p hubPages) apiMunicipality(r *http.Request, lang i18n.Lang) (any, error) {
	code := domain.NormalizeText(r.PathValue("lgcode"))
	if err := domain.ValidateLGCode(code); err != nil {
		return nil, &fieldError{Field: "lgcode", Err: err.(*domain.Error)}
	}
	if _, ok := p.ref.Municipality(code); !ok {
		return nil, notFound("municipality")
	}
	out := apiMunicipalityDetail{Organizations: []apiOrganization{}}
	m, err := p.app.Hub.Municipality(r.Context(), code)
	switch {
	case err == nil:
		out.apiMunicipality = p.describeMunicipality(code, &m)
	case domain.ErrorCode(err) == domain.CodeNotFound:
		return apiMunicipalityDetail{apiMunicipality: p.describeMunicipality(code, nil), Organizations: out.Organizations}, nil
	default:
		return nil, err
	}
	orgs, err := p.app.Hub.PublicOrganizations(r.Context(), m.ID)
	for _, o := range orgs {
		out.Organizations = append(out.Organizations, apiOrganizationOf(o))
	}
	return out, err
}

func (p hubPages) describeMunicipality(code string, member *domain.Municipality) apiMunicipality {
	ref, _ := p.ref.Municipality(code)
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

func (p hubPages) apiSkills(r *http.Request, lang i18n.Lang) (any, error) {
	out := []apiSkillCategory{}
	for _, c := range p.ref.SkillCategories() {
		cat := apiSkillCategory{Code: c.Code, NameJA: c.NameJA, NameEN: c.NameEN, Skills: []apiSkill{}}
		for _, sk := range p.ref.SkillsIn(c.Code) {
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

func (p hubPages) apiSDGs(r *http.Request, lang i18n.Lang) (any, error) {
	out := []apiSDG{}
	for _, g := range p.ref.SDGs() {
		out = append(out, apiSDG{Goal: g.Goal, NameJA: g.NameJA, NameEN: g.NameEN, Color: strings.ToUpper(g.Color)})
	}
	return map[string]any{"sdgs": out}, nil
}

func (s *Server) apiNotFound(r *http.Request, lang i18n.Lang) (any, error) {
	return nil, notFound("endpoint")
}
