package search

import "strings"

// FTS5 returns SQLite FTS5 MATCH expressions: match for the positive part
// and exclude for the excluded phrases, joined by OR. Either is "" when
// there is none. Groups are joined by an explicit AND: FTS5 accepts the
// implicit AND of juxtaposition only between phrases, not next to a
// parenthesised group ("a" ("b" OR "c") is a syntax error). The caller runs
//
//	… WHERE fts MATCH match AND id NOT IN (SELECT rowid FROM fts WHERE fts MATCH exclude)
//
// leaving out the parts that are "".
func (q Query) FTS5() (match, exclude string) {
	var b strings.Builder
	for i, g := range q.groups {
		if i > 0 {
			b.WriteString(" AND ")
		}
		if len(g) == 1 {
			writeFTS5Phrase(&b, g[0])
			continue
		}
		b.WriteByte('(')
		for j, p := range g {
			if j > 0 {
				b.WriteString(" OR ")
			}
			writeFTS5Phrase(&b, p)
		}
		b.WriteByte(')')
	}
	match = b.String()
	b.Reset()
	for i, p := range q.excluded {
		if i > 0 {
			b.WriteString(" OR ")
		}
		writeFTS5Phrase(&b, p)
	}
	return match, b.String()
}

// writeFTS5Phrase writes p as an FTS5 string, which FTS5 reads as a phrase.
func writeFTS5Phrase(b *strings.Builder, p phrase) {
	b.WriteByte('"')
	for i, t := range p {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ReplaceAll(t, `"`, `""`))
	}
	b.WriteByte('"')
}

// TSQuery returns the query in PostgreSQL tsquery syntax, for
// to_tsquery('simple', $1): phrases as 'a' <-> 'b', groups joined by &,
// the phrases of an OR group by |, and the excluded phrases as
// & !(…). A query of exclusions only is just !(…). It returns "" when
// the query is Empty.
func (q Query) TSQuery() string {
	var b strings.Builder
	for i, g := range q.groups {
		if i > 0 {
			b.WriteString(" & ")
		}
		if len(g) == 1 {
			writeTSPhrase(&b, g[0])
			continue
		}
		b.WriteByte('(')
		writeTSAlternatives(&b, g)
		b.WriteByte(')')
	}
	if len(q.excluded) > 0 {
		if len(q.groups) > 0 {
			b.WriteString(" & ")
		}
		b.WriteString("!(")
		writeTSAlternatives(&b, q.excluded)
		b.WriteByte(')')
	}
	return b.String()
}

// writeTSAlternatives writes phrases joined by |. <-> binds tighter than |,
// so phrases need no parentheses.
func writeTSAlternatives(b *strings.Builder, ps []phrase) {
	for i, p := range ps {
		if i > 0 {
			b.WriteString(" | ")
		}
		writeTSPhrase(b, p)
	}
}

// writeTSPhrase writes p as quoted lexemes joined by <->.
func writeTSPhrase(b *strings.Builder, p phrase) {
	for i, t := range p {
		if i > 0 {
			b.WriteString(" <-> ")
		}
		b.WriteString(tsQuote(t))
	}
}

// tsQuote quotes a lexeme for tsquery input: inside '…' a quote is doubled
// and a backslash escapes the next character. Terms hold neither, but user
// text must never be able to break the syntax.
func tsQuote(t string) string {
	t = strings.ReplaceAll(t, `\`, `\\`)
	return "'" + strings.ReplaceAll(t, "'", "''") + "'"
}
