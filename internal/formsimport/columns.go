package formsimport

import (
	"fmt"
	"strings"
)

// Column is one column of the export and the field it was given, to show
// staff how the file was understood.
type Column struct {
	Index  int    // position in the row, from 0
	Header string // title as in the file, trimmed
	Field  Field  // FieldExtra if not recognised
	Mapped bool   // the field comes from the Mapping, not recognition
}

// resolveColumns gives each header a field: the mapping first, then
// recognition. When several columns claim one field, a mapped column wins,
// then the one found with fewer notes dropped; the others are kept in Extra.
// A tie is an error, as are missing e-mail, name or choice columns.
func resolveColumns(header []string, idx map[string]Field, rule ChoiceRule) ([]Column, error) {
	cols := make([]Column, len(header))
	depth := make([]int, len(header))
	titles := make([]string, len(header))
	var order []Field // fields in order of first claim
	claims := map[Field][]int{}
	for i, h := range header {
		titles[i] = strings.TrimSpace(h)
		cols[i] = Column{Index: i, Header: titles[i]}
		if f, ok := idx[headerKey(h)]; ok {
			cols[i].Field, cols[i].Mapped = f, true
		} else {
			cols[i].Field, depth[i] = recognise(h)
		}
		if rule == ChoicesIgnored && cols[i].Field.choiceRank() > 0 {
			cols[i].Field = FieldExtra
		}
		if f := cols[i].Field; f != FieldExtra && f != FieldIgnore {
			if claims[f] == nil {
				order = append(order, f)
			}
			claims[f] = append(claims[f], i)
		}
	}
	splitResidence(cols, claims)
	for _, f := range order {
		if err := settle(cols, depth, claims[f], titles); err != nil {
			return nil, err
		}
	}
	var missing []Field
	have := map[Field]bool{}
	for _, c := range cols {
		have[c.Field] = true
	}
	for _, f := range [...]Field{FieldEmail, FieldName} {
		if !have[f] {
			missing = append(missing, f)
		}
	}
	if rule == ChoicesRequired && !hasChoice(have) {
		missing = append(missing, FieldChoice1)
	}
	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, f := range missing {
			names[i] = string(f)
		}
		return nil, &FileError{Code: CodeHeaderMissing, Headers: titles, Missing: missing, Columns: cols,
			Args: map[string]any{"Missing": strings.Join(names, ", "), "Headers": joinHeaders(titles)}}
	}
	return cols, nil
}

// settle keeps one of the columns claiming a field and moves the rest to
// Extra.
func settle(cols []Column, depth, claim []int, titles []string) error {
	if len(claim) < 2 {
		return nil
	}
	rank := func(i int) int {
		if cols[i].Mapped {
			return -1
		}
		return depth[i]
	}
	best := claim[0]
	for _, i := range claim[1:] {
		if rank(i) < rank(best) {
			best = i
		}
	}
	var tied []string
	for _, i := range claim {
		if rank(i) == rank(best) {
			tied = append(tied, titles[i])
		}
	}
	if len(tied) > 1 {
		return &FileError{Code: CodeHeaderDuplicate, Headers: titles,
			Args: map[string]any{"Field": string(cols[best].Field), "Headers": joinHeaders(tied)}}
	}
	for _, i := range claim {
		if i != best {
			cols[i].Field = FieldExtra
		}
	}
	return nil
}

func hasChoice(have map[Field]bool) bool {
	for rank := 1; rank <= maxChoices; rank++ {
		if have[choiceField(rank)] {
			return true
		}
	}
	return false
}

// extraKeys returns the Record.Extra key of each column ("" if the column
// is not kept in Extra).
func extraKeys(cols []Column) []string {
	keys := make([]string, len(cols))
	seen := map[string]bool{}
	for i, c := range cols {
		if c.Field != FieldExtra {
			continue
		}
		k := c.Header
		for k == "" || seen[k] {
			k = strings.TrimSpace(fmt.Sprintf("%s #%d", k, i+1))
		}
		seen[k] = true
		keys[i] = k
	}
	return keys
}

// splitResidence settles a form that asks the prefecture and the
// municipality in two columns (お住まいの都道府県, お住まいの市区町村),
// which both read as the residence: the one about the municipality
// becomes the municipality column.
func splitResidence(cols []Column, claims map[Field][]int) {
	list := claims[FieldResidence]
	if len(list) != 2 {
		return
	}
	for n, i := range list {
		k := headerKey(cols[i].Header)
		other := headerKey(cols[list[1-n]].Header)
		if !cols[i].Mapped && (strings.Contains(k, "市区町村") || strings.Contains(k, "区市町村")) &&
			strings.Contains(other, "都道府県") && !strings.Contains(other, "市区町村") {
			cols[i].Field = FieldMunicipality
			claims[FieldResidence] = []int{list[1-n]}
			claims[FieldMunicipality] = append(claims[FieldMunicipality], i)
			return
		}
	}
}
