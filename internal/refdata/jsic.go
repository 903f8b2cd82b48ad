package refdata

import (
	"fmt"
	"io/fs"
	"slices"
)

// JSICClass is a class of the Japan Standard Industrial Classification
// (日本標準産業分類, Rev. 14, 2023): either a major class (大分類, a letter
// A–T) or a middle class (中分類, two digits). All 20 major classes are
// present; middle classes only for the industries Tsunagu serves
// (manufacturing, wholesale and retail, food and lodging, personal services,
// and some information and professional services).
type JSICClass struct {
	Code   string // "E" for a major class, "24" for a middle class
	Major  string // the major class letter; equal to Code for a major class
	NameJA string
	NameEN string
}

func (d *Data) loadJSIC(fsys fs.FS) error {
	const file = jsicFile
	rows, err := readCSV(fsys, file, []string{"code", "major", "name_ja", "name_en"})
	if err != nil {
		return err
	}
	d.jsicByCode = make(map[string]JSICClass, len(rows))
	d.jsicMiddles = make(map[string][]JSICClass)
	lastMiddle, lastMiddleMajor := "", ""
	for _, r := range rows {
		f := r.fields
		c := JSICClass{Code: f[0], Major: f[1], NameJA: f[2], NameEN: f[3]}
		if len(c.Major) != 1 || c.Major[0] < 'A' || c.Major[0] > 'T' {
			return rowError(file, r.line, "major class %q is not a letter A..T", c.Major)
		}
		switch {
		case c.Code == c.Major:
			if want := string(rune('A' + len(d.jsicMajors))); c.Code != want {
				return rowError(file, r.line, "major class %s out of order, want %s", c.Code, want)
			}
			d.jsicMajors = append(d.jsicMajors, c)
		case isTwoDigits(c.Code):
			if _, ok := d.jsicByCode[c.Major]; !ok {
				return rowError(file, r.line, "middle class %s refers to major class %s, which is not listed before it",
					c.Code, c.Major)
			}
			if c.Code <= lastMiddle {
				return rowError(file, r.line, "middle class %s out of order after %s", c.Code, lastMiddle)
			}
			// Middle codes are numbered in major-class order, so a major
			// letter going backwards means a class is under the wrong major.
			if c.Major < lastMiddleMajor {
				return rowError(file, r.line, "middle class %s of %s follows a middle class of %s",
					c.Code, c.Major, lastMiddleMajor)
			}
			lastMiddle, lastMiddleMajor = c.Code, c.Major
			d.jsicMiddles[c.Major] = append(d.jsicMiddles[c.Major], c)
		default:
			return rowError(file, r.line, "code %q is neither its major letter %q nor two digits", c.Code, c.Major)
		}
		if c.NameJA == "" || c.NameEN == "" {
			return rowError(file, r.line, "class %s has an empty name", c.Code)
		}
		if _, dup := d.jsicByCode[c.Code]; dup {
			return rowError(file, r.line, "duplicate class code %q", c.Code)
		}
		d.jsicByCode[c.Code] = c
	}
	if len(d.jsicMajors) != 20 {
		return fmt.Errorf("refdata: %s: %d major classes, want 20 (A..T)", file, len(d.jsicMajors))
	}
	return nil
}

func isTwoDigits(s string) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}

// JSICMajors returns the 20 major classes A..T in order.
func (d *Data) JSICMajors() []JSICClass {
	return slices.Clone(d.jsicMajors)
}

// JSICMiddles returns the middle classes listed under a major class, in code
// order. It returns nil for a major class without listed middle classes.
func (d *Data) JSICMiddles(major string) []JSICClass {
	return slices.Clone(d.jsicMiddles[major])
}

// JSIC returns the major ("E") or middle ("24") class with the given code.
func (d *Data) JSIC(code string) (JSICClass, bool) {
	c, ok := d.jsicByCode[code]
	return c, ok
}
