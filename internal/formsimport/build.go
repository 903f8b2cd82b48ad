package formsimport

import (
	"strings"
	"unicode/utf8"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// build checks one row and turns it into a Record, or says why not. Only
// the first problem is reported, in the order of the package documentation.
func (r *Reader) build(cells []string, row, line int) (Record, *Problem) {
	fail := func(code string, args map[string]any) (Record, *Problem) {
		return Record{}, &Problem{Row: row, Line: line, Code: code, Args: args}
	}
	for i, c := range cells {
		if !validText(c, r.enc) {
			return fail(CodeInvalidEncoding, map[string]any{"Column": r.header(i)})
		}
	}
	if allBlank(cells) {
		return fail(CodeEmpty, nil)
	}
	if len(cells) != len(r.cols) {
		return fail(CodeFieldCount, map[string]any{"Got": len(cells), "Want": len(r.cols)})
	}
	rec := Record{Row: row, Line: line}
	var choices [maxChoices]string
	var stamp string
	for i, col := range r.cols {
		v := normalizeCell(col.Field, cells[i])
		if n := utf8.RuneCountInString(v); col.Field != FieldIgnore && n > col.Field.maxRunes() {
			return fail(CodeTooLong, map[string]any{"Column": col.Header, "Length": n, "Max": col.Field.maxRunes()})
		}
		switch col.Field {
		case FieldSubmittedAt:
			stamp = v
		case FieldEmail:
			rec.Email = v
		case FieldName:
			rec.Name = v
		case FieldFurigana:
			rec.Furigana = v
		case FieldMotivation:
			rec.Motivation = v
		case FieldResidence:
			rec.Residence = v
		case FieldHometown:
			rec.Hometown = v
		case FieldSkills:
			rec.Skills = v
		case FieldHours:
			rec.Hours = v
		case FieldMunicipality:
			rec.Municipality = v
		case FieldTie:
			rec.Tie = v
		case FieldPhone:
			rec.Phone = v
		case FieldExtra:
			if rec.Extra == nil {
				rec.Extra = map[string]string{}
			}
			rec.Extra[r.extra[i]] = v
		default:
			if rank := col.Field.choiceRank(); rank > 0 {
				choices[rank-1] = v
			}
		}
	}
	for _, c := range choices {
		rec.Choices = addChoice(rec.Choices, c)
	}
	switch {
	case rec.Email == "":
		return fail(CodeEmailMissing, nil)
	case !validEmail(rec.Email):
		return fail(CodeEmailInvalid, map[string]any{"Email": rec.Email})
	case rec.Name == "":
		return fail(CodeNameMissing, nil)
	case len(rec.Choices) == 0 && r.choices == ChoicesRequired:
		return fail(CodeChoiceMissing, nil)
	}
	if rec.Phone != "" {
		// A phone number that is not a Japanese one is kept as typed: the
		// entry matters more than a contact field staff can check by mail.
		if phone, err := domain.NormalizePhone(rec.Phone); err == nil {
			rec.Phone = phone
		}
	}
	t, ok := parseTimestamp(stamp)
	if !ok {
		return fail(CodeTimestampInvalid, map[string]any{"Value": stamp})
	}
	rec.SubmittedAt = t
	if first, dup := r.emails[rec.Email]; dup {
		return fail(CodeDuplicateEmail, map[string]any{"FirstRow": first})
	}
	r.emails[rec.Email] = row
	return rec, nil
}

// normalizeCell returns a cell in the form kept for its field.
func normalizeCell(f Field, v string) string {
	switch f {
	case FieldEmail:
		return normalizeEmail(v)
	case FieldFurigana:
		return domain.NormalizeKana(v)
	case FieldName, FieldPhone:
		return oneLine(v)
	case FieldIgnore:
		return ""
	}
	return strings.TrimSpace(v)
}
