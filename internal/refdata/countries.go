package refdata

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Country is a country or territory of ISO 3166-1, with the names people
// choose it by. Profiles and the API store its Code.
type Country struct {
	Code    string // ISO 3166-1 alpha-2, "JP"
	NameJA  string // 日本
	NameEN  string // Japan
	Reading string // katakana, for the Japanese order: ニホン
}

func (d *Data) loadCountries(fsys fs.FS) error {
	const file = countriesFile
	rows, err := readCSV(fsys, file, []string{"code", "name_ja", "name_en", "reading"})
	if err != nil {
		return err
	}
	d.countryByCode = map[string]int{}
	for _, r := range rows {
		c := Country{Code: r.fields[0], NameJA: r.fields[1], NameEN: r.fields[2], Reading: r.fields[3]}
		if len(c.Code) != 2 || strings.ToUpper(c.Code) != c.Code || c.Code[0] < 'A' || c.Code[1] < 'A' || c.Code[0] > 'Z' || c.Code[1] > 'Z' {
			return rowError(file, r.line, "code %q is not two capital letters", c.Code)
		}
		if _, dup := d.countryByCode[c.Code]; dup {
			return rowError(file, r.line, "code %s twice", c.Code)
		}
		if c.NameJA == "" || c.NameEN == "" || c.Reading == "" {
			return rowError(file, r.line, "%s has an empty name or reading", c.Code)
		}
		for _, k := range c.Reading {
			if (k < 'ァ' || k > 'ヺ') && k != 'ー' {
				return rowError(file, r.line, "%s: reading %q is not in katakana", c.Code, c.Reading)
			}
		}
		d.countryByCode[c.Code] = len(d.countries)
		d.countries = append(d.countries, c)
	}
	// Japan first, as most people on the hub live there; then the
	// Japanese reading order (五十音順) and the English alphabetical order.
	// The root collation orders katakana 五十音順; x/text's Japanese tailoring
	// puts ガーナ before アゼルバイジャン.
	ja, en := collate.New(language.Und), collate.New(language.English, collate.Loose)
	first := func(a, b Country) int {
		switch {
		case a.Code == b.Code:
			return 0
		case a.Code == "JP":
			return -1
		case b.Code == "JP":
			return 1
		}
		return 0
	}
	d.countriesJA, d.countriesEN = slices.Clone(d.countries), slices.Clone(d.countries)
	slices.SortStableFunc(d.countriesJA, func(a, b Country) int {
		if c := first(a, b); c != 0 {
			return c
		}
		return ja.CompareString(a.Reading, b.Reading)
	})
	slices.SortStableFunc(d.countriesEN, func(a, b Country) int {
		if c := first(a, b); c != 0 {
			return c
		}
		return en.CompareString(a.NameEN, b.NameEN)
	})
	if _, ok := d.countryByCode["JP"]; !ok {
		return fmt.Errorf("refdata: %s: no JP", file)
	}
	return nil
}

// Countries lists every country, Japan first, then in the Japanese order
// of their readings (en false) or the English names' order (en true).
func (d *Data) Countries(en bool) []Country {
	if en {
		return slices.Clone(d.countriesEN)
	}
	return slices.Clone(d.countriesJA)
}

// Country is the country with the ISO code (any case).
func (d *Data) Country(code string) (Country, bool) {
	i, ok := d.countryByCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Country{}, false
	}
	return d.countries[i], true
}

// CountryNamed finds a country as a person may type it: its code, its
// Japanese or English name, or its reading, in any width or case
// ("日本", "japan", "ＪＰ", "ニホン").
func (d *Data) CountryNamed(s string) (Country, bool) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	if c, ok := d.Country(s); ok {
		return c, true
	}
	for _, c := range d.countries {
		if s == c.NameJA || s == c.Reading || strings.EqualFold(s, c.NameEN) {
			return c, true
		}
	}
	return Country{}, false
}
