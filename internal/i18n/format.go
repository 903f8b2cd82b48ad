package i18n

import (
	"strconv"
	"strings"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// FormatDate formats a date in Japan's time zone: 2021年7月1日, or
// 1 Jul 2021 in English. Anything but a non-zero time gives "".
func FormatDate(lang Lang, v any) string {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return ""
	}
	t = t.In(domain.Japan())
	if lang == English {
		return t.Format("2 Jan 2006")
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// FormatDateTime formats a time with the hour, in Japan's time zone.
func FormatDateTime(lang Lang, v any) string {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return ""
	}
	t = t.In(domain.Japan())
	if lang == English {
		return t.Format("2 Jan 2006 15:04")
	}
	return FormatDate(lang, t) + " " + t.Format("15:04")
}

// Pick is the English text in English when there is one, else the
// Japanese.
func Pick(lang Lang, ja, en string) string {
	if lang == English && en != "" {
		return en
	}
	return ja
}

// Args translates the arguments of a message: a string that names a
// catalog key (such as "entry.status_offered") becomes its text, and
// "What" names a thing ("thing.project").
func (c *Catalog) Args(lang Lang, args map[string]any) map[string]any {
	if len(args) == 0 {
		return args
	}
	out := make(map[string]any, len(args))
	for k, v := range args {
		if str, ok := v.(string); ok && strings.Contains(str, ".") && c.Has(str) {
			v = c.T(lang, str, nil)
		}
		out[k] = v
	}
	if what, ok := args["What"].(string); ok {
		out["What"] = c.T(lang, "thing."+what, nil)
	}
	return out
}
