package domain

import (
	"testing"
	"time"
)

func TestProjectMonthsAndWeeklyHours(t *testing.T) {
	jst := Japan()
	cases := []struct {
		from, to      time.Time
		hours         int
		months, weekl int
	}{
		{time.Date(2021, 9, 1, 0, 0, 0, 0, jst), time.Date(2022, 1, 31, 0, 0, 0, 0, jst), 15, 5, 3},
		{time.Date(2021, 10, 1, 0, 0, 0, 0, jst), time.Date(2021, 12, 31, 0, 0, 0, 0, jst), 10, 3, 2},
		// Stored in UTC, 1 September JST is 31 August UTC: still September.
		{time.Date(2021, 9, 1, 0, 0, 0, 0, jst).UTC(), time.Date(2021, 9, 30, 0, 0, 0, 0, jst).UTC(), 20, 1, 5},
		{time.Time{}, time.Time{}, 1, 0, 1},
		{time.Date(2021, 9, 1, 0, 0, 0, 0, jst), time.Date(2021, 8, 1, 0, 0, 0, 0, jst), 0, 0, 0},
	}
	for _, c := range cases {
		p := Project{StartsOn: c.from, EndsOn: c.to, HoursPerMonth: c.hours}
		if got := p.Months(); got != c.months {
			t.Errorf("%v–%v: %d months, want %d", c.from, c.to, got, c.months)
		}
		if got := p.WeeklyHours(); got != c.weekl {
			t.Errorf("%d hours a month: %d a week, want %d", c.hours, got, c.weekl)
		}
	}
}
