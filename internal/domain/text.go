package domain

import (
	"strings"
	"unicode/utf8"
)

// StorableText reports whether s can be kept as text on every engine:
// valid UTF-8 without NUL. PostgreSQL refuses both in a text column,
// and SQLite would keep the raw bytes, so neither may reach the store.
func StorableText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}
