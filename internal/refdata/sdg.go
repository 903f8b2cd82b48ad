package refdata

import (
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
)

// SDG is one of the 17 UN Sustainable Development Goals.
type SDG struct {
	Goal      int    // 1..17
	NameJA    string // official Japanese short name, e.g. 貧困をなくそう
	NameEN    string // official English short name, e.g. No Poverty
	Color     string // official colour, "#RRGGBB"
	TextColor string // "#RRGGBB" text colour with WCAG AA contrast (>= 4.5:1) on Color
}

// minContrast is the WCAG 2 AA contrast ratio for normal-size text.
const minContrast = 4.5

func (d *Data) loadSDGs(fsys fs.FS) error {
	const file = sdgsFile
	rows, err := readCSV(fsys, file, []string{"goal", "name_ja", "name_en", "color", "text_color"})
	if err != nil {
		return err
	}
	for i, r := range rows {
		f := r.fields
		s := SDG{NameJA: f[1], NameEN: f[2], Color: f[3], TextColor: f[4]}
		if s.Goal, err = strconv.Atoi(f[0]); err != nil || s.Goal != i+1 {
			return rowError(file, r.line, "goal %q, want %d (goals 1..17 in order)", f[0], i+1)
		}
		if s.NameJA == "" || s.NameEN == "" {
			return rowError(file, r.line, "goal %d has an empty name", s.Goal)
		}
		ratio, err := contrastRatio(s.TextColor, s.Color)
		if err != nil {
			return rowError(file, r.line, "goal %d: %v", s.Goal, err)
		}
		if ratio < minContrast {
			return rowError(file, r.line, "goal %d: text %s on %s has contrast %.2f:1, want >= %.1f:1",
				s.Goal, s.TextColor, s.Color, ratio, minContrast)
		}
		d.sdgs = append(d.sdgs, s)
	}
	if len(d.sdgs) != 17 {
		return fmt.Errorf("refdata: %s: %d goals, want 17", file, len(d.sdgs))
	}
	return nil
}

// SDGs returns the 17 goals in order.
func (d *Data) SDGs() []SDG {
	return slices.Clone(d.sdgs)
}

// SDG returns goal number goal (1..17).
func (d *Data) SDG(goal int) (SDG, bool) {
	if goal < 1 || goal > len(d.sdgs) {
		return SDG{}, false
	}
	return d.sdgs[goal-1], true
}

// contrastRatio returns the WCAG 2 contrast ratio (1..21) between two
// "#RRGGBB" colours: (L1 + 0.05) / (L2 + 0.05), L1 the lighter.
func contrastRatio(a, b string) (float64, error) {
	la, err := relativeLuminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := relativeLuminance(b)
	if err != nil {
		return 0, err
	}
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05), nil
}

// relativeLuminance returns the WCAG 2 relative luminance (0..1) of a
// "#RRGGBB" sRGB colour.
func relativeLuminance(hex string) (float64, error) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, fmt.Errorf("colour %q is not #RRGGBB", hex)
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, fmt.Errorf("colour %q is not #RRGGBB", hex)
	}
	channel := func(shift uint) float64 {
		c := float64((v>>shift)&0xFF) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(16) + 0.7152*channel(8) + 0.0722*channel(0), nil
}
