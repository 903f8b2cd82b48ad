package web

import (
	"net/http"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// orgCard is an organization as public pages show it: its profile and its
// industry class, named in the reader's language.
type orgCard struct {
	domain.Organization
	Trade string
}

func (k *kit) orgCards(lang i18n.Lang, orgs []domain.Organization) []orgCard {
	out := make([]orgCard, len(orgs))
	for i, o := range orgs {
		out[i] = orgCard{Organization: o, Trade: k.tradeName(lang, o)}
	}
	return out
}

type orgPublicData struct {
	Org          orgCard
	Municipality domain.Municipality
	Projects     []projectView
}

func (d orgPublicData) footerMunicipality() domain.Municipality { return d.Municipality }

// organizationPage is a business's public page: its story, where it is,
// its trade, and its projects on the hub.
func (p hubPages) organizationPage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) error {
	id, err := parseID(r.PathValue("id"), "organization")
	if err != nil {
		return err
	}
	op, err := p.app.Hub.OrganizationPage(r.Context(), id)
	if err != nil {
		return err
	}
	d := orgPublicData{Org: p.orgCards(lang, []domain.Organization{op.Organization})[0], Municipality: op.Municipality}
	for _, c := range op.Projects {
		d.Projects = append(d.Projects, p.cardView(c))
	}
	return p.render(w, r, lang, http.StatusOK, "organization", op.Organization.Name, d)
}
