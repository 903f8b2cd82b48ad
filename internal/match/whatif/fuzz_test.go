package whatif

import (
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/match"
)

// FuzzParse feeds arbitrary bytes to the parser and, when they parse,
// the instance to both allocations: nothing may panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodInput))
	f.Add([]byte(`{"projects": [{"id": "p1", "capacity": 2, "min": 1}], "talents": [{"id": "t1", "choices": ["p1"], "attrs": ["local"]}],
		"scores": [{"talent": "t1", "project": "p1", "score": 730}], "pinned": [{"talent": "t1", "project": "p1"}],
		"forbidden": [{"talent": "t1", "project": "p1"}], "quotas": [{"project": "p1", "attr": "local", "min": 1}]}`))
	f.Add([]byte(`{"projects": [{"id": "p1", "capacity": -1}]}`))
	f.Add([]byte(`{"projects": [`))
	f.Add([]byte("\xff\xfe{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inst, cons, err := parse(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if len(inst.Talents) > 200 {
			return
		}
		_, _ = match.Stable(inst, cons)
		_, _ = match.Optimal(inst, cons)
	})
}
