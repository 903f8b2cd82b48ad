package web

import (
	"math"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

func formatDate(lang i18n.Lang, v any) string {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return ""
	}
	t = t.In(domain.Japan())
	if lang == i18n.English {
		return t.Format("2 Jan 2006")
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// formatDateTime formats a time with the hour, in Japan's time zone.
func formatDateTime(lang i18n.Lang, v any) string {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return ""
	}
	t = t.In(domain.Japan())
	if lang == i18n.English {
		return t.Format("2 Jan 2006 15:04")
	}
	return formatDate(lang, t) + " " + t.Format("15:04")
}

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
