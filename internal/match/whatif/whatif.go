// Package whatif is the `tsunagu match` command: it reads an allocation
// problem as JSON, runs the stable or the optimal allocation of package
// match, and writes the result as JSON, so that staff can ask "what if"
// before deciding.
//
//	tsunagu match --input FILE.json --method stable|optimal [--output FILE]
//
// Input ("-" reads standard input):
//
//	{"projects": [{"id": "p1", "capacity": 2}],
//	 "talents":  [{"id": "t1", "choices": ["p1", "p3"]}],
//	 "scores":   [{"talent": "t1", "project": "p1", "score": 730}]}
//
// Optional: "min" on a project; "attrs" on a talent; top-level "pinned"
// and "forbidden" (lists of {"talent", "project"}) and "quotas" (list of
// {"project", "attr", "min"}). Minimums and quotas need --method optimal.
//
// Output: {"method", "assignments": [{"talent", "project"}] sorted by
// talent, "unassigned" sorted, "unassigned_reasons": [{"talent",
// "reason"}], "assigned", "total_score"}.
package whatif

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/match"
)

// maxInput bounds the input read into memory.
const maxInput = 64 << 20

// UsageError is a problem with the command line or the input. The command
// should exit with ExitCode.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return "match: " + e.Msg }

// ExitCode is 2, the conventional code for bad usage.
func (e *UsageError) ExitCode() int { return 2 }

func usageErr(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

const usage = `usage: tsunagu match --input FILE.json --method stable|optimal [--output FILE]

  --input FILE    allocation problem as JSON; "-" reads standard input
  --method NAME   stable (deferred acceptance) or optimal (most talents, then highest total score)
  --output FILE   write the result there instead of standard output
`

type output struct {
	Method      string      `json:"method"`
	Assignments []outPair   `json:"assignments"`
	Unassigned  []string    `json:"unassigned"`
	Reasons     []outReason `json:"unassigned_reasons"`
	Assigned    int         `json:"assigned"`
	TotalScore  int         `json:"total_score"`
}

type outPair struct {
	Talent  string `json:"talent"`
	Project string `json:"project"`
}

type outReason struct {
	Talent string `json:"talent"`
	Reason string `json:"reason"`
}

// Run runs the command with args (without the "match" word). Problems
// with the arguments or the input are returned as *UsageError; a failure
// to write the output as a plain error.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("match", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	inPath := fs.String("input", "", "")
	method := fs.String("method", "", "")
	outPath := fs.String("output", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			_, werr := io.WriteString(stdout, usage)
			return werr
		}
		return usageErr("%v (see tsunagu match -h)", err)
	}
	switch {
	case fs.NArg() > 0:
		return usageErr("unexpected argument %q (see tsunagu match -h)", fs.Arg(0))
	case *inPath == "":
		return usageErr("missing --input (see tsunagu match -h)")
	case *method != "stable" && *method != "optimal":
		return usageErr("--method must be stable or optimal, not %q", *method)
	}

	data, err := readInput(*inPath, stdin)
	if err != nil {
		return err
	}
	name := *inPath
	if name == "-" {
		name = "stdin"
	}
	inst, cons, err := parse(data)
	if err != nil {
		return usageErr("%s:%v", name, prefixColon(err))
	}
	allocate := match.Stable
	if *method == "optimal" {
		allocate = match.Optimal
	}
	res, err := allocate(inst, cons)
	if err != nil {
		return usageErr("%s: %s", name, strings.TrimPrefix(err.Error(), "match: "))
	}

	body, err := json.MarshalIndent(toOutput(res), "", "  ")
	if err != nil {
		return err
	}
	body = append(body, '\n')
	if *outPath == "" || *outPath == "-" {
		_, err = stdout.Write(body)
		return err
	}
	if err := os.WriteFile(*outPath, body, 0o644); err != nil {
		return fmt.Errorf("match: writing output: %w", err)
	}
	fmt.Fprintf(stderr, "match: %s: %d assigned, total score %d, written to %s\n", res.Method, res.Assigned, res.TotalScore, *outPath)
	return nil
}

// prefixColon formats a parse error after "name:": positioned errors
// ("3:14: ...") join directly, others after a space.
func prefixColon(err error) string {
	s := err.Error()
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return s
	}
	return " " + s
}

func readInput(path string, stdin io.Reader) ([]byte, error) {
	r := stdin
	if r == nil {
		r = strings.NewReader("")
	}
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, usageErr("cannot open input: %v", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, usageErr("cannot read input: %v", err)
	}
	if len(data) > maxInput {
		return nil, usageErr("input is larger than %d MiB", maxInput>>20)
	}
	return data, nil
}

func toOutput(res match.Result) output {
	out := output{
		Method:      res.Method,
		Assignments: make([]outPair, 0, len(res.Assignments)),
		Unassigned:  res.Unassigned,
		Reasons:     make([]outReason, 0, len(res.Unplaced)),
		Assigned:    res.Assigned,
		TotalScore:  res.TotalScore,
	}
	for _, a := range res.Assignments {
		out.Assignments = append(out.Assignments, outPair{Talent: a.Talent, Project: a.Project})
	}
	for _, u := range res.Unplaced {
		out.Reasons = append(out.Reasons, outReason{Talent: u.Talent, Reason: u.Reason})
	}
	if out.Unassigned == nil {
		out.Unassigned = []string{}
	}
	return out
}
