package formsimport

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// japan is Japan Standard Time, without the system time zone database.
func japan() *time.Location { return time.FixedZone("JST", 9*60*60) }

// parseTimestamp reads a Google Forms timestamp as Japan time. An empty
// value gives the zero time. Accepted: RFC 3339; a date as 2021/07/15,
// 2021-7-5, 2021.07.15, 2021年7月15日 or (English sheets) 7/15/2021, read
// month first unless the first number is over 12; then optionally a time
// H:MM, H:MM:SS or H:MM:SS.fff with 午前/午後 or AM/PM before or after it.
func parseTimestamp(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
	if s == "" {
		return time.Time{}, true
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	datePart, clockPart := s, ""
	if i := strings.IndexAny(s, " T"); i >= 0 {
		datePart, clockPart = s[:i], strings.TrimSpace(s[i+1:])
	}
	y, mo, d, ok := parseDate(datePart)
	if !ok {
		return time.Time{}, false
	}
	h, mi, sec, nsec, ok := parseClock(clockPart)
	if !ok {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, nsec, japan())
	if t.Day() != d || int(t.Month()) != mo {
		return time.Time{}, false // 2021/02/30
	}
	return t, true
}

// parseDate reads year, month and day.
func parseDate(s string) (y, m, d int, ok bool) {
	if rest, found := strings.CutSuffix(s, "日"); found {
		s = strings.NewReplacer("年", "/", "月", "/").Replace(rest)
	}
	sep := strings.IndexAny(s, "/-.")
	if sep < 0 {
		return 0, 0, 0, false
	}
	parts := strings.Split(s, s[sep:sep+1])
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	var n [3]int
	for i, p := range parts {
		if n[i], ok = number(p, 4); !ok {
			return 0, 0, 0, false
		}
	}
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		y, m, d = n[0], n[1], n[2]
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2 && n[0] > 12:
		y, m, d = n[2], n[1], n[0] // 15/07/2021
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		y, m, d = n[2], n[0], n[1] // 7/15/2021
	default:
		return 0, 0, 0, false
	}
	return y, m, d, y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// parseClock reads a time of day; an empty s is midnight.
func parseClock(s string) (h, m, sec, nsec int, ok bool) {
	if s == "" {
		return 0, 0, 0, 0, true
	}
	meridiem := ""
	for _, mark := range [...]string{"午前", "午後", "am", "pm", "AM", "PM"} {
		if rest, found := strings.CutPrefix(s, mark); found {
			meridiem, s = mark, rest
			break
		}
		if rest, found := strings.CutSuffix(s, mark); found {
			meridiem, s = mark, rest
			break
		}
	}
	s = strings.TrimSpace(s)
	whole, frac, hasFrac := strings.Cut(s, ".")
	parts := strings.Split(whole, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, 0, false
	}
	if h, ok = number(parts[0], 2); !ok {
		return 0, 0, 0, 0, false
	}
	if m, ok = number(parts[1], 2); !ok || len(parts[1]) != 2 || m > 59 {
		return 0, 0, 0, 0, false
	}
	if len(parts) == 3 {
		if sec, ok = number(parts[2], 2); !ok || len(parts[2]) != 2 || sec > 59 {
			return 0, 0, 0, 0, false
		}
	}
	if hasFrac {
		if len(parts) != 3 || frac == "" || len(frac) > 9 {
			return 0, 0, 0, 0, false
		}
		f, ok := number(frac, 9)
		if !ok {
			return 0, 0, 0, 0, false
		}
		nsec = f * pow10(9-len(frac))
	}
	switch meridiem {
	case "":
		ok = h <= 23
	case "午前", "am", "AM":
		ok = h <= 12
		if h == 12 {
			h = 0
		}
	default:
		ok = h <= 12
		if h < 12 {
			h += 12
		}
	}
	return h, m, sec, nsec, ok
}

// number parses 1 to maxDigits ASCII digits.
func number(s string, maxDigits int) (int, bool) {
	if s == "" || len(s) > maxDigits {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}
