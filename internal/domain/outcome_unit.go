package domain

// IndicatorUnit is what an indicator is counted in. Indicators of the same
// unit can share a chart's axis; yen beside counts cannot.
type IndicatorUnit string

// Units of the indicator kinds.
const (
	UnitCount      IndicatorUnit = "count"       // 件
	UnitYen        IndicatorUnit = "yen"         // 円
	UnitPerMonth   IndicatorUnit = "per_month"   // 件/月
	UnitKgCO2Year  IndicatorUnit = "kg_co2_year" // kg-CO2/年
	unitNotDefined IndicatorUnit = ""
)

// IndicatorUnits lists the units in display order.
func IndicatorUnits() []IndicatorUnit {
	return []IndicatorUnit{UnitCount, UnitYen, UnitPerMonth, UnitKgCO2Year}
}

// Unit is the unit the kind is counted in ("" for an unknown kind).
func (k IndicatorKind) Unit() IndicatorUnit {
	switch k {
	case IndicatorCustomers, IndicatorTools, IndicatorNewBusiness:
		return UnitCount
	case IndicatorSales:
		return UnitYen
	case IndicatorWebVisits:
		return UnitPerMonth
	case IndicatorCO2:
		return UnitKgCO2Year
	}
	return unitNotDefined
}
