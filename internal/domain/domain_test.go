package domain

import (
	"errors"
	"testing"
	"time"
)

func TestValidateLGCode(t *testing.T) {
	cases := map[string]string{
		"131113": "",                         // Ota City
		"152137": "",                         // Tsubame
		"010006": "",                         // Hokkaido (prefecture)
		"131114": "error.lgcode_check_digit", // wrong check digit
		"13111":  "error.lgcode_format",      // too short
		"13111a": "error.lgcode_format",      // not a digit
		"１３１１１３": "error.lgcode_format",      // full-width: callers normalise first
	}
	for code, wantKey := range cases {
		err := ValidateLGCode(code)
		key, _ := ErrorKey(err)
		if wantKey == "" && err != nil || wantKey != "" && key != wantKey {
			t.Errorf("ValidateLGCode(%q) = %v, want %q", code, err, wantKey)
		}
		if wantKey != "" && ErrorCode(err) != CodeInvalid {
			t.Errorf("ValidateLGCode(%q) code = %s", code, ErrorCode(err))
		}
	}
	if err := ValidateLGCode(NormalizeText("１３１１１３")); err != nil {
		t.Errorf("normalised full-width code: %v", err)
	}
}

func TestErrorCodes(t *testing.T) {
	if ErrorCode(nil) != "" {
		t.Error("nil error has a code")
	}
	if ErrorCode(errors.New("boom")) != CodeInternal {
		t.Error("plain error is not internal")
	}
	wrapped := errors.Join(errors.New("ctx"), NotFound("project"))
	if ErrorCode(wrapped) != CodeNotFound {
		t.Error("wrapped code lost")
	}
	key, args := ErrorKey(NotFound("project"))
	if key != "error.not_found" || args["What"] != "project" {
		t.Errorf("key %q args %v", key, args)
	}
}

func validProject() Project {
	return Project{MunicipalityID: 1, ProgramID: 1, HostID: 1, Title: "ホームページ刷新", SDGs: []int{9},
		TeamSize: 2, HoursPerMonth: 20, WorkStyle: WorkRemote, RewardType: RewardPaid, RewardYen: 50000,
		Status: ProjectPublished}
}

func TestProjectValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Project)
		field string
	}{
		{"valid", func(*Project) {}, ""},
		{"no title", func(p *Project) { p.Title = "  " }, "title"},
		{"goal 18", func(p *Project) { p.SDGs = []int{18} }, "sdgs"},
		{"no goals", func(p *Project) { p.SDGs = nil }, "sdgs"},
		{"repeated goal", func(p *Project) { p.SDGs = []int{9, 9} }, "sdgs"},
		{"on site without place", func(p *Project) { p.WorkStyle = WorkOnSite }, "place"},
		{"paid without amount", func(p *Project) { p.RewardYen = 0 }, "reward_yen"},
		{"pro bono with amount", func(p *Project) { p.RewardType = RewardProBono }, "reward_yen"},
		{"team 0", func(p *Project) { p.TeamSize = 0 }, "team_size"},
		{"unknown status", func(p *Project) { p.Status = "secret" }, "status"},
		{"ends before it starts", func(p *Project) {
			p.StartsOn = time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)
			p.EndsOn = p.StartsOn.AddDate(0, 0, -1)
		}, "period"},
	}
	for _, c := range cases {
		p := validProject()
		c.edit(&p)
		err := p.Validate()
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeInvalid {
			t.Errorf("%s: got %v, want invalid", c.name, err)
		}
		found := false
		for _, f := range e.Fields {
			found = found || f.Field == c.field
		}
		if !found {
			t.Errorf("%s: no problem reported on %s: %+v", c.name, c.field, e.Fields)
		}
	}
}

func TestTalentNormalizeAndValidate(t *testing.T) {
	tal := Talent{Name: "　ﾔﾏﾀﾞ 太郎 ", NameKana: "ﾔﾏﾀﾞ ﾀﾛｳ", ResidenceCountry: "JP",
		Affinities: []Affinity{{LGCode: "131113", Kind: AffinityBorn}}}
	tal.Normalize()
	if tal.NameKana != "ヤマダ タロウ" || tal.Name != "ヤマダ 太郎" {
		t.Fatalf("normalised to %q / %q", tal.Name, tal.NameKana)
	}
	if err := tal.Validate(); err != nil {
		t.Fatal(err)
	}
	tal.NameKana = "やまだ"
	if key, _ := ErrorKey(tal.Validate()); key != "error.katakana" {
		t.Errorf("hiragana reading: %s", key)
	}
	tal.NameKana = "ヤマダ"
	tal.Affinities = []Affinity{{LGCode: "131114", Kind: AffinityBorn}}
	if key, _ := ErrorKey(tal.Validate()); key != "error.lgcode_check_digit" {
		t.Errorf("bad affinity code: %s", key)
	}
}

func TestEntryValidate(t *testing.T) {
	e := Entry{MunicipalityID: 1, ProgramID: 1, TalentID: 1, Choices: []int64{1, 2, 3, 4, 5, 6},
		Motivation: "やってみたい", Status: EntrySubmitted}
	if key, _ := ErrorKey(e.Validate()); key != "error.choices_max" {
		t.Errorf("six choices: %s", key)
	}
	e.Choices = []int64{1, 1}
	if key, _ := ErrorKey(e.Validate()); key != "error.duplicate" {
		t.Errorf("repeated choice: %s", key)
	}
	e.Choices = []int64{3, 1}
	if err := e.Validate(); err != nil {
		t.Error(err)
	}
}

func TestProgramPhase(t *testing.T) {
	open := time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)
	p := Program{EntryOpensAt: open, EntryClosesAt: open.AddDate(0, 2, 0)}
	for when, want := range map[time.Time]ProgramPhase{
		open.Add(-time.Second): PhaseUpcoming,
		open:                   PhaseOpen,
		open.AddDate(0, 2, 0):  PhaseClosed,
		open.AddDate(0, 1, 0):  PhaseOpen,
	} {
		if got := p.Phase(when); got != want {
			t.Errorf("Phase(%v) = %s, want %s", when, got, want)
		}
	}
}

func TestValidateStages(t *testing.T) {
	ok := [][]EntryStatus{
		Stages(),
		{EntrySubmitted, EntryOffered, EntryAgreed},
		{EntrySubmitted, EntryInterview, EntryOffered, EntryAgreed},
	}
	bad := [][]EntryStatus{
		{},
		{EntrySubmitted, EntryAgreed},
		{EntrySubmitted, EntryInterview, EntryScreening, EntryOffered, EntryAgreed},
		{EntrySubmitted, EntryOffered, EntryAgreed, EntryDeclined},
		{EntrySubmitted, EntryScreening, EntryScreening, EntryOffered, EntryAgreed},
	}
	for _, l := range ok {
		if err := ValidateStages(l); err != nil {
			t.Errorf("%v: %v", l, err)
		}
	}
	for _, l := range bad {
		if err := ValidateStages(l); err == nil {
			t.Errorf("%v accepted", l)
		}
	}
}
