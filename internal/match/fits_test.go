package match

import (
	"reflect"
	"testing"
)

// TestFitsKeepsOnlyWhatFits: a recommendation tells what fits, never what
// falls short or is unknown.
func TestFitsKeepsOnlyWhatFits(t *testing.T) {
	in := []Reason{
		{Code: ReasonRequiredSkills, Count: 1, Total: 2},
		{Code: ReasonRequiredSkills, Count: 0, Total: 2},
		{Code: ReasonRequiredBelow, Count: 1},
		{Code: ReasonPreferredSkills, Count: 0, Total: 1},
		{Code: ReasonRareSkill, Skill: "rust"},
		{Code: ReasonSDGs, Count: 2},
		{Code: ReasonHoursFit},
		{Code: ReasonHoursShort, Count: 5, Total: 20},
		{Code: ReasonHoursUnknown},
		{Code: ReasonRemote},
		{Code: ReasonDistance, Km: 3},
		{Code: ReasonDistance, Km: 250},
		{Code: ReasonRemoteOnly},
		{Code: ReasonLocationUnknown},
		{Code: ReasonAffinityBorn},
	}
	want := []Reason{in[0], in[4], in[5], in[6], in[9], in[10], in[14]}
	if got := Fits(in); !reflect.DeepEqual(got, want) {
		t.Fatalf("Fits = %+v, want %+v", got, want)
	}
	if got := Fits(nil); got != nil {
		t.Fatalf("Fits(nil) = %v, want nil", got)
	}
}
