package match

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// The golden instance, checked by hand.
//
//	projects: A capacity 1, B capacity 3, C capacity 1
//	talents (choices best first, with the project's score of the talent):
//	  t1: A 900, B 150
//	  t2: A 800
//	  t3: B 700, C 600
//	  t4: B 650, A 300
//	  t5: B 400, C 500   (attribute "local")
//	  t6: no choices
//
// Stable (talents propose in turn):
//
//	t1 -> A: A holds t1(900)
//	t2 -> A: full, 800 < 900, rejected; t2 has no more choices
//	t3 -> B: B holds t3(700)
//	t4 -> B: B holds t3, t4(650)
//	t5 -> B: B holds t3, t4, t5(400) (capacity 3)
//
// Nobody would rather move: t2 wants A, which holds 900 > 800; everyone
// else holds their first choice. Result t1-A, t3-B, t4-B, t5-B: 4
// assigned, total 900+700+650+400 = 2650; t2 outranked, t6 no choices.
//
// Optimal: 5 places and 5 talents with choices. t2 can only take A, so
// placing all five needs t2-A and t1-B(150); B then has two places for
// t3, t4, t5 and C one for t3 or t5:
//
//	C=t3: B = t1, t4, t5 -> 800+150+600+650+400 = 2600
//	C=t5: B = t1, t3, t4 -> 800+150+500+700+650 = 2800  (best)
//
// Result t1-B, t2-A, t3-B, t4-B, t5-C: 5 assigned, total 2800.
//
// Optimal with t1 pinned to A, t3 forbidden at C and a quota of one
// "local" talent in B: t2 cannot be placed (A is taken); the quota puts t5
// (the only local) in B, so C could only take t3, which is forbidden.
// Result t1-A, t3-B, t4-B, t5-B: 4 assigned, 900+700+650+400 = 2650; t2
// choices full. Adding a minimum of one talent in C makes it infeasible.
func goldenInstance() Instance {
	return Instance{
		Projects: []Slot{{"A", 1}, {"B", 3}, {"C", 1}},
		Talents: []Entrant{
			{ID: "t6"},
			{ID: "t5", Choices: []Choice{{"B", 400}, {"C", 500}}, Attrs: []string{"local"}},
			{ID: "t4", Choices: []Choice{{"B", 650}, {"A", 300}}},
			{ID: "t3", Choices: []Choice{{"B", 700}, {"C", 600}}},
			{ID: "t2", Choices: []Choice{{"A", 800}}},
			{ID: "t1", Choices: []Choice{{"A", 900}, {"B", 150}}},
		},
	}
}

func TestGolden(t *testing.T) {
	stable, err := Stable(goldenInstance(), Constraints{})
	if err != nil {
		t.Fatal(err)
	}
	want := Result{
		Method: "stable",
		Assignments: []Assignment{
			{"t1", "A", 900}, {"t3", "B", 700}, {"t4", "B", 650}, {"t5", "B", 400},
		},
		Unassigned: []string{"t2", "t6"},
		Unplaced:   []Unplaced{{"t2", UnplacedOutranked}, {"t6", UnplacedNoChoices}},
		Assigned:   4,
		TotalScore: 2650,
	}
	if !reflect.DeepEqual(stable, want) {
		t.Errorf("stable\n got %+v\nwant %+v", stable, want)
	}

	optimal, err := Optimal(goldenInstance(), Constraints{})
	if err != nil {
		t.Fatal(err)
	}
	want = Result{
		Method: "optimal",
		Assignments: []Assignment{
			{"t1", "B", 150}, {"t2", "A", 800}, {"t3", "B", 700}, {"t4", "B", 650}, {"t5", "C", 500},
		},
		Unassigned: []string{"t6"},
		Unplaced:   []Unplaced{{"t6", UnplacedNoChoices}},
		Assigned:   5,
		TotalScore: 2800,
	}
	if !reflect.DeepEqual(optimal, want) {
		t.Errorf("optimal\n got %+v\nwant %+v", optimal, want)
	}

	cons := Constraints{
		Pinned:    []Pair{{"t1", "A"}},
		Forbidden: []Pair{{"t3", "C"}},
		Quotas:    []Quota{{"B", "local", 1}},
	}
	constrained, err := Optimal(goldenInstance(), cons)
	if err != nil {
		t.Fatal(err)
	}
	want = Result{
		Method: "optimal",
		Assignments: []Assignment{
			{"t1", "A", 900}, {"t3", "B", 700}, {"t4", "B", 650}, {"t5", "B", 400},
		},
		Unassigned: []string{"t2", "t6"},
		Unplaced:   []Unplaced{{"t2", UnplacedChoicesFull}, {"t6", UnplacedNoChoices}},
		Assigned:   4,
		TotalScore: 2650,
	}
	if !reflect.DeepEqual(constrained, want) {
		t.Errorf("constrained\n got %+v\nwant %+v", constrained, want)
	}

	cons.Minimums = []Minimum{{"C", 1}}
	_, err = Optimal(goldenInstance(), cons)
	if !errors.Is(err, ErrInfeasible) || !strings.Contains(err.Error(), `quota 1 of project "B"`) && !strings.Contains(err.Error(), `minimum 1 of project "C"`) {
		t.Errorf("minimum in C: got %v, want an infeasibility naming it", err)
	}

	// Forbidding t2's only choice changes its reason.
	st, err := Stable(goldenInstance(), Constraints{Forbidden: []Pair{{"t2", "A"}}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Unplaced[0] != (Unplaced{"t2", UnplacedAllForbidden}) {
		t.Errorf("unplaced %+v", st.Unplaced)
	}
}
