package importer

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// fixedNow is the submission time of rows without a timestamp.
func fixedNow() time.Time { return time.Date(2021, time.August, 31, 12, 0, 0, 0, time.UTC) }

// importForm imports f into w's program and checks the progress reports.
func importForm(t *testing.T, w world, f form) Report {
	t.Helper()
	var calls []Progress
	start := time.Now()
	rep, err := Import(context.Background(), w.st, w.prog, bytes.NewReader(f.csv), Options{
		Size:     int64(len(f.csv)),
		Progress: func(p Progress) { calls = append(calls, p) },
		Now:      fixedNow,
	})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	t.Logf("%s: imported %d rows (%d new) in %v", w.st.Engine(), rep.Rows, rep.Imported, time.Since(start))
	if len(calls) != f.rows/progressEvery+1 {
		t.Errorf("progress called %d times for %d rows, want %d", len(calls), f.rows, f.rows/progressEvery+1)
	}
	for i, p := range calls {
		if p.Total != int64(len(f.csv)) || p.Bytes > p.Total || (i > 0 && (p.Rows <= calls[i-1].Rows || p.Bytes < calls[i-1].Bytes)) {
			t.Errorf("progress %d: %+v after %+v", i, p, calls[max(i-1, 0)])
		}
	}
	if last := calls[len(calls)-1]; last.Rows != f.rows || last.Bytes != int64(len(f.csv)) {
		t.Errorf("last progress %+v, want %d rows and %d bytes", last, f.rows, len(f.csv))
	}
	return rep
}

// checkSkipped compares the skipped rows with the form's bad rows.
func checkSkipped(t *testing.T, got []Skipped, want []Skipped) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("skipped %+v, want %+v", got, want)
	}
	for i, w := range want {
		g := got[i]
		if g.Row != w.Row || g.Line != w.Line || g.Code != w.Code || (w.Args != nil && !reflect.DeepEqual(g.Args, w.Args)) {
			t.Errorf("skipped[%d] = %+v, want %+v", i, g, w)
		}
	}
}

func TestImportFormTwice(t *testing.T) {
	eachEngine(t, func(t *testing.T, url string) {
		w := newWorld(t, url)
		f := buildForm(w)
		if f.rows != formGood+4 {
			t.Fatalf("the form has %d rows", f.rows)
		}
		// A multi-line answer makes file lines run ahead of rows.
		if last := f.skipped[len(f.skipped)-1]; last.Line != last.Row+3 {
			t.Fatalf("the quoted motivation does not span lines: %+v", last)
		}
		talentsBefore := count(t, w.st, `SELECT COUNT(*) FROM talents`)

		rep := importForm(t, w, f)
		want := Report{Rows: f.rows, Imported: formGood, TalentsCreated: formGood - 1, TalentsLinked: 1}
		if got := (Report{Rows: rep.Rows, Imported: rep.Imported, Already: rep.Already,
			TalentsCreated: rep.TalentsCreated, TalentsLinked: rep.TalentsLinked}); !reflect.DeepEqual(got, want) {
			t.Errorf("first import: %+v, want %+v", got, want)
		}
		checkSkipped(t, rep.Skipped, f.skipped)
		var fields []formsimport.Field
		for _, c := range rep.Columns {
			fields = append(fields, c.Field)
		}
		if want := []formsimport.Field{formsimport.FieldSubmittedAt, formsimport.FieldEmail, formsimport.FieldName,
			formsimport.FieldFurigana, formsimport.FieldResidence, formsimport.FieldChoice1, formsimport.FieldChoice2,
			formsimport.FieldChoice3, formsimport.FieldMotivation}; !slices.Equal(fields, want) {
			t.Errorf("columns read as %v", fields)
		}
		checkEntries(t, w, f)
		if got := count(t, w.st, `SELECT COUNT(*) FROM talents`); got != talentsBefore+formGood-1 {
			t.Errorf("%d talents after the import, want %d + %d", got, talentsBefore, formGood-1)
		}

		rep = importForm(t, w, f)
		want = Report{Rows: f.rows, Already: formGood, TalentsLinked: formGood}
		if got := (Report{Rows: rep.Rows, Imported: rep.Imported, Already: rep.Already,
			TalentsCreated: rep.TalentsCreated, TalentsLinked: rep.TalentsLinked}); !reflect.DeepEqual(got, want) {
			t.Errorf("second import: %+v, want %+v", got, want)
		}
		checkSkipped(t, rep.Skipped, f.skipped)
		checkEntries(t, w, f)
		if got := count(t, w.st, `SELECT COUNT(*) FROM talents`); got != talentsBefore+formGood-1 {
			t.Errorf("%d talents after importing again, want %d + %d", got, talentsBefore, formGood-1)
		}
		if got := count(t, w.st, `SELECT COUNT(*) FROM talents WHERE contact_email LIKE '%@`+formDomain+`'`); got != formGood-2 {
			t.Errorf("%d talents have a contact address at %s, want %d", got, formDomain, formGood-2)
		}
		if got := count(t, w.st, `SELECT COUNT(*) FROM entries WHERE idempotency_key LIKE 'forms:%'`); got != formGood {
			t.Errorf("%d entries carry an import key, want %d", got, formGood)
		}
	})
}

// checkEntries checks that the program holds exactly the form's accepted
// rows, each with its talent, choices, motivation and time.
func checkEntries(t *testing.T, w world, f form) {
	t.Helper()
	ctx := context.Background()
	rows, err := w.st.Entries().EntriesOfProgram(ctx, w.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	emails, err := w.st.Talents().TalentEmails(ctx, w.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != formGood || len(emails) != formGood {
		t.Fatalf("the program has %d entries by %d talents, want %d", len(rows), len(emails), formGood)
	}
	byEmail := map[string]store.EntryRow{}
	for _, r := range rows {
		byEmail[emails[r.TalentID]] = r
	}
	staff, err := w.st.Accounts().UserByEmail(ctx, demoStaffEmail)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range f.good {
		r, ok := byEmail[g.email]
		if !ok {
			t.Errorf("no entry for %s", g.email)
			continue
		}
		at := g.at
		if at.IsZero() {
			at = fixedNow()
		}
		if !slices.Equal(r.Choices, g.choices) || r.Motivation != g.motivation || !r.SubmittedAt.Equal(at) ||
			r.Status != domain.EntrySubmitted {
			t.Errorf("entry of row %d: choices %v motivation %q at %v status %s; want %v %q %v",
				i, r.Choices, r.Motivation, r.SubmittedAt, r.Status, g.choices, g.motivation, at)
		}
		if g.email == demoTalentEmail {
			continue // an existing profile: its name is not the form's
		}
		if r.TalentName != strings.ReplaceAll(g.name, "　", " ") || r.TalentKana != g.kana {
			t.Errorf("talent of row %d: %q %q, want %q %q", i, r.TalentName, r.TalentKana, g.name, g.kana)
		}
		tal, err := w.st.Talents().Talent(ctx, r.TalentID)
		if err != nil {
			t.Fatal(err)
		}
		if wantBg := "居住地: " + g.residence; tal.Background != wantBg || tal.ResidenceCountry != "JP" ||
			tal.TimeZone != "Asia/Tokyo" {
			t.Errorf("talent of row %d: background %q country %s zone %s", i, tal.Background, tal.ResidenceCountry, tal.TimeZone)
		}
		if wantUser := map[bool]int64{true: staff.ID}[g.email == demoStaffEmail]; tal.UserID != wantUser {
			t.Errorf("talent of %s has user %d, want %d", g.email, tal.UserID, wantUser)
		}
	}
}

func TestImportSkipsAndLinks(t *testing.T) {
	eachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		w := newWorld(t, url)
		p0, p1 := w.projects[0], w.projects[1]
		// The demo talent entered on the site before the form was imported.
		demoTalent, err := w.st.Talents().TalentByEmail(ctx, demoTalentEmail)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.st.Entries().SubmitEntry(ctx, &domain.Entry{MunicipalityID: w.prog.MunicipalityID, ProgramID: w.prog.ID,
			TalentID: demoTalent.ID, Choices: []int64{p1.ID}, Motivation: "サイトから応募", Status: domain.EntrySubmitted,
			SubmittedAt: fixedNow(), IdempotencyKey: "web:1"}); err != nil {
			t.Fatal(err)
		}
		csvText := "メールアドレス,氏名,フリガナ,スキル,第1希望,第2希望,志望動機\n" +
			demoTalentEmail + ",デモ,デモ,,#" + fmt.Sprint(p0.ID) + ",,フォームからも応募\n" +
			"romaji@example.jp,Taro Romaji,Taro,Web制作,\"" + p0.Title + "（A社）\",,よろしくお願いします\n" +
			"kanji-kana@example.jp,漢字 読み,かんじ よみ,,\"" + p0.Title + "\",\"#" + fmt.Sprint(p0.ID) + "\",よろしくお願いします\n" +
			"no-choice@example.jp,選択 無し,センタク ナシ,,,,よろしくお願いします\n" +
			"prefix@example.jp,前方 一致,ゼンポウ イッチ,,\"" + p0.Title + "を\",,よろしくお願いします\n"
		rep, err := Import(ctx, w.st, w.prog, strings.NewReader(csvText), Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rows != 5 || rep.Imported != 1 || rep.Already != 1 || rep.TalentsLinked != 1 || rep.TalentsCreated != 1 {
			t.Errorf("report %+v", rep)
		}
		want := []Skipped{
			{Row: 3, Line: 3, Code: CodeFuriganaInvalid, Args: map[string]any{"Value": "Taro"}},
			{Row: 5, Line: 5, Code: formsimport.CodeChoiceMissing},
			{Row: 6, Line: 6, Code: CodeChoiceUnknown, Args: map[string]any{"Value": p0.Title + "を"}},
		}
		checkSkipped(t, rep.Skipped, want)
		// The entry made on the site is untouched; the row naming one
		// project twice (by title and by id) entered it once, with the
		// reading turned into katakana. The store refuses a new profile
		// without a katakana reading, which the skip above reports.
		entries, err := w.st.Entries().EntriesOfProgram(ctx, w.prog.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].TalentID != demoTalent.ID || entries[0].Motivation != "サイトから応募" {
			t.Fatalf("entries %+v", entries)
		}
		if e := entries[1]; e.TalentName != "漢字 読み" || e.TalentKana != "カンジ ヨミ" || !slices.Equal(e.Choices, []int64{p0.ID}) {
			t.Errorf("second entry %+v", e)
		}
		if got := count(t, w.st, `SELECT COUNT(*) FROM talents WHERE contact_email = 'romaji@example.jp'`); got != 0 {
			t.Errorf("a skipped row left %d talents behind", got)
		}
	})
}
