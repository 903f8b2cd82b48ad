package app

import (
	"context"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/policy"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// Organizations is the service for a municipality's businesses, partners
// and associations: its staff add them and keep their profiles; anyone
// reads the public profile of one.
type Organizations struct{ app *App }

// OrgInput is an organization as a form or the command line gives it.
// JSIC is a 日本標準産業分類 code, a major class ("E") or a middle class
// ("24"), or "" when not yet known.
type OrgInput struct {
	Kind        domain.OrgKind
	Name        string
	NameKana    string
	JSIC        string
	Area        string
	Address     string
	Description string
	Story       string
	Website     string
}

// OrgDesk is a municipality's organizations, for the staff who keep them.
type OrgDesk struct {
	Municipality  domain.Municipality
	Organizations []domain.Organization
}

// AddableKinds are the kinds of organization staff add; the office comes
// with the municipality.
func AddableKinds() []domain.OrgKind {
	return []domain.OrgKind{domain.OrgBusiness, domain.OrgPartner, domain.OrgAssociation}
}

// desk finds the municipality and checks the person keeps its
// organizations (its staff, or the operator).
func (s *Organizations) desk(ctx context.Context, lgcode string) (domain.Municipality, error) {
	mu, err := s.app.st.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return mu, err
	}
	_, err = s.app.Authorize(ctx, policy.ManageOrgs, policy.Resource{MunicipalityID: mu.ID})
	return mu, err
}

// List lists the municipality's organizations by name.
func (s *Organizations) List(ctx context.Context, lgcode string) (OrgDesk, error) {
	mu, err := s.desk(ctx, lgcode)
	if err != nil {
		return OrgDesk{}, err
	}
	orgs, err := s.app.st.Directory().Organizations(ctx, mu.ID)
	return OrgDesk{Municipality: mu, Organizations: orgs}, err
}

// Get finds one of the municipality's organizations to edit; one of
// another municipality is not found.
func (s *Organizations) Get(ctx context.Context, lgcode string, id int64) (domain.Municipality, domain.Organization, error) {
	mu, err := s.desk(ctx, lgcode)
	if err != nil {
		return mu, domain.Organization{}, err
	}
	o, err := s.app.st.Directory().Organization(ctx, id)
	if err == nil && o.MunicipalityID != mu.ID {
		err = domain.NotFound("organization")
	}
	return mu, o, err
}

// Add adds a business, partner or association to the municipality and
// records it. Its industry class may be left for later.
func (s *Organizations) Add(ctx context.Context, lgcode string, in OrgInput) (domain.Organization, error) {
	mu, err := s.desk(ctx, lgcode)
	if err != nil {
		return domain.Organization{}, err
	}
	o := domain.Organization{MunicipalityID: mu.ID}
	if err := s.fill(&o, in, true); err != nil {
		return o, err
	}
	return o, s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Directory().CreateOrganization(ctx, &o); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "organization.add", SubjectType: "organization", SubjectID: o.ID,
			MunicipalityID: mu.ID})
	})
}

// Update rewrites an organization's name and profile (not its kind) and
// records it.
func (s *Organizations) Update(ctx context.Context, lgcode string, id int64, in OrgInput) (domain.Organization, error) {
	mu, o, err := s.Get(ctx, lgcode, id)
	if err != nil {
		return o, err
	}
	if err := s.fill(&o, in, false); err != nil {
		return o, err
	}
	return o, s.app.Change(ctx, func(tx *Tx) error {
		if err := tx.Directory().UpdateOrganization(ctx, &o); err != nil {
			return err
		}
		return tx.Audit(ctx, store.AuditEvent{Action: "organization.edit", SubjectType: "organization", SubjectID: o.ID,
			MunicipalityID: mu.ID})
	})
}

// fill copies the input onto o, resolving the industry class; with kind,
// the kind too, which must be one staff add. Every problem is reported at
// once, together with the organization's own checks.
func (s *Organizations) fill(o *domain.Organization, in OrgInput, kind bool) error {
	var v domain.ValidationErrors
	if kind {
		o.Kind = in.Kind
		switch {
		case in.Kind == "":
			v.Add("kind", "error.required_choice", "Field", "org.kind")
		case !in.Kind.Valid() || in.Kind == domain.OrgMunicipalityOffice:
			v.Add("kind", "error.choice", "Value", string(in.Kind))
		}
	}
	o.Name, o.NameKana = strings.TrimSpace(in.Name), strings.TrimSpace(in.NameKana)
	o.Area, o.Address = strings.TrimSpace(in.Area), strings.TrimSpace(in.Address)
	o.Description, o.Story = strings.TrimSpace(in.Description), strings.TrimSpace(in.Story)
	o.Website = strings.TrimSpace(in.Website)
	o.JSICMajor, o.JSICMiddle = "", ""
	if code := strings.ToUpper(strings.TrimSpace(in.JSIC)); code != "" {
		c, ok := s.app.ref.JSIC(code)
		switch {
		case !ok:
			v.Add("jsic", "error.choice", "Value", in.JSIC)
		case c.Code == c.Major:
			o.JSICMajor = c.Major
		default:
			o.JSICMajor, o.JSICMiddle = c.Major, c.Code
		}
	}
	if err := o.Validate(); err != nil {
		if e, ok := err.(*domain.Error); ok {
			for _, f := range e.Fields {
				if f.Field != "kind" || !kind { // the kind is checked above
					v.Fields = append(v.Fields, f)
				}
			}
		}
	}
	return v.Err()
}

// JSICCode is the code an organization's industry class is written as:
// its middle class, else its major class, else "".
func JSICCode(o domain.Organization) string {
	if o.JSICMiddle != "" {
		return o.JSICMiddle
	}
	return o.JSICMajor
}
