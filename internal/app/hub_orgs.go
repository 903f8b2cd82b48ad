package app

import (
	"context"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// OrganizationPage is a business's (or partner's, or association's)
// public page: its profile, its municipality and its public projects.
type OrganizationPage struct {
	Organization domain.Organization
	Municipality domain.Municipality
	Projects     []ProjectCard
}

// OrganizationPage reads an organization's public page. A municipality's
// own office has none: its municipality's page speaks for it.
func (h *Hub) OrganizationPage(ctx context.Context, id int64) (OrganizationPage, error) {
	var op OrganizationPage
	o, err := h.app.st.Directory().Organization(ctx, id)
	if err != nil {
		return op, err
	}
	if o.Kind == domain.OrgMunicipalityOffice {
		return op, domain.NotFound("organization")
	}
	op.Organization = o
	if op.Municipality, err = h.app.st.Directory().MunicipalityByID(ctx, o.MunicipalityID); err != nil {
		return op, err
	}
	page, err := h.app.st.Projects().ListProjects(ctx, store.ProjectFilter{MunicipalityID: o.MunicipalityID,
		HostIDs: []int64{o.ID}, Limit: programPageProjects})
	if err != nil {
		return op, err
	}
	op.Projects, err = newHubNames(h.app.st).projectCards(ctx, page.Projects, true)
	return op, err
}
