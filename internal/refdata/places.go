package refdata

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Prefecture is one of Japan's 47 prefectures (都道府県).
type Prefecture struct {
	Code    int     // 1..47, the JIS X 0401 prefecture code
	LGCode  string  // 6-digit local-government code with check digit, e.g. "010006"
	Name    string  // 北海道, 東京都
	Kana    string  // ほっかいどう
	Short   string  // name without 都/府/県, e.g. 東京
	NameEN  string  // Hokkaido
	Code3   string  // three-letter code, e.g. HKD
	ISO     string  // ISO 3166-2 code, e.g. JP-01
	Capital string  // seat of the prefectural government, e.g. 札幌市
	URL     string  // official website
	Lat     float64 // prefectural office, degrees north
	Lng     float64 // prefectural office, degrees east
}

// Municipality is a city, town, village or ward (市区町村), including the wards
// of designated cities (e.g. 札幌市 中央区) and Tokyo's special wards.
type Municipality struct {
	LGCode   string  // 6-digit local-government code with check digit, e.g. "131113"
	PrefCode int     // 1..47
	PrefName string  // 東京都
	CityID   int     // the first five digits of LGCode as a number, e.g. 13111
	Name     string  // 大田区; ward names of designated cities keep the city: "札幌市 中央区"
	Kana     string  // おおたく
	Lat      float64 // town hall, degrees north
	Lng      float64 // town hall, degrees east
	URL      string  // official website
}

func (d *Data) loadPrefectures(fsys fs.FS) error {
	const file = prefecturesFile
	rows, err := readCSV(fsys, file, []string{"pid", "pref", "prefkana", "prefshort",
		"prefshortkana", "pref_en", "pref3code", "url", "lgcode", "ISO3166-2", "capital",
		"lat", "lng"})
	if err != nil {
		return err
	}
	d.prefByCode = make(map[int]int, len(rows))
	for _, r := range rows {
		f := r.fields
		p := Prefecture{Name: f[1], Kana: f[2], Short: f[3], NameEN: f[5], Code3: f[6],
			URL: f[7], ISO: f[9], Capital: f[10]}
		if p.Code, err = strconv.Atoi(f[0]); err != nil || p.Code < 1 || p.Code > 47 {
			return rowError(file, r.line, "prefecture code %q is not 1..47", f[0])
		}
		if _, dup := d.prefByCode[p.Code]; dup {
			return rowError(file, r.line, "duplicate prefecture code %d", p.Code)
		}
		// The source drops the leading zero of codes below 100000 ("10006").
		p.LGCode = f[8]
		if len(p.LGCode) == 5 {
			p.LGCode = "0" + p.LGCode
		}
		if !ValidLGCode(p.LGCode) || p.LGCode[:2] != fmt.Sprintf("%02d", p.Code) {
			return rowError(file, r.line, "bad lgcode %q for prefecture %d", f[8], p.Code)
		}
		if want := fmt.Sprintf("JP-%02d", p.Code); p.ISO != want {
			return rowError(file, r.line, "ISO code %q, want %q", p.ISO, want)
		}
		if p.Lat, p.Lng, err = parseLatLng(f[11], f[12]); err != nil {
			return rowError(file, r.line, "%v", err)
		}
		if err := requireText([]string{p.Name, p.Kana, p.Short, p.NameEN, p.Code3, p.Capital}, p.URL); err != nil {
			return rowError(file, r.line, "%v", err)
		}
		d.prefByCode[p.Code] = len(d.prefs)
		d.prefs = append(d.prefs, p)
	}
	if len(d.prefs) != 47 {
		return fmt.Errorf("refdata: %s: %d prefectures, want 47", file, len(d.prefs))
	}
	slices.SortFunc(d.prefs, func(a, b Prefecture) int { return a.Code - b.Code })
	for i, p := range d.prefs {
		d.prefByCode[p.Code] = i
	}
	return nil
}

func (d *Data) loadMunicipalities(fsys fs.FS) error {
	const file = municipalitiesFile
	rows, err := readCSV(fsys, file, []string{"pid", "pref", "cid", "city", "citykana",
		"lat", "lng", "url", "phrase", "lgcode"})
	if err != nil {
		return err
	}
	d.muniByCode = make(map[string]int, len(rows))
	d.munisByPref = make(map[int][]Municipality, len(d.prefs))
	for _, r := range rows {
		f := r.fields
		m := Municipality{PrefName: f[1], Name: f[3], Kana: f[4], URL: f[7], LGCode: f[9]}
		if !ValidLGCode(m.LGCode) {
			return rowError(file, r.line, "bad lgcode %q (want 6 digits with a correct check digit)", m.LGCode)
		}
		if _, dup := d.muniByCode[m.LGCode]; dup {
			return rowError(file, r.line, "duplicate lgcode %q", m.LGCode)
		}
		m.PrefCode, err = strconv.Atoi(f[0])
		pref, ok := d.Prefecture(m.PrefCode)
		if err != nil || !ok {
			return rowError(file, r.line, "unknown prefecture code %q", f[0])
		}
		if m.PrefName != pref.Name || m.LGCode[:2] != fmt.Sprintf("%02d", m.PrefCode) {
			return rowError(file, r.line, "%s %s does not belong to prefecture %d %s",
				m.LGCode, m.Name, m.PrefCode, m.PrefName)
		}
		m.CityID, err = strconv.Atoi(f[2])
		if err != nil || fmt.Sprintf("%05d", m.CityID) != m.LGCode[:5] {
			return rowError(file, r.line, "city id %q does not match lgcode %q", f[2], m.LGCode)
		}
		if m.Lat, m.Lng, err = parseLatLng(f[5], f[6]); err != nil {
			return rowError(file, r.line, "%v", err)
		}
		if err := requireText([]string{m.Name, m.Kana}, m.URL); err != nil {
			return rowError(file, r.line, "%v", err)
		}
		d.muniByCode[m.LGCode] = len(d.munis)
		d.munis = append(d.munis, m)
		d.munisByPref[m.PrefCode] = append(d.munisByPref[m.PrefCode], m)
	}
	return nil
}

// parseLatLng parses a coordinate pair and checks that it lies in or near
// Japan (20–46° N, 122–154° E).
func parseLatLng(lat, lng string) (float64, float64, error) {
	la, err1 := strconv.ParseFloat(lat, 64)
	ln, err2 := strconv.ParseFloat(lng, 64)
	if err1 != nil || err2 != nil || la < 20 || la > 46 || ln < 122 || ln > 154 {
		return 0, 0, fmt.Errorf("coordinates (%q, %q) are not in Japan", lat, lng)
	}
	return la, ln, nil
}

// requireText checks that every field is non-empty and that url is an
// http(s) address.
func requireText(fields []string, url string) error {
	for _, v := range fields {
		if v == "" {
			return fmt.Errorf("empty field")
		}
	}
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return fmt.Errorf("url %q is not an http(s) address", url)
	}
	return nil
}

// Prefectures returns the 47 prefectures ordered by code.
func (d *Data) Prefectures() []Prefecture {
	return slices.Clone(d.prefs)
}

// Prefecture returns the prefecture with the given code (1..47).
func (d *Data) Prefecture(code int) (Prefecture, bool) {
	i, ok := d.prefByCode[code]
	if !ok {
		return Prefecture{}, false
	}
	return d.prefs[i], true
}

// Municipalities returns every municipality and ward in file order, which is
// by prefecture and then by code.
func (d *Data) Municipalities() []Municipality {
	return slices.Clone(d.munis)
}

// Municipality returns the municipality with the given 6-digit lgcode.
func (d *Data) Municipality(lgcode string) (Municipality, bool) {
	i, ok := d.muniByCode[lgcode]
	if !ok {
		return Municipality{}, false
	}
	return d.munis[i], true
}

// MunicipalitiesIn returns the municipalities of a prefecture in file order,
// or nil for an unknown prefecture code.
func (d *Data) MunicipalitiesIn(prefCode int) []Municipality {
	return slices.Clone(d.munisByPref[prefCode])
}
