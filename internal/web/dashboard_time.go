package web

import (
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// timeStep is how the entries-over-time chart groups its dates.
type timeStep string

const (
	stepWeek    timeStep = "week"
	stepMonth   timeStep = "month"
	stepQuarter timeStep = "quarter"
)

// Longest spans drawn week by week and month by month: a chart of more
// points than that labels its points so densely that they overlap (a
// program from 2021 to 2026 was 280 weeks).
const (
	maxWeeks  = 26
	maxMonths = 24
)

// timeBuckets groups entry times for the chart: by week (from Monday, in
// Japan) when the span is at most maxWeeks weeks, by month when it is at
// most maxMonths months, by calendar quarter beyond. Empty buckets are
// kept so the axis is even; starts are the buckets' first days.
func timeBuckets(times []time.Time) (step timeStep, starts []time.Time, counts []float64) {
	if len(times) == 0 {
		return stepWeek, nil, nil
	}
	jst := domain.Japan()
	day := func(t time.Time) time.Time {
		t = t.In(jst)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, jst)
	}
	week := func(t time.Time) time.Time {
		d := day(t)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	}
	month := func(t time.Time) time.Time {
		t = t.In(jst)
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, jst)
	}
	quarter := func(t time.Time) time.Time {
		m := month(t)
		return m.AddDate(0, -int(m.Month()-1)%3, 0)
	}
	first, last := times[0], times[len(times)-1]
	start, next := week, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
	step = stepWeek
	if weeks := int(week(last).Sub(week(first)).Hours()/24/7+0.5) + 1; weeks > maxWeeks {
		step, start, next = stepMonth, month, func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
		lm, fm := month(last), month(first)
		if months := (lm.Year()-fm.Year())*12 + int(lm.Month()-fm.Month()) + 1; months > maxMonths {
			step, start, next = stepQuarter, quarter, func(t time.Time) time.Time { return t.AddDate(0, 3, 0) }
		}
	}
	idx := map[string]int{} // by date: times in a map key compare their zone pointers too
	for b := start(first); !b.After(start(last)); b = next(b) {
		idx[b.Format(time.DateOnly)] = len(starts)
		starts, counts = append(starts, b), append(counts, 0)
	}
	for _, t := range times {
		counts[idx[start(t).Format(time.DateOnly)]]++
	}
	return step, starts, counts
}
