package domain

import (
	"strings"
	"time"
)

// AgreementType is the legal shape of the work.
type AgreementType string

// Agreement types.
const (
	AgreementContract     AgreementType = "contract"      // 業務委託
	AgreementQuasiMandate AgreementType = "quasi_mandate" // 準委任
	AgreementProBono      AgreementType = "pro_bono"      // プロボノ
	AgreementInKind       AgreementType = "in_kind"       // 現物・体験
)

// AgreementTypes lists the types in display order.
func AgreementTypes() []AgreementType {
	return []AgreementType{AgreementContract, AgreementQuasiMandate, AgreementProBono, AgreementInKind}
}

// Valid reports whether t is a known type.
func (t AgreementType) Valid() bool {
	for _, k := range AgreementTypes() {
		if k == t {
			return true
		}
	}
	return false
}

// Party is a side that accepts an agreement.
type Party string

// The three parties.
const (
	PartyBusiness     Party = "business"
	PartyTalent       Party = "talent"
	PartyMunicipality Party = "municipality" // or the partner acting for it
)

// Parties lists the parties in display order.
func Parties() []Party { return []Party{PartyBusiness, PartyTalent, PartyMunicipality} }

// Acceptance is one party's acceptance of one version of the terms.
type Acceptance struct {
	Party Party
	By    int64
	At    time.Time
}

// Agreement is the terms set after 内定 between the business, the talent
// and the municipality. Any change makes a new version and voids the
// acceptances of earlier ones.
type Agreement struct {
	ID             int64
	EntryID        int64
	ProjectID      int64
	MunicipalityID int64
	TalentID       int64
	Type           AgreementType
	RewardYen      int // per month; 0 for none
	HoursPerMonth  int
	StartsOn       time.Time
	EndsOn         time.Time
	Deliverables   string
	Version        int
	Accepted       []Acceptance // of the current version
	UpdatedAt      time.Time
}

// Validate checks the terms.
func (a *Agreement) Validate() error {
	var v ValidationErrors
	if !a.Type.Valid() {
		v.Add("type", "error.choice", "Value", string(a.Type))
	}
	paid := a.Type == AgreementContract || a.Type == AgreementQuasiMandate
	if a.RewardYen < 0 || a.RewardYen > 10_000_000 {
		v.Add("reward_yen", "error.range", "Min", 0, "Max", 10_000_000)
	} else if !paid && a.RewardYen != 0 {
		v.Add("reward_yen", "error.reward_unpaid")
	}
	if a.HoursPerMonth < 1 || a.HoursPerMonth > 200 {
		v.Add("hours", "error.range", "Min", 1, "Max", 200)
	}
	if a.StartsOn.IsZero() || a.EndsOn.IsZero() {
		v.Add("period", "error.period_required")
	} else if !a.EndsOn.After(a.StartsOn) {
		v.Add("period", "error.period_order")
	}
	if strings.TrimSpace(a.Deliverables) == "" {
		v.Add("deliverables", "error.required", "Field", "agreement.deliverables")
	}
	if len([]rune(a.Deliverables)) > 4000 {
		v.Add("deliverables", "error.too_long", "Max", 4000)
	}
	return v.Err()
}

// AcceptedBy reports whether the party accepted the current version.
func (a *Agreement) AcceptedBy(p Party) bool {
	for _, x := range a.Accepted {
		if x.Party == p {
			return true
		}
	}
	return false
}

// Complete reports whether all three parties accepted the current version.
func (a *Agreement) Complete() bool {
	for _, p := range Parties() {
		if !a.AcceptedBy(p) {
			return false
		}
	}
	return true
}
