package whatif

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/match"
)

// The input document. Optional beyond the brief: a project's "min", a
// talent's "attrs", and top-level "pinned", "forbidden" and "quotas".
type input struct {
	Projects  []inProject `json:"projects"`
	Talents   []inTalent  `json:"talents"`
	Scores    []inScore   `json:"scores"`
	Pinned    []inPair    `json:"pinned"`
	Forbidden []inPair    `json:"forbidden"`
	Quotas    []inQuota   `json:"quotas"`
}

type inProject struct {
	ID       string `json:"id"`
	Capacity *int   `json:"capacity"`
	Min      *int   `json:"min"`
}

type inTalent struct {
	ID      string   `json:"id"`
	Choices []string `json:"choices"`
	Attrs   []string `json:"attrs"`
}

type inScore struct {
	Talent  string `json:"talent"`
	Project string `json:"project"`
	Score   *int   `json:"score"`
}

type inPair struct {
	Talent  string `json:"talent"`
	Project string `json:"project"`
}

type inQuota struct {
	Project string `json:"project"`
	Attr    string `json:"attr"`
	Min     *int   `json:"min"`
}

// parse reads an input document into an instance and its constraints. It
// rejects anything doubtful with a message that names the problem; JSON
// errors carry the line and column.
func parse(data []byte) (match.Instance, match.Constraints, error) {
	var in input
	var inst match.Instance
	var cons match.Constraints
	if len(bytes.TrimSpace(data)) == 0 {
		return inst, cons, errors.New("empty input")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return inst, cons, jsonError(data, dec, err)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		rest := data[end:]
		end += int64(len(rest) - len(bytes.TrimLeft(rest, " \t\r\n")))
		line, col := position(data, end)
		return inst, cons, fmt.Errorf("%d:%d: unexpected data after the JSON document", line, col)
	}

	projects := map[string]bool{}
	for i, p := range in.Projects {
		switch {
		case p.ID == "":
			return inst, cons, fmt.Errorf("projects[%d]: missing \"id\"", i)
		case projects[p.ID]:
			return inst, cons, fmt.Errorf("duplicate project id %q", p.ID)
		case p.Capacity == nil:
			return inst, cons, fmt.Errorf("project %q: missing \"capacity\"", p.ID)
		case *p.Capacity < 0:
			return inst, cons, fmt.Errorf("project %q: negative capacity %d", p.ID, *p.Capacity)
		case p.Min != nil && (*p.Min < 0 || *p.Min > *p.Capacity):
			return inst, cons, fmt.Errorf("project %q: min %d outside 0..capacity %d", p.ID, *p.Min, *p.Capacity)
		}
		projects[p.ID] = true
		inst.Projects = append(inst.Projects, match.Slot{ID: p.ID, Capacity: *p.Capacity})
		if p.Min != nil && *p.Min > 0 {
			cons.Minimums = append(cons.Minimums, match.Minimum{Project: p.ID, Min: *p.Min})
		}
	}

	type pair struct{ t, p string }
	chosen := map[pair]int{} // -> index in choices, to fill scores in
	talents := map[string]int{}
	for i, t := range in.Talents {
		switch _, dup := talents[t.ID]; {
		case t.ID == "":
			return inst, cons, fmt.Errorf("talents[%d]: missing \"id\"", i)
		case dup:
			return inst, cons, fmt.Errorf("duplicate talent id %q", t.ID)
		}
		talents[t.ID] = i
		e := match.Entrant{ID: t.ID, Attrs: t.Attrs}
		for j, p := range t.Choices {
			if !projects[p] {
				return inst, cons, fmt.Errorf("talent %q: choice %q is not a project", t.ID, p)
			}
			if _, dup := chosen[pair{t.ID, p}]; dup {
				return inst, cons, fmt.Errorf("talent %q: duplicate choice %q", t.ID, p)
			}
			chosen[pair{t.ID, p}] = j
			e.Choices = append(e.Choices, match.Choice{Project: p, Score: -1})
		}
		inst.Talents = append(inst.Talents, e)
	}

	for i, s := range in.Scores {
		k, ok := chosen[pair{s.Talent, s.Project}]
		_, knownTalent := talents[s.Talent]
		switch {
		case s.Score == nil:
			return inst, cons, fmt.Errorf("scores[%d]: missing \"score\"", i)
		case !knownTalent:
			return inst, cons, fmt.Errorf("scores[%d]: unknown talent %q", i, s.Talent)
		case !projects[s.Project]:
			return inst, cons, fmt.Errorf("scores[%d]: unknown project %q", i, s.Project)
		case !ok:
			return inst, cons, fmt.Errorf("scores[%d]: project %q is not among talent %q's choices", i, s.Project, s.Talent)
		case *s.Score < 0 || *s.Score > 1000:
			return inst, cons, fmt.Errorf("score %d for talent %q, project %q is outside 0..1000", *s.Score, s.Talent, s.Project)
		}
		c := &inst.Talents[talents[s.Talent]].Choices[k]
		if c.Score >= 0 {
			return inst, cons, fmt.Errorf("duplicate score for talent %q, project %q", s.Talent, s.Project)
		}
		c.Score = *s.Score
	}
	for _, t := range inst.Talents {
		for _, c := range t.Choices {
			if c.Score < 0 {
				return inst, cons, fmt.Errorf("missing score for talent %q, project %q", t.ID, c.Project)
			}
		}
	}

	for _, p := range in.Pinned {
		cons.Pinned = append(cons.Pinned, match.Pair{Talent: p.Talent, Project: p.Project})
	}
	for _, p := range in.Forbidden {
		cons.Forbidden = append(cons.Forbidden, match.Pair{Talent: p.Talent, Project: p.Project})
	}
	for i, q := range in.Quotas {
		if q.Min == nil {
			return inst, cons, fmt.Errorf("quotas[%d]: missing \"min\"", i)
		}
		cons.Quotas = append(cons.Quotas, match.Quota{Project: q.Project, Attr: q.Attr, Min: *q.Min})
	}
	return inst, cons, nil
}

// jsonError adds the line and column to a decoding error.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	offset := dec.InputOffset()
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	msg := trimJSON(err.Error())
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset - 1 // the offending byte
	case errors.As(err, &typ):
		offset = typ.Offset // just after the offending value
		where := typ.Field
		if where == "" {
			where = "the document"
		}
		msg = fmt.Sprintf("%s must be %s, not a JSON %s", where, kindName(typ.Type), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		offset = int64(len(data))
	case strings.HasPrefix(msg, "unknown field "):
		// The decoder does not say where; point at the first use.
		if i := bytes.Index(data, []byte(strings.TrimPrefix(msg, "unknown field "))); i >= 0 {
			offset = int64(i)
		}
	}
	line, col := position(data, offset)
	return fmt.Errorf("%d:%d: %s", line, col, msg)
}

// kindName says in words what JSON a Go type takes.
func kindName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}

func trimJSON(s string) string {
	if len(s) > 6 && s[:6] == "json: " {
		return s[6:]
	}
	return s
}

// position turns a byte offset into a 1-based line and column (in bytes).
func position(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
