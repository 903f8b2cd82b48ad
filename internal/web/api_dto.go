package web

import (
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/search"
)

// The JSON shapes of the API, described in openapi.json.

type apiMunicipalityRef struct {
	LGCode string `json:"lgcode"`
	Name   string `json:"name"`
	NameEN string `json:"name_en,omitempty"`
}

type apiHost struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Area string `json:"area,omitempty"`
}

type apiReward struct {
	Type        string `json:"type"`
	YenPerMonth int    `json:"yen_per_month"`
}

type apiProject struct {
	ID              int64              `json:"id"`
	URL             string             `json:"url"`
	Title           string             `json:"title"`
	Description     string             `json:"description"`
	Program         string             `json:"program"`
	Municipality    apiMunicipalityRef `json:"municipality"`
	Host            apiHost            `json:"host"`
	SDGs            []int              `json:"sdgs"`
	RequiredSkills  []string           `json:"required_skills"`
	PreferredSkills []string           `json:"preferred_skills"`
	TeamSize        int                `json:"team_size"`
	HoursPerMonth   int                `json:"hours_per_month"`
	WorkStyle       string             `json:"work_style"`
	Place           string             `json:"place,omitempty"`
	Reward          apiReward          `json:"reward"`
	StartsOn        string             `json:"starts_on,omitempty"`
	EndsOn          string             `json:"ends_on,omitempty"`
	Status          string             `json:"status"`
	Highlight       *apiHighlight      `json:"highlight,omitempty"`
}

// apiHighlight is a searched project's title and a snippet of its
// description as runs of text, the matched runs flagged.
type apiHighlight struct {
	Title   []apiSegment `json:"title"`
	Snippet []apiSegment `json:"snippet"`
}

type apiSegment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

func toAPISegments(segs []search.Segment) []apiSegment {
	out := make([]apiSegment, len(segs))
	for i, s := range segs {
		out[i] = apiSegment{Text: s.Text, Match: s.Match}
	}
	return out
}

type apiProjectList struct {
	Total    int          `json:"total"`
	Page     int          `json:"page"`
	PerPage  int          `json:"per_page"`
	Notes    []string     `json:"notes,omitempty"`
	Order    string       `json:"order"` // relevance (a selective search) or newest
	Facets   apiFacets    `json:"facets"`
	Projects []apiProject `json:"projects"`
}

// apiFacets are the counts next to each filter choice, keyed by the value
// the filter parameter takes.
type apiFacets struct {
	SDG          map[string]int `json:"sdg"`
	Skill        map[string]int `json:"skill"`
	Style        map[string]int `json:"style"`
	Reward       map[string]int `json:"reward"`
	Hours        map[string]int `json:"hours"`
	Municipality map[string]int `json:"municipality"`
}

// toAPIFacets keys the counts by the filters' values; municipalities are
// the hub's, to name the municipality counts by code.
func toAPIFacets(fc app.Facets, municipalities []domain.Municipality) apiFacets {
	out := apiFacets{SDG: map[string]int{}, Skill: fc.Skill, Style: fc.Style, Reward: fc.Reward,
		Hours: map[string]int{}, Municipality: map[string]int{}}
	for g, n := range fc.SDG {
		out.SDG[strconv.Itoa(g)] = n
	}
	for b, n := range fc.Hours {
		out.Hours[strconv.Itoa(b)] = n
	}
	codes := make(map[int64]string, len(municipalities))
	for _, m := range municipalities {
		codes[m.ID] = m.LGCode
	}
	for id, n := range fc.Municipality {
		out.Municipality[codes[id]] = n
	}
	return out
}

func toAPIProject(v projectView) apiProject {
	return apiProject{
		ID: v.ID, URL: "/projects/" + strconv.FormatInt(v.ID, 10), Title: v.Title, Description: v.Description,
		Program:      v.Program.Slug,
		Municipality: apiMunicipalityRef{LGCode: v.Municipality.LGCode, Name: v.Municipality.Name, NameEN: v.Municipality.NameEN},
		Host:         apiHost{ID: v.Host.ID, Name: v.Host.Name, Kind: string(v.Host.Kind), Area: v.Host.Area},
		SDGs:         nonNil(v.SDGs), RequiredSkills: nonNil(v.RequiredSkills), PreferredSkills: nonNil(v.PreferredSkills),
		TeamSize: v.TeamSize, HoursPerMonth: v.HoursPerMonth, WorkStyle: string(v.WorkStyle), Place: v.Place,
		Reward:   apiReward{Type: string(v.RewardType), YenPerMonth: v.RewardYen},
		StartsOn: isoDate(v.StartsOn), EndsOn: isoDate(v.EndsOn), Status: string(v.Status),
		Highlight: highlightOf(v),
	}
}

func highlightOf(v projectView) *apiHighlight {
	if v.TitleHL == nil && v.SnippetHL == nil {
		return nil
	}
	return &apiHighlight{Title: toAPISegments(v.TitleHL), Snippet: toAPISegments(v.SnippetHL)}
}

type apiProgram struct {
	Slug          string             `json:"slug"`
	Title         string             `json:"title"`
	TitleEN       string             `json:"title_en,omitempty"`
	Summary       string             `json:"summary,omitempty"`
	Municipality  apiMunicipalityRef `json:"municipality"`
	Hosts         []apiHost          `json:"hosts"`
	EntryOpensAt  time.Time          `json:"entry_opens_at"`
	EntryClosesAt time.Time          `json:"entry_closes_at"`
	Phase         string             `json:"phase"`
	ChoiceMode    string             `json:"choice_mode"`
	Projects      int                `json:"projects"`
	Entries       int                `json:"entries"`
}

func toAPIProgram(v programView) apiProgram {
	out := apiProgram{Slug: v.Slug, Title: v.Title, TitleEN: v.TitleEN, Summary: v.Summary,
		ChoiceMode:    string(v.Choices()),
		Municipality:  apiMunicipalityRef{LGCode: v.Municipality.LGCode, Name: v.Municipality.Name, NameEN: v.Municipality.NameEN},
		EntryOpensAt:  v.EntryOpensAt.UTC(),
		EntryClosesAt: v.EntryClosesAt.UTC(), Phase: string(v.Phase), Projects: v.Stats.Projects, Entries: v.Stats.Entries,
		Hosts: []apiHost{}}
	for _, h := range v.Hosts {
		out.Hosts = append(out.Hosts, apiHost{ID: h.ID, Name: h.Name, Kind: string(h.Kind), Area: h.Area})
	}
	return out
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// apiMunicipality describes a municipality from the official list and
// whether it has joined the hub.
// apiOrganization is a business, partner or association of a
// municipality, with its public profile.
type apiOrganization struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	NameKana    string `json:"name_kana"`
	JSICMajor   string `json:"jsic_major"`
	JSICMiddle  string `json:"jsic_middle"`
	Area        string `json:"area"`
	Address     string `json:"address"`
	Description string `json:"description"`
	Story       string `json:"story"`
	Website     string `json:"website"`
}

func apiOrganizationOf(o domain.Organization) apiOrganization {
	return apiOrganization{ID: o.ID, Kind: string(o.Kind), Name: o.Name, NameKana: o.NameKana, JSICMajor: o.JSICMajor,
		JSICMiddle: o.JSICMiddle, Area: o.Area, Address: o.Address, Description: o.Description, Story: o.Story, Website: o.Website}
}

// apiMunicipalityDetail is one municipality with its organizations (none
// for a municipality not on the hub).
type apiMunicipalityDetail struct {
	apiMunicipality
	Organizations []apiOrganization `json:"organizations"`
}

type apiMunicipality struct {
	LGCode     string  `json:"lgcode"`
	Name       string  `json:"name"`
	Kana       string  `json:"kana"`
	Prefecture string  `json:"prefecture"`
	Lat        float64 `json:"lat"`
	Lng        float64 `json:"lng"`
	OnHub      bool    `json:"on_hub"`
	Slug       string  `json:"slug,omitempty"`
	NameEN     string  `json:"name_en,omitempty"`
}
