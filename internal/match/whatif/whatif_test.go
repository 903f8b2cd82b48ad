package whatif

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodInput = `{
  "projects": [{"id": "p1", "capacity": 1}, {"id": "p2", "capacity": 1}, {"id": "p3", "capacity": 0}],
  "talents": [
    {"id": "t3", "choices": ["p1"]},
    {"id": "t1", "choices": ["p1", "p2"]},
    {"id": "t2", "choices": ["p1"]},
    {"id": "t4", "choices": []}
  ],
  "scores": [
    {"talent": "t1", "project": "p1", "score": 730},
    {"talent": "t1", "project": "p2", "score": 500},
    {"talent": "t2", "project": "p1", "score": 600},
    {"talent": "t3", "project": "p1", "score": 900}
  ]
}`

// Stable by hand: t1 -> p1 (730); t2 -> p1 rejected (600 < 730); t3 -> p1
// (900) displaces t1; t1 -> p2 (500). t2 outranked, t4 has no choices.
const goodStable = `{
  "method": "stable",
  "assignments": [
    {
      "talent": "t1",
      "project": "p2"
    },
    {
      "talent": "t3",
      "project": "p1"
    }
  ],
  "unassigned": [
    "t2",
    "t4"
  ],
  "unassigned_reasons": [
    {
      "talent": "t2",
      "reason": "outranked"
    },
    {
      "talent": "t4",
      "reason": "no_choices"
    }
  ],
  "assigned": 2,
  "total_score": 1400
}
`

func TestRunGood(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := Run([]string{"--input", "-", "--method", "stable"}, strings.NewReader(goodInput), &stdout, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if stdout.String() != goodStable {
		t.Errorf("output\n%s\nwant\n%s", stdout.String(), goodStable)
	}

	// The same through files, with the optimal method: p1 and p2 take
	// one talent each; t3 (900) at p1 and t1 (500) at p2 is the best total.
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.json")
	if err := os.WriteFile(in, []byte(goodInput), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if err := Run([]string{"--input", in, "--method", "optimal", "--output", out}, nil, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(strings.Replace(goodStable, `"stable"`, `"optimal"`, 1), `"outranked"`, `"choices_full"`, 1)
	if string(got) != want || stdout.Len() != 0 {
		t.Errorf("file output\n%s\nwant\n%s", got, want)
	}
}

func TestRunHelp(t *testing.T) {
	var stdout bytes.Buffer
	if err := Run([]string{"-h"}, nil, &stdout, &stdout); err != nil || !strings.Contains(stdout.String(), "--method") {
		t.Errorf("help: %v %q", err, stdout.String())
	}
}

func TestRunBad(t *testing.T) {
	const projects = `"projects": [{"id": "p1", "capacity": 1}, {"id": "p2", "capacity": 2}]`
	cases := []struct {
		name  string
		args  []string
		input string
		want  string
	}{
		{"no input flag", []string{"--method", "stable"}, "", "missing --input"},
		{"bad method", []string{"--input", "-", "--method", "greedy"}, "{}", `--method must be stable or optimal, not "greedy"`},
		{"unknown flag", []string{"--input", "-", "--method", "stable", "--fast"}, "{}", "flag provided but not defined: -fast"},
		{"extra argument", []string{"--input", "-", "--method", "stable", "x.json"}, "{}", `unexpected argument "x.json"`},
		{"missing file", []string{"--input", "/nonexistent/in.json", "--method", "stable"}, "", "cannot open input"},
		{"empty input", nil, "  \n", "empty input"},
		{"malformed", nil, "{\n  \"projects\": [\n    {\"id\": \"p1\" \"capacity\": 1}]}", `stdin:3:17: invalid character '"' after object key:value pair`},
		{"truncated", nil, `{"projects": [`, "stdin:1:15: unexpected EOF"},
		{"trailing data", nil, `{} {}`, "stdin:1:4: unexpected data after the JSON document"},
		{"not an object", nil, `[]`, "the document must be an object"},
		{"unknown field", nil, "{\n \"projects\": [{\"id\": \"p1\", \"capcity\": 1}]}", `stdin:2:28: unknown field "capcity"`},
		{"wrong type", nil, `{"projects": [{"id": "p1", "capacity": "two"}]}`, "projects.capacity must be an integer, not a JSON string"},
		{"missing id", nil, `{"projects": [{"capacity": 1}]}`, `projects[0]: missing "id"`},
		{"missing capacity", nil, `{"projects": [{"id": "p1"}]}`, `project "p1": missing "capacity"`},
		{"negative capacity", nil, `{"projects": [{"id": "p1", "capacity": -1}]}`, `project "p1": negative capacity -1`},
		{"min over capacity", nil, `{"projects": [{"id": "p1", "capacity": 1, "min": 2}]}`, `project "p1": min 2 outside 0..capacity 1`},
		{"duplicate project", nil, `{"projects": [{"id": "p1", "capacity": 1}, {"id": "p1", "capacity": 1}]}`, `duplicate project id "p1"`},
		{"duplicate talent", nil, `{` + projects + `, "talents": [{"id": "t1"}, {"id": "t1"}]}`, `duplicate talent id "t1"`},
		{"unknown project in choices", nil, `{` + projects + `, "talents": [{"id": "t1", "choices": ["p9"]}]}`, `talent "t1": choice "p9" is not a project`},
		{"duplicate choice", nil, `{` + projects + `, "talents": [{"id": "t1", "choices": ["p1", "p1"]}]}`, `talent "t1": duplicate choice "p1"`},
		{"missing score", nil, `{` + projects + `, "talents": [{"id": "t1", "choices": ["p1", "p2"]}], "scores": [{"talent": "t1", "project": "p1", "score": 5}]}`, `missing score for talent "t1", project "p2"`},
		{"score too high", nil, `{` + projects + `, "talents": [{"id": "t1", "choices": ["p1"]}], "scores": [{"talent": "t1", "project": "p1", "score": 1001}]}`, `score 1001 for talent "t1", project "p1" is outside 0..1000`},
		{"score negative", nil, `{` + projects + `, "talents": [{"id": "t1", "choices": ["p1"]}], "scores": [{"talent": "t1", "project": "p1", "score": -3}]}`, "is outside 0..1000"},
		{"score without value", nil, `{` + projects + `, "talents": [{"id": "t1", "choices": ["p1"]}], "scores": [{"talent": "t1", "project": "p1"}]}`, `scores[0]: missing "score"`},
		{"duplicate score", nil, `{` + projects + `, "talents": [{"id": "t1", "choices": ["p1"]}], "scores": [{"talent": "t1", "project": "p1", "score": 1}, {"talent": "t1", "project": "p1", "score": 2}]}`, `duplicate score for talent "t1", project "p1"`},
		{"score not a choice", nil, `{` + projects + `, "talents": [{"id": "t1", "choices": ["p1"]}], "scores": [{"talent": "t1", "project": "p1", "score": 1}, {"talent": "t1", "project": "p2", "score": 2}]}`, `scores[1]: project "p2" is not among talent "t1"'s choices`},
		{"score unknown talent", nil, `{` + projects + `, "scores": [{"talent": "t9", "project": "p1", "score": 1}]}`, `scores[0]: unknown talent "t9"`},
		{"pin unknown talent", nil, `{` + projects + `, "pinned": [{"talent": "t9", "project": "p1"}]}`, `unknown talent "t9"`},
		{"minimum with stable", nil, `{"projects": [{"id": "p1", "capacity": 1, "min": 1}]}`, "does not support minimums"},
		{"infeasible", []string{"--input", "-", "--method", "optimal"}, `{"projects": [{"id": "p1", "capacity": 2, "min": 2}], "talents": [{"id": "t1", "choices": ["p1"]}], "scores": [{"talent": "t1", "project": "p1", "score": 1}]}`, `infeasible: project "p1" needs 2 more talent(s) but only 1 list it`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if args == nil {
				args = []string{"--input", "-", "--method", "stable"}
			}
			var stdout, stderr bytes.Buffer
			err := Run(args, strings.NewReader(tc.input), &stdout, &stderr)
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("got %v (%T), want a *UsageError", err, err)
			}
			if ue.ExitCode() != 2 {
				t.Errorf("exit code %d, want 2", ue.ExitCode())
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("wrote output on error: %q", stdout.String())
			}
		})
	}
}

func TestRunWriteFailure(t *testing.T) {
	err := Run([]string{"--input", "-", "--method", "stable", "--output", "/nonexistent/out.json"},
		strings.NewReader(goodInput), &bytes.Buffer{}, &bytes.Buffer{})
	var ue *UsageError
	if err == nil || errors.As(err, &ue) {
		t.Errorf("got %v, want a plain error", err)
	}
}
