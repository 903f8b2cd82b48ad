package web

import (
	"math"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// formatDate and formatDateTime are the i18n formats, as template helpers.
func formatDate(lang i18n.Lang, v any) string     { return i18n.FormatDate(lang, v) }
func formatDateTime(lang i18n.Lang, v any) string { return i18n.FormatDateTime(lang, v) }

// formatFloat shows whole numbers with separators and others with one
// decimal.
func formatFloat(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return formatInt(int(x))
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}

func formatInt(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

func formatYen(lang i18n.Lang, n int) string {
	if lang == i18n.English {
		return "¥" + formatInt(n)
	}
	return formatInt(n) + "円"
}

func notFound(what string) error { return domain.NotFound(what) }
