package store

import (
	"strconv"
	"strings"
)

// inList renders "$n, $n+1, …" for the values, numbered from first, and
// returns them as arguments.
func inList[T any](values []T, first int) (string, []any) {
	var b strings.Builder
	args := make([]any, len(values))
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$")
		b.WriteString(strconv.Itoa(first + i))
		args[i] = v
	}
	return b.String(), args
}
