package domain

import (
	"math"
	"strings"
	"time"
)

// IndicatorKind is what an outcome indicator measures.
type IndicatorKind string

// Indicator kinds, with the unit each is counted in.
const (
	IndicatorCustomers   IndicatorKind = "new_customers" // 件
	IndicatorSales       IndicatorKind = "sales"         // 円
	IndicatorWebVisits   IndicatorKind = "web_visits"    // 件/月
	IndicatorTools       IndicatorKind = "tools_adopted" // 件
	IndicatorCO2         IndicatorKind = "co2_avoided"   // kg-CO2/年
	IndicatorNewBusiness IndicatorKind = "new_business"  // 件
)

// IndicatorKinds lists the kinds in display order.
func IndicatorKinds() []IndicatorKind {
	return []IndicatorKind{IndicatorCustomers, IndicatorSales, IndicatorWebVisits, IndicatorTools, IndicatorCO2, IndicatorNewBusiness}
}

// Valid reports whether k is a known kind.
func (k IndicatorKind) Valid() bool {
	for _, x := range IndicatorKinds() {
		if x == k {
			return true
		}
	}
	return false
}

// Indicator is one outcome a project declares, tied to an SDGs goal, with
// its baseline, its result and the evidence.
type Indicator struct {
	ID           int64
	EngagementID int64
	Kind         IndicatorKind
	SDG          int
	Baseline     float64
	Result       float64 // NaN until recorded
	Evidence     string  // a note or a link
	RecordedAt   time.Time
}

// HasResult reports whether a result was recorded.
func (i *Indicator) HasResult() bool { return !math.IsNaN(i.Result) }

// Validate checks the indicator.
func (i *Indicator) Validate() error {
	var v ValidationErrors
	if !i.Kind.Valid() {
		v.Add("kind", "error.choice", "Value", string(i.Kind))
	}
	if i.SDG < 1 || i.SDG > 17 {
		v.Add("sdg", "error.sdg_range", "Value", i.SDG)
	}
	for name, x := range map[string]float64{"baseline": i.Baseline, "result": i.Result} {
		if math.IsInf(x, 0) || x < 0 || x > 1e12 {
			v.Add(name, "error.range", "Min", 0, "Max", "1,000,000,000,000")
		}
	}
	if i.HasResult() && strings.TrimSpace(i.Evidence) == "" {
		v.Add("evidence", "error.evidence_required")
	}
	if len([]rune(i.Evidence)) > 2000 {
		v.Add("evidence", "error.too_long", "Max", 2000)
	}
	return v.Err()
}

// ReviewSide is who writes a review after the project.
type ReviewSide string

// Review sides.
const (
	ReviewByBusiness ReviewSide = "business" // the business reviews a talent
	ReviewByTalent   ReviewSide = "talent"   // a talent reviews the business
)

// TeamReview is a score and a comment one side gives the other when the
// engagement is completed.
type TeamReview struct {
	ID           int64
	EngagementID int64
	Side         ReviewSide
	AuthorID     int64
	TalentID     int64 // the talent reviewed, or the reviewing talent
	Score        int   // 1–5
	Comment      string
	At           time.Time
}

// Validate checks the review.
func (r *TeamReview) Validate() error {
	var v ValidationErrors
	if r.Side != ReviewByBusiness && r.Side != ReviewByTalent {
		v.Add("side", "error.choice", "Value", string(r.Side))
	}
	if r.Score < 1 || r.Score > 5 {
		v.Add("score", "error.range", "Min", 1, "Max", 5)
	}
	if len([]rune(r.Comment)) > 2000 {
		v.Add("comment", "error.too_long", "Max", 2000)
	}
	return v.Err()
}
