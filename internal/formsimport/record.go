package formsimport

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"golang.org/x/text/unicode/norm"
)

// Record is one accepted row of the export.
type Record struct {
	Row         int       // spreadsheet row number: the header is row 1, the first answer row 2
	Line        int       // line of the file where the row starts
	SubmittedAt time.Time // zero if there is no timestamp column or it is blank
	Email       string    // NFKC, trimmed, lower case
	Name        string    // NFKC, trimmed, inner spaces collapsed to one
	Furigana    string    // domain.NormalizeKana: NFKC, hiragana as katakana, inner spaces collapsed to one
	Choices     []string  // answers for choice 1..5 in rank order, trimmed, without blanks and repeats
	Motivation  string    // trimmed
	Residence   string    // trimmed: a prefecture, or a prefecture and municipality
	// Municipality is the municipality lived in, trimmed.
	Municipality string
	// Tie is the answer about the entrant's tie to the municipality
	// (在住, 在勤, 出身, 応援したい; several may be given), trimmed.
	Tie      string
	Hometown string // trimmed
	Skills   string // trimmed
	Hours    string // trimmed
	Phone    string // domain.NormalizePhone: ASCII digits, hyphens where typed; "" if blank
	// Extra holds the trimmed cells of unrecognised columns by title (a
	// title that is blank or repeated gets " #n", n being the column
	// number). Nil when there are no such columns.
	Extra map[string]string
}

// oneLine normalises a name: NFKC, with runs of spaces (including the
// ideographic space) collapsed to one and the ends trimmed.
func oneLine(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// normalizeEmail returns an address in the form it is compared and stored,
// domain.NormalizeEmail's (NFKC, trimmed, lower case).
func normalizeEmail(s string) string { return domain.NormalizeEmail(s) }

// validEmail reports whether e (normalised) is one bare ASCII address with a
// dot in its domain, as net/mail reads it.
func validEmail(e string) bool {
	if strings.Count(e, "@") != 1 {
		return false
	}
	for i := 0; i < len(e); i++ {
		if e[i] >= utf8.RuneSelf {
			return false
		}
	}
	a, err := mail.ParseAddress(e)
	if err != nil || a.Name != "" || a.Address != e {
		return false
	}
	local, domain, _ := strings.Cut(e, "@")
	return local != "" && strings.Contains(domain, ".") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") &&
		!strings.Contains(domain, "..")
}

// addChoice appends a choice unless it is blank or already there.
func addChoice(choices []string, c string) []string {
	if c == "" {
		return choices
	}
	for _, have := range choices {
		if have == c {
			return choices
		}
	}
	return append(choices, c)
}

// allBlank reports whether every cell is blank.
func allBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
