package domain

import (
	"strings"
	"time"
)

// Stages lists a program's screening stages in order, ending in 合意. Every
// program uses these; the exits (見送り, 辞退) are not stages.
func Stages() []EntryStatus {
	return []EntryStatus{EntrySubmitted, EntryScreening, EntryInterview, EntryOffered, EntryAgreed}
}

// OptionalStages are the stages a program may leave out: 書類選考 and 面談.
// 応募, 内定 and 合意 are always used.
func OptionalStages() []EntryStatus { return []EntryStatus{EntryScreening, EntryInterview} }

// ValidateStages checks a program's own stage list: the default stages in
// their order, with only optional ones left out.
func ValidateStages(list []EntryStatus) error {
	var v ValidationErrors
	i := 0
	for _, st := range Stages() {
		optional := st == EntryScreening || st == EntryInterview
		if i < len(list) && list[i] == st {
			i++
		} else if !optional {
			v.Add("stages", "error.stages_required")
			return v.Err()
		}
	}
	if i != len(list) {
		v.Add("stages", "error.stages_required")
	}
	return v.Err()
}

// StageIndex is the position of s among the stages, or -1 for an exit.
func StageIndex(s EntryStatus) int {
	for i, st := range Stages() {
		if st == s {
			return i
		}
	}
	return -1
}

// Final reports whether s is a decision only the municipality makes:
// 内定, 合意 or 見送り. Leaders and partners screen; the ward decides.
func (s EntryStatus) Final() bool {
	return s == EntryOffered || s == EntryAgreed || s == EntryDeclined
}

// Closed reports whether the entry has left screening for good.
func (s EntryStatus) Closed() bool {
	return s == EntryAgreed || s == EntryDeclined || s == EntryWithdrawn
}

// Move is one requested change of an entry's stage.
type Move struct {
	From, To EntryStatus
	Reason   string
}

// Validate checks that the move is allowed by the stage rules, whoever
// asks: staff move entries between stages, back as well as forward, but
// not out of a closed one; 見送り needs a reason; 辞退 is the talent's own
// act and 合意 follows 内定.
func (m Move) Validate() error {
	var v ValidationErrors
	switch {
	case !m.To.Valid():
		v.Add("to", "error.choice", "Value", string(m.To))
	case m.From == m.To:
		v.Add("to", "error.stage_same")
	case m.From.Closed():
		v.Add("to", "error.stage_closed")
	case m.To == EntryWithdrawn:
		v.Add("to", "error.stage_withdraw_self")
	case m.To == EntryAgreed && m.From != EntryOffered:
		v.Add("to", "error.stage_agree_needs_offer")
	case m.To == EntryDeclined && strings.TrimSpace(m.Reason) == "":
		v.Add("reason", "error.decline_reason")
	}
	if len([]rune(m.Reason)) > 1000 {
		v.Add("reason", "error.too_long", "Max", 1000)
	}
	return v.Err()
}

// Criterion is one thing reviewers score an entry on, from 1 to 5.
type Criterion string

// Screening criteria.
const (
	CriterionSkills     Criterion = "skills"     // スキル・経験の適合
	CriterionMotivation Criterion = "motivation" // 志望動機
	CriterionLocal      Criterion = "local"      // 地域・事業への関心
	CriterionTime       Criterion = "time"       // 稼働の見通し
)

// Criteria lists the criteria in display order.
func Criteria() []Criterion {
	return []Criterion{CriterionSkills, CriterionMotivation, CriterionLocal, CriterionTime}
}

// Valid reports whether c is a known criterion.
func (c Criterion) Valid() bool {
	for _, k := range Criteria() {
		if k == c {
			return true
		}
	}
	return false
}

// Review is one reviewer's private scores and note on an entry.
type Review struct {
	EntryID    int64
	ReviewerID int64
	Scores     map[Criterion]int // 1–5; a criterion may be left unscored
	Note       string
	UpdatedAt  time.Time
}

// Validate checks the scores and the note.
func (r *Review) Validate() error {
	var v ValidationErrors
	for c, n := range r.Scores {
		if !c.Valid() {
			v.Add("scores", "error.choice", "Value", string(c))
		} else if n < 1 || n > 5 {
			v.Add("score_"+string(c), "error.range", "Min", 1, "Max", 5)
		}
	}
	if len([]rune(r.Note)) > 4000 {
		v.Add("note", "error.too_long", "Max", 4000)
	}
	return v.Err()
}

// Mean is the average of the given scores, 0 when there are none.
func (r *Review) Mean() float64 {
	if len(r.Scores) == 0 {
		return 0
	}
	sum := 0
	for _, n := range r.Scores {
		sum += n
	}
	return float64(sum) / float64(len(r.Scores))
}

// Interview is a meeting between the screeners and an entrant, in person
// or by video.
type Interview struct {
	ID          int64
	EntryID     int64
	StartsAt    time.Time
	EndsAt      time.Time
	Place       string
	VideoURL    string
	Note        string // shown to the entrant
	Sequence    int    // bumped on every change, for calendar updates
	CancelledAt time.Time
	CreatedBy   int64
}

// Validate checks the time and that there is somewhere to meet.
func (iv *Interview) Validate() error {
	var v ValidationErrors
	if iv.StartsAt.IsZero() {
		v.Add("starts_at", "error.required", "Field", "screen.iv_date")
	}
	if !iv.EndsAt.After(iv.StartsAt) {
		v.Add("minutes", "error.range", "Min", 15, "Max", 240)
	} else if d := iv.EndsAt.Sub(iv.StartsAt); d < 15*time.Minute || d > 4*time.Hour {
		v.Add("minutes", "error.range", "Min", 15, "Max", 240)
	}
	if strings.TrimSpace(iv.Place) == "" && strings.TrimSpace(iv.VideoURL) == "" {
		v.Add("place", "error.interview_where")
	}
	if iv.VideoURL != "" && !strings.HasPrefix(iv.VideoURL, "https://") {
		v.Add("video_url", "error.https_url")
	}
	if len([]rune(iv.Place)) > 200 || len(iv.VideoURL) > 500 {
		v.Add("place", "error.too_long", "Max", 200)
	}
	if len([]rune(iv.Note)) > 2000 {
		v.Add("note", "error.too_long", "Max", 2000)
	}
	return v.Err()
}
