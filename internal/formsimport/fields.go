package formsimport

import (
	"fmt"
	"strconv"
	"strings"
)

// Field is what a column of the export holds.
type Field string

// Fields a column can be mapped to.
const (
	FieldSubmittedAt Field = "submitted_at"
	FieldEmail       Field = "email"
	FieldName        Field = "name"
	FieldFurigana    Field = "furigana"
	FieldChoice1     Field = "choice1"
	FieldChoice2     Field = "choice2"
	FieldChoice3     Field = "choice3"
	FieldChoice4     Field = "choice4"
	FieldChoice5     Field = "choice5"
	FieldMotivation  Field = "motivation"
	FieldResidence   Field = "residence"
	FieldHometown    Field = "hometown"
	FieldSkills      Field = "skills"
	FieldHours       Field = "hours"
	FieldPhone       Field = "phone"
	// FieldMunicipality is the municipality lived in (市区町村).
	FieldMunicipality Field = "municipality"
	// FieldTie is the tie to the municipality (〇〇区との関わり).
	FieldTie Field = "tie"
	// FieldIgnore drops the column.
	FieldIgnore Field = "ignore"
	// FieldExtra keeps the column in Record.Extra. Unrecognised columns get
	// it; a mapping may also use it to stop a column being recognised.
	FieldExtra Field = "extra"
)

// Fields lists every field a column can be given, in the order a mapping
// form offers them.
func Fields() []Field {
	return []Field{FieldSubmittedAt, FieldEmail, FieldName, FieldFurigana,
		FieldChoice1, FieldChoice2, FieldChoice3, FieldChoice4, FieldChoice5,
		FieldMotivation, FieldResidence, FieldMunicipality, FieldTie, FieldHometown, FieldSkills, FieldHours,
		FieldPhone, FieldExtra, FieldIgnore}
}

// ChoiceRank returns the rank (1..5) of a choice field, or 0.
func (f Field) ChoiceRank() int { return f.choiceRank() }

// maxChoices is how many ranked choice columns a form may have.
const maxChoices = 5

// choiceField returns the field of the choice with the given rank (1..5).
func choiceField(rank int) Field { return Field("choice" + strconv.Itoa(rank)) }

// ParseField returns the field named s, as written in a mapping file.
func ParseField(s string) (Field, error) {
	f := Field(strings.TrimSpace(strings.ToLower(s)))
	switch f {
	case FieldSubmittedAt, FieldEmail, FieldName, FieldFurigana,
		FieldChoice1, FieldChoice2, FieldChoice3, FieldChoice4, FieldChoice5,
		FieldMotivation, FieldResidence, FieldHometown, FieldSkills, FieldHours,
		FieldPhone, FieldMunicipality, FieldTie, FieldIgnore, FieldExtra:
		return f, nil
	}
	return "", fmt.Errorf("formsimport: unknown field %q", s)
}

// choiceRank returns the rank (1..5) of a choice field, or 0.
func (f Field) choiceRank() int {
	rest, ok := strings.CutPrefix(string(f), "choice")
	if !ok || len(rest) != 1 || rest[0] < '1' || rest[0] > '0'+maxChoices {
		return 0
	}
	return int(rest[0] - '0')
}

// maxRunes is the longest value accepted in a field, in runes.
func (f Field) maxRunes() int {
	switch f {
	case FieldMotivation, FieldExtra:
		return 4000
	case FieldSkills:
		return 2000
	}
	return 200
}
