package domain

import "strings"

// OrgKind says what an organization is.
type OrgKind string

// Organization kinds.
const (
	OrgMunicipalityOffice OrgKind = "municipality_office" // 自治体
	OrgPartner            OrgKind = "partner"             // 運営パートナー
	OrgAssociation        OrgKind = "association"         // 商店街連合会, 工業会
	OrgBusiness           OrgKind = "business"            // 町工場, 商店
)

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool {
	switch k {
	case OrgMunicipalityOffice, OrgPartner, OrgAssociation, OrgBusiness:
		return true
	}
	return false
}

// Organization is a municipality office, partner, association or business.
// A business carries its 日本標準産業分類 (JSIC) major and middle class
// once staff know it: a business may be added with neither and completed
// later, but a middle class always comes with its major.
type Organization struct {
	ID             int64
	MunicipalityID int64
	Kind           OrgKind
	Name           string
	NameKana       string
	JSICMajor      string // "E"
	JSICMiddle     string // "24"
	Area           string // e.g. 蒲田
	Address        string // street address shown on its public profile
	Description    string // one line on its trade
	Story          string // its story, in its own words
	Website        string
}

// Validate checks the organization's fields.
func (o *Organization) Validate() error {
	var v ValidationErrors
	if o.MunicipalityID == 0 {
		v.Add("municipality", "error.required_choice", "Field", "thing.municipality")
	}
	if !o.Kind.Valid() {
		v.Add("kind", "error.choice", "Value", string(o.Kind))
	}
	if strings.TrimSpace(o.Name) == "" {
		v.Add("name", "error.required", "Field", "field.organization_name")
	}
	if o.JSICMiddle != "" && o.JSICMajor == "" {
		v.Add("jsic", "error.jsic_required")
	}
	if o.Website != "" && !strings.HasPrefix(o.Website, "https://") {
		v.Add("website", "error.https_url")
	}
	return v.Err()
}
