package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
	"github.com/tsunagu-hub/tsunagu/internal/importer"
	"github.com/tsunagu-hub/tsunagu/internal/store"
	"github.com/tsunagu-hub/tsunagu/internal/storetest"
)

// cli runs the program with args and returns what it printed.
func cli(args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = run(context.Background(), append([]string{"tsunagu"}, args...), func(string) string { return "" },
		strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

// entriesWorld is a seeded demo database and its current Ota program.
type entriesWorld struct {
	db       []string // --data and --db flags
	slug     string
	titles   []string // of the program's published projects
	entries  int      // the demo's entries in the program
	dataDir  string
	storeURL string
}

func seededWorld(t *testing.T, url string) entriesWorld {
	t.Helper()
	w := entriesWorld{dataDir: t.TempDir(), storeURL: url,
		slug: "ota-sdgs-" + time.Now().In(time.FixedZone("JST", 9*3600)).Format("2006")}
	w.db = []string{"--data", w.dataDir}
	if url != "" {
		w.db = append(w.db, "--db", url)
	}
	if out, errOut, err := cli(append([]string{"seed", "--demo"}, w.db...)...); err != nil {
		t.Fatalf("seed: %v\n%s%s", err, out, errOut)
	}
	st := w.open(t)
	defer st.Close()
	p, err := st.Directory().ProgramBySlug(context.Background(), w.slug)
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.Projects().ListProjects(context.Background(), store.ProjectFilter{ProgramID: p.ID, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range page.Projects {
		w.titles = append(w.titles, pr.Title)
	}
	w.entries = w.countEntries(t, st)
	if len(w.titles) < 3 || w.entries == 0 {
		t.Fatalf("the demo's %s has %d projects and %d entries", w.slug, len(w.titles), w.entries)
	}
	return w
}

func (w entriesWorld) open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), w.storeURL, w.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func (w entriesWorld) countEntries(t *testing.T, st *store.Store) int {
	t.Helper()
	p, err := st.Directory().ProgramBySlug(context.Background(), w.slug)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.Entries().EntriesOfProgram(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(rows)
}

// answersCSV is a Google Forms export of 32 rows: 30 entrants, an invalid
// address (row 6) and a choice that names no project (row 21).
func (w entriesWorld) answersCSV() string {
	var b strings.Builder
	b.WriteString("\uFEFFタイムスタンプ,メールアドレス,氏名,フリガナ,第1希望,第2希望,志望動機\r\n")
	for i := 0; i < 32; i++ {
		email, choice2 := fmt.Sprintf("cli%02d@answers.example.jp", i), w.titles[(i+1)%len(w.titles)]+"（大田区）"
		switch i {
		case 4:
			email = "not-an-address"
		case 19:
			choice2 = "存在しないプロジェクト"
		}
		name := fmt.Sprintf("回答 %02d", i)
		if i == 7 {
			name = "𠮷田 七"
		}
		fmt.Fprintf(&b, "2021/07/%02d 09:30:00,%s,%s,カイトウ,%s,%s,\"大田区で副業をしたいです。\n%d\"\r\n",
			i%28+1, email, name, w.titles[i%len(w.titles)], choice2, i)
	}
	return b.String()
}

func TestImportExportEntriesCommands(t *testing.T) {
	engines := map[string]func(t *testing.T) string{
		"sqlite":   func(*testing.T) string { return "" },
		"postgres": func(t *testing.T) string { return storetest.PostgresURL(t) },
	}
	for name, url := range engines {
		t.Run(name, func(t *testing.T) { testEntriesCommands(t, seededWorld(t, url(t))) })
	}
}

func testEntriesCommands(t *testing.T, w entriesWorld) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "answers.csv")
	if err := os.WriteFile(file, []byte(w.answersCSV()), 0o600); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"import", "entries", "--program", w.slug, file}, w.db...)

	out, errOut, err := cli(args...)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	skipped := func(lang i18n.Lang) string {
		return "2 rows were NOT imported:\n" +
			"row 6 (line 10): " + cat.T(lang, formsimport.CodeEmailInvalid, map[string]any{"Email": "not-an-address"}) + "\n" +
			"row 21 (line 40): " + cat.T(lang, importer.CodeChoiceUnknown, map[string]any{"Value": "存在しないプロジェクト"}) + "\n"
	}
	for _, want := range []string{"rows read:        32\n", "imported:         30\n", "already there:    0\n",
		"talents created:  30\n", "talents linked:   0\n", "skipped:          2\n", skipped(i18n.Japanese)} {
		if !strings.Contains(out, want) {
			t.Errorf("first import: stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "processed 32 rows (100% of the file)\n") ||
		!strings.Contains(errOut, "warning: 2 of 32 rows were not imported") {
		t.Errorf("first import: stderr %q", errOut)
	}
	if !strings.Contains(cat.T(i18n.Japanese, formsimport.CodeEmailInvalid, map[string]any{"Email": "x"}), "x") {
		t.Log("the catalog lacks import.skip.email_invalid: reasons show as keys")
	}

	// Again, in English, with the flags after the file: nothing new.
	out, _, err = cli(append([]string{"import", "entries", file, "--lang", "en", "--program", w.slug}, w.db...)...)
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	for _, want := range []string{"imported:         0\n", "already there:    30\n", "talents linked:   30\n", skipped(i18n.English)} {
		if !strings.Contains(out, want) {
			t.Errorf("second import: stdout lacks %q:\n%s", want, out)
		}
	}
	st := w.open(t)
	if got := w.countEntries(t, st); got != w.entries+30 {
		t.Errorf("the program has %d entries, want %d + 30", got, w.entries)
	}
	st.Close()

	// Standard input: progress by rows, since the size is unknown.
	var sout, serr bytes.Buffer
	err = run(context.Background(), append([]string{"tsunagu", "import", "entries", "--program", w.slug, "-"}, w.db...),
		func(string) string { return "" }, strings.NewReader(w.answersCSV()), &sout, &serr)
	if err != nil || !strings.Contains(sout.String(), "already there:    30\n") || strings.Contains(serr.String(), "%") {
		t.Errorf("import from standard input: %v\n%s%s", err, sout.String(), serr.String())
	}

	testEntriesErrors(t, w, file)
	testExportCommand(t, w, cat)
}

func testEntriesErrors(t *testing.T, w entriesWorld, file string) {
	dir := t.TempDir()
	odd := filepath.Join(dir, "odd.csv")
	if err := os.WriteFile(odd, []byte("ご連絡先,お名前,フリガナ,参加したいプロジェクト,志望動機\n"+
		"odd@answers.example.jp,列 名前,レツ ナマエ,"+w.titles[0]+",よろしくお願いします\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(dir, "mapping.json")
	if err := os.WriteFile(mapping, []byte(`{"columns": {"ご連絡先": "email", "参加したいプロジェクト": "choice1"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	badMapping := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badMapping, []byte(`{"columns": {"ご連絡先": "mail"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		inErr  string // in the error
		stderr []string
	}{
		{[]string{"import", "entries", "--program", w.slug, filepath.Join(dir, "missing.csv")}, "cannot read the CSV file", nil},
		{[]string{"import", "entries", "--program", "no-such-program", file}, `no program has the slug "no-such-program"`, nil},
		{[]string{"import", "entries", "--program", w.slug, odd}, "cannot import from " + odd + " (import.header.missing)",
			[]string{"columns of the file:\n  1. ご連絡先\n  2. お名前\n  3. フリガナ\n  4. 参加したいプロジェクト\n  5. 志望動機\n",
				"not found: email, choice", "--mapping FILE.json"}},
		{[]string{"import", "entries", "--program", w.slug, "--mapping", badMapping, odd},
			"cannot import from " + badMapping + " (import.mapping.unknown_field)", []string{"--mapping FILE.json"}},
		{[]string{"import", "entries", w.slug, file}, "usage: tsunagu import entries", nil},
		{[]string{"import", "entries", "--program", w.slug}, "usage: tsunagu import entries", nil},
		{[]string{"import", "entries", "--program", w.slug, "--lang", "fr", file}, "usage: tsunagu import entries", nil},
		{[]string{"import", "talents", file}, "usage: tsunagu import entries", nil},
		{[]string{"import", "entries", "--no-such-flag", file}, "flag provided but not defined", nil},
		{[]string{"export", "entries", "--program", w.slug, "--encoding", "utf16"}, "unknown encoding", nil},
		{[]string{"export", "entries", "--program", "no-such-program"}, `no program has the slug`, nil},
		{[]string{"export"}, "usage: tsunagu export entries", nil},
	} {
		_, errOut, err := cli(append(tc.args, w.db...)...)
		if exitCode(err) != 2 || !strings.Contains(fmt.Sprint(err), tc.inErr) {
			t.Errorf("%v: exit %d, %v; want 2 and %q", tc.args, exitCode(err), err, tc.inErr)
		}
		for _, want := range tc.stderr {
			if !strings.Contains(errOut, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", tc.args, want, errOut)
			}
		}
	}
	// The columns the header error listed, named in a mapping file.
	out, errOut, err := cli(append([]string{"import", "entries", "--program", w.slug, "--mapping", mapping, odd}, w.db...)...)
	if err != nil || !strings.Contains(out, "imported:         1\n") || strings.Contains(errOut, "warning") {
		t.Errorf("import with a mapping: %v\n%s%s", err, out, errOut)
	}
}

func testExportCommand(t *testing.T, w entriesWorld, cat *i18n.Catalog) {
	st := w.open(t)
	n := w.countEntries(t, st)
	st.Close()
	out, errOut, err := cli(append([]string{"export", "entries", "--program", w.slug}, w.db...)...)
	if err != nil || errOut != "" {
		t.Fatalf("export: %v %s", err, errOut)
	}
	header := []string{"export.id", "export.submitted", "export.name", "export.kana", "export.email", "export.status"}
	for i := range header {
		header[i] = cat.T(i18n.Japanese, header[i], nil)
	}
	for rank := 1; rank <= 5; rank++ {
		header = append(header, fmt.Sprint(cat.T(i18n.Japanese, "export.choice", nil), rank))
	}
	for _, key := range []string{"export.motivation", "export.score", "export.prefecture", "export.municipality", "export.ties",
		"export.placement"} {
		header = append(header, cat.T(i18n.Japanese, key, nil))
	}
	if want := "\uFEFF" + strings.Join(header, ",") + "\r\n"; !strings.HasPrefix(out, want) {
		t.Errorf("the export starts %q, want %q", out[:min(len(out), 200)], want)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != n+1 {
		t.Fatalf("export: %d rows for %d entries (%v)", len(rows), n, err)
	}
	if !strings.Contains(out, "𠮷田 七,カイトウ,cli07@answers.example.jp,") || !strings.Contains(out, ","+w.titles[0]+",") {
		t.Errorf("the export lacks an imported entrant or a project title")
	}

	file := filepath.Join(t.TempDir(), "entries-sjis.csv")
	out, errOut, err = cli(append([]string{"export", "entries", "--program", w.slug, "--encoding", "sjis", "--lang", "en",
		"--out", file}, w.db...)...)
	if err != nil || out != "" {
		t.Fatalf("export to a file: %v %q", err, out)
	}
	if !strings.Contains(errOut, "warning: 1 characters have no Shift_JIS code") || !strings.Contains(errOut, "wrote the entries of") {
		t.Errorf("export to a file: stderr %q", errOut)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	rows, err = csv.NewReader(bytes.NewReader(text)).ReadAll()
	if err != nil || len(rows) != n+1 {
		t.Fatalf("Shift_JIS export: %d rows for %d entries (%v)", len(rows), n, err)
	}
	if !bytes.Contains(text, []byte("?田 七,カイトウ,cli07@answers.example.jp,")) || !bytes.Contains(text, []byte(","+w.titles[0]+",")) {
		t.Errorf("the Shift_JIS export lacks an imported entrant or a project title")
	}
	if string(text[:2]) == "\uFEFF"[:2] {
		t.Error("the Shift_JIS export starts with a byte order mark")
	}
}
