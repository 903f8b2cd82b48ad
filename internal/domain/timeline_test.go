package domain

import (
	"testing"
	"time"
)

func TestWorkedPeriodNeverEndsBeforeItStarts(t *testing.T) {
	day := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, Japan()) }
	cases := []struct {
		name                        string
		agreed, accepted, completed time.Time
		wantStart                   time.Time
	}{
		{"agreed start before completion", day(2021, 10, 1, 0), day(2021, 9, 20, 10), day(2022, 2, 28, 18), day(2021, 10, 1, 0)},
		{"future start: from acceptance", day(2027, 1, 1, 0), day(2026, 11, 20, 15), day(2026, 11, 23, 21), day(2026, 11, 20, 0)},
		{"future start, no acceptance", day(2027, 1, 1, 0), time.Time{}, day(2026, 11, 23, 21), day(2026, 11, 23, 0)},
		{"same day", day(2026, 11, 23, 0), time.Time{}, day(2026, 11, 23, 9), day(2026, 11, 23, 0)},
	}
	for _, c := range cases {
		start, end := WorkedPeriod(c.agreed, c.accepted, c.completed)
		if !start.Equal(c.wantStart) || !end.Equal(c.completed) || end.Before(start) {
			t.Errorf("%s: %v – %v, want %v – %v", c.name, start, end, c.wantStart, c.completed)
		}
	}
}

func TestTimelineOrderNamesTheField(t *testing.T) {
	p := Program{MunicipalityID: 1, Slug: "p-2027", Title: "P", HostIDs: []int64{1},
		EntryOpensAt: time.Date(2027, 1, 1, 0, 0, 0, 0, Japan()), EntryClosesAt: time.Date(2027, 1, 31, 23, 59, 59, 0, Japan())}
	p.Timeline.SelectionOn = time.Date(2027, 2, 10, 0, 0, 0, 0, Japan())
	p.Timeline.KickoffOn = time.Date(2027, 2, 5, 0, 0, 0, 0, Japan())
	e, ok := p.Validate().(*Error)
	if !ok || len(e.Fields) != 1 || e.Fields[0].Field != "kickoff_on" || e.Fields[0].Key != "error.timeline_order" ||
		e.Fields[0].Args["Field"] != "timeline.kickoff" || e.Fields[0].Args["After"] != "timeline.selection" {
		t.Fatalf("kickoff before selection: %#v", p.Validate())
	}
	p.Timeline.KickoffOn = time.Date(2027, 3, 1, 0, 0, 0, 0, Japan())
	p.Timeline.SelectionOn = time.Date(2027, 1, 31, 0, 0, 0, 0, Japan())
	if e, ok := p.Validate().(*Error); !ok || e.Fields[0].Field != "selection_on" || e.Fields[0].Args["After"] != "field.entry_period" {
		t.Fatalf("selection on the last entry day: %#v", p.Validate())
	}
	p.Timeline.SelectionOn = time.Date(2027, 2, 1, 0, 0, 0, 0, Japan())
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	steps := p.Steps(time.Date(2027, 2, 15, 12, 0, 0, 0, Japan()))
	if len(steps) != 3 || steps[0].Step != StepEntry || !steps[0].Done || steps[1].Step != StepSelection || !steps[1].Current ||
		steps[2].Step != StepKickoff || steps[2].Current || steps[2].Done {
		t.Errorf("steps: %+v", steps)
	}
	if s := p.Steps(time.Date(2026, 12, 1, 0, 0, 0, 0, Japan())); s[0].Current || s[0].Done {
		t.Errorf("before the entries open: %+v", s[0])
	}
}
