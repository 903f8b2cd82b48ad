package domain

import "time"

// Timeline steps of a program after its entry window, in order.
const (
	StepEntry     = "entry"     // 応募受付
	StepSelection = "selection" // 書類選考・面談
	StepAnnounce  = "announce"  // 結果発表
	StepKickoff   = "kickoff"   // キックオフ
	StepMidterm   = "midterm"   // 中間報告
	StepFinal     = "final"     // 成果報告会
	StepEnd       = "end"       // 終了
)

// TimelineSteps lists the dated steps after the entry window, in order.
func TimelineSteps() []string {
	return []string{StepSelection, StepAnnounce, StepKickoff, StepMidterm, StepFinal, StepEnd}
}

// Timeline is the days of a program's steps after its entry window; a
// zero day is not set.
type Timeline struct {
	SelectionOn time.Time
	AnnouncedOn time.Time
	KickoffOn   time.Time
	MidtermOn   time.Time
	FinalOn     time.Time
	EndsOn      time.Time
}

// Day is the day of a step after the entry window; zero when not set.
func (t *Timeline) Day(step string) time.Time {
	return *t.field(step)
}

// SetDay sets the day of a step after the entry window.
func (t *Timeline) SetDay(step string, day time.Time) {
	if f := t.field(step); f != nil {
		*f = day
	}
}

func (t *Timeline) field(step string) *time.Time {
	switch step {
	case StepSelection:
		return &t.SelectionOn
	case StepAnnounce:
		return &t.AnnouncedOn
	case StepKickoff:
		return &t.KickoffOn
	case StepMidterm:
		return &t.MidtermOn
	case StepFinal:
		return &t.FinalOn
	case StepEnd:
		return &t.EndsOn
	}
	var none time.Time
	return &none
}

// TimelineStep is one step of a program as a timeline shows it.
type TimelineStep struct {
	Step    string
	From    time.Time // the day it starts
	To      time.Time // the entry window's last moment; zero for the other steps
	Current bool      // the step the program is in now
	Done    bool      // a step before the current one
}

// Steps lists the program's dated steps in order, marking the one it is
// in at now: the last that has begun. Before the entries open none is
// current.
func (p *Program) Steps(now time.Time) []TimelineStep {
	out := []TimelineStep{{Step: StepEntry, From: p.EntryOpensAt, To: p.EntryClosesAt}}
	for _, s := range TimelineSteps() {
		if d := p.Timeline.Day(s); !d.IsZero() {
			out = append(out, TimelineStep{Step: s, From: d})
		}
	}
	today := DateInJapan(now)
	current := -1
	for i, s := range out {
		if (i == 0 && !now.Before(s.From)) || (i > 0 && !today.Before(DateInJapan(s.From))) {
			current = i
		}
	}
	for i := range out {
		out[i].Current, out[i].Done = i == current, i < current
	}
	return out
}

// validateTimeline checks that each day set comes after the entry window
// and after every earlier step that is set, naming the field.
func (p *Program) validateTimeline(v *ValidationErrors) {
	prev, prevLabel := DateInJapan(p.EntryClosesAt), "field.entry_period"
	if p.EntryClosesAt.IsZero() {
		prev = time.Time{}
	}
	for _, s := range TimelineSteps() {
		d := p.Timeline.Day(s)
		if d.IsZero() {
			continue
		}
		if !prev.IsZero() && !DateInJapan(d).After(prev) {
			v.Add(s+"_on", "error.timeline_order", "Field", "timeline."+s, "After", prevLabel)
		}
		prev, prevLabel = DateInJapan(d), "timeline."+s
	}
}
