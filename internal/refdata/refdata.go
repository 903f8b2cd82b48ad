// Package refdata holds Tsunagu's read-only reference data, embedded in the
// binary: Japan's prefectures and municipalities with their local-government
// codes, the 17 UN Sustainable Development Goals, the skill taxonomy used on
// talent profiles and projects, and part of the Japan Standard Industrial
// Classification (日本標準産業分類, JSIC Rev. 14).
//
// Call Load once at start-up and share the returned *Data; it is safe for
// concurrent use because nothing changes it after Load returns. Every
// accessor that returns a slice returns a fresh copy, so callers may modify
// the result without affecting the indexes.
//
// Sources and licences of the data files are listed in data/README.md.
package refdata

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// files holds the embedded data files. embed.FS is read-only.
//
//go:embed data/*.csv data/*.json
var files embed.FS

// Names of the embedded files, relative to the file system root.
const (
	prefecturesFile    = "data/prefectures.csv"
	municipalitiesFile = "data/municipalities.csv"
	sdgsFile           = "data/sdgs.csv"
	skillsFile         = "data/skills.json"
	jsicFile           = "data/jsic.csv"
	countriesFile      = "data/countries.csv"
)

// Data is the parsed reference data with its look-up indexes. It is
// immutable after Load; the zero value is empty but usable.
type Data struct {
	prefs      []Prefecture
	prefByCode map[int]int // prefecture code -> index in prefs

	munis       []Municipality
	muniByCode  map[string]int         // lgcode -> index in munis
	munisByPref map[int][]Municipality // prefecture code -> municipalities, file order

	sdgs []SDG

	skillCats   []SkillCategory
	skills      []Skill
	skillByCode map[string]int   // skill code -> index in skills
	skillsByCat map[string][]int // category code -> indexes in skills

	jsicMajors  []JSICClass
	jsicMiddles map[string][]JSICClass // major letter -> middle classes
	jsicByCode  map[string]JSICClass

	countries                []Country // file order
	countriesJA, countriesEN []Country // the orders people look in
	countryByCode            map[string]int
}

// Load parses the embedded data files and builds the indexes. It returns a
// descriptive error naming the file and line of the first malformed row.
func Load() (*Data, error) {
	return load(files)
}

// load parses the data files found in fsys; tests feed it broken files.
func load(fsys fs.FS) (*Data, error) {
	d := &Data{}
	steps := []func(fs.FS) error{
		d.loadPrefectures, // before municipalities, which refer to them
		d.loadMunicipalities,
		d.loadSDGs,
		d.loadSkills,
		d.loadJSIC,
		d.loadCountries,
	}
	for _, step := range steps {
		if err := step(fsys); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// row is one data row of a CSV file with its line number for error messages.
type row struct {
	line   int
	fields []string
}

// readCSV reads a CSV file, checks that its header is exactly header and
// returns the data rows. Every row must have len(header) fields.
func readCSV(fsys fs.FS, name string, header []string) ([]row, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("refdata: %w", err)
	}
	defer f.Close()

	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	got, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("refdata: %s: reading header: %w", name, err)
	}
	got[0] = strings.TrimPrefix(got[0], "\ufeff") // tolerate an Excel BOM
	if strings.Join(got, ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("refdata: %s: header is %q, want %q", name, got, header)
	}

	var rows []row
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("refdata: %s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		for i, v := range rec {
			rec[i] = strings.TrimSpace(v)
		}
		rows = append(rows, row{line: line, fields: rec})
	}
}

// rowError describes a malformed row of a data file.
func rowError(file string, line int, format string, args ...any) error {
	return fmt.Errorf("refdata: %s line %d: %s", file, line, fmt.Sprintf(format, args...))
}
