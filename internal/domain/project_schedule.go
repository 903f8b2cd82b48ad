package domain

// Months is how many calendar months the project's period covers, counting
// a started month as whole (1 September to 31 January is 5); 0 without a
// period.
func (p Project) Months() int {
	if p.StartsOn.IsZero() || p.EndsOn.IsZero() || p.EndsOn.Before(p.StartsOn) {
		return 0
	}
	s, e := p.StartsOn.In(Japan()), p.EndsOn.In(Japan())
	return (e.Year()-s.Year())*12 + int(e.Month()-s.Month()) + 1
}

// WeeklyHours is the project's monthly hours spread over the weeks of a
// month (52 weeks in 12 months), rounded to the nearest hour and at least 1.
func (p Project) WeeklyHours() int {
	if p.HoursPerMonth <= 0 {
		return 0
	}
	return max(1, (p.HoursPerMonth*12+26)/52)
}
