package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/tsunagu-hub/tsunagu/internal/demo"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
)

// labels stands in for the catalog: Japanese header and status texts.
func labels(key string) string {
	if s, ok := map[string]string{
		"export.id": "応募ID", "export.submitted": "応募日時", "export.name": "氏名", "export.kana": "フリガナ",
		"export.email": "メールアドレス", "export.status": "状況", "export.choice": "第希望",
		"export.motivation": "志望動機", "export.score": "評価平均", "export.prefecture": "都道府県",
		"export.municipality": "市区町村", "export.ties": "関わり", "export.placement": "配属",
		"affinity.lives": "在住", "affinity.works": "在勤", "affinity.born": "出身", "affinity.supporter": "応援",
		"entry.status_submitted": "応募", "entry.status_screening": "書類選考", "entry.status_interview": "面談",
		"entry.status_offered": "内定", "entry.status_agreed": "合意", "entry.status_declined": "見送り",
		"entry.status_withdrawn": "辞退",
	}[key]; ok {
		return s
	}
	return key
}

// export writes the program's entries and reads the file back as rows.
func export(t *testing.T, w world, p domain.Program, enc formsimport.Encoding) (raw []byte, rows [][]string, replaced int) {
	t.Helper()
	var buf bytes.Buffer
	replaced, err := Export(context.Background(), w.st, w.ref, p, &buf, enc, labels)
	if err != nil {
		t.Fatal(err)
	}
	text := buf.Bytes()
	if enc == formsimport.ShiftJIS {
		if text, err = japanese.ShiftJIS.NewDecoder().Bytes(text); err != nil {
			t.Fatal(err)
		}
	}
	rows, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(text, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("read the %s export back: %v", enc, err)
	}
	return buf.Bytes(), rows, replaced
}

func TestExportRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		w := newWorld(t, url)
		f := buildForm(w)
		if rep := importForm(t, w, f); rep.Imported != formGood {
			t.Fatalf("imported %d", rep.Imported)
		}
		entries, err := w.st.Entries().EntriesOfProgram(ctx, w.prog.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Two reviewers score the first entry: means 4.5 and 3.0.
		reviewed := entries[0].ID
		for i, email := range []string{"ota-staff@demo.tsunagu.example", "leader@demo.tsunagu.example"} {
			u, err := w.st.Accounts().UserByEmail(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			scores := map[domain.Criterion]int{domain.CriterionSkills: 4, domain.CriterionMotivation: 5}
			if i == 1 {
				scores = map[domain.Criterion]int{domain.CriterionLocal: 3}
			}
			if err := w.st.Entries().SaveReview(ctx, &domain.Review{EntryID: reviewed, ReviewerID: u.ID, Scores: scores}); err != nil {
				t.Fatal(err)
			}
		}

		raw, rows, replaced := export(t, w, w.prog, formsimport.UTF8)
		if !bytes.HasPrefix(raw, []byte("\uFEFF応募ID,応募日時,氏名,フリガナ,メールアドレス,状況,第希望1,第希望2,第希望3,第希望4,第希望5,志望動機,評価平均,都道府県,市区町村,関わり,配属\r\n")) {
			t.Errorf("the UTF-8 export starts %q", raw[:min(len(raw), 200)])
		}
		if !bytes.HasSuffix(raw, []byte("\r\n")) || bytes.Count(raw, []byte("\r")) != bytes.Count(raw, []byte("\r\n")) ||
			bytes.Count(raw, []byte("\r\n")) != len(entries)+1 {
			t.Errorf("the UTF-8 export has %d CRLF for %d rows", bytes.Count(raw, []byte("\r\n")), len(entries)+1)
		}
		if replaced != 0 || len(rows) != len(entries)+1 {
			t.Fatalf("UTF-8 export: %d rows for %d entries, %d replaced", len(rows), len(entries), replaced)
		}
		emails, err := w.st.Talents().TalentEmails(ctx, w.prog.ID)
		if err != nil {
			t.Fatal(err)
		}
		titles := map[int64]string{}
		for _, p := range w.projects {
			titles[p.ID] = p.Title
		}
		for i, e := range entries {
			row := rows[i+1]
			want := []string{strconv.FormatInt(e.ID, 10), e.SubmittedAt.In(japan()).Format("2006/01/02 15:04:05"),
				e.TalentName, e.TalentKana, emails[e.TalentID], "応募"}
			for rank := 0; rank < domain.MaxChoices; rank++ {
				title := ""
				if rank < len(e.Choices) {
					title = titles[e.Choices[rank]]
				}
				want = append(want, title)
			}
			score := ""
			if e.ID == reviewed {
				score = "3.8" // (4.5 + 3.0) / 2
			}
			ties := ""
			if emails[e.TalentID] == demoTalentEmail {
				ties = "大田区 出身" // the demo talent's profile
			}
			want = append(want, e.Motivation, score, "", "", ties, "")
			if strings.Join(row, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("row %d:\n got %q\nwant %q", i+2, row, want)
			}
		}
		if !bytes.Contains(raw, []byte("\"町工場の発信を手伝いたいです。\n\n前職では \"\"BtoB\"\" のWebサイト")) {
			t.Error("the multi-line motivation is not one quoted cell with LF line breaks")
		}

		// Shift_JIS: the same rows, except characters it has no code for.
		sraw, srows, sreplaced := export(t, w, w.prog, formsimport.ShiftJIS)
		if bytes.HasPrefix(sraw, []byte("\uFEFF")) {
			t.Error("the Shift_JIS export has a byte order mark")
		}
		if want := bytes.Count(raw, []byte("𠮷")); want == 0 || sreplaced != want {
			t.Errorf("Shift_JIS replaced %d characters, want %d (one per 𠮷)", sreplaced, want)
		}
		if len(srows) != len(rows) {
			t.Fatalf("Shift_JIS export has %d rows, UTF-8 %d", len(srows), len(rows))
		}
		for i := range rows {
			want := strings.ReplaceAll(strings.Join(rows[i], "\x00"), "𠮷", "?")
			if got := strings.Join(srows[i], "\x00"); got != want {
				t.Errorf("Shift_JIS row %d:\n got %q\nwant %q", i+1, srows[i], rows[i])
			}
		}
		if !strings.Contains(string(mustDecode(t, sraw)), "髙田　") && !strings.Contains(string(mustDecode(t, sraw)), "髙田 ") {
			t.Error("髙 (an IBM extension kanji) did not survive Shift_JIS")
		}
	})
}

func mustDecode(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExportDemoProgram(t *testing.T) {
	eachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		w := newWorld(t, url)
		p, err := w.st.Directory().ProgramBySlug(ctx, demo.Ota2021Slug)
		if err != nil {
			t.Fatal(err)
		}
		projects, err := programProjects(ctx, w.st, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		titles := map[string]bool{}
		for _, pr := range projects {
			titles[pr.Title] = true
		}
		for _, enc := range []formsimport.Encoding{formsimport.UTF8, formsimport.ShiftJIS} {
			_, rows, _ := export(t, w, p, enc)
			if len(rows) != 441 {
				t.Fatalf("%s: %d rows, want 440 entries and a header", enc, len(rows))
			}
			statuses, scored := map[string]int{}, 0
			for _, row := range rows[1:] {
				// Of the demo's talents the talent and the alumnus have an account, team members
				// who consented to a story have one without a password, and
				// the others have no address at all.
				if len(row) != 17 || row[2] == "" || !domain.IsKatakanaReading(row[3]) ||
					(row[4] != "" && row[4] != demoTalentEmail && row[4] != "alumnus@demo.tsunagu.example" && !strings.HasPrefix(row[4], "member-")) {
					t.Fatalf("%s: row %q", enc, row)
				}
				for _, title := range row[6:11] {
					if title != "" && !titles[title] {
						t.Errorf("choice %q is no project of the program", title)
					}
				}
				if row[6] == "" {
					t.Errorf("%s: no first choice in %q", enc, row)
				}
				statuses[row[5]]++
				if row[12] != "" {
					scored++
				}
			}
			for s := range statuses {
				if strings.HasPrefix(s, "entry.status_") {
					t.Errorf("%s: status %q has no label", enc, s)
				}
			}
			if len(statuses) < 2 {
				t.Errorf("%s: statuses %v", enc, statuses)
			}
			t.Logf("%s: statuses %v, %d entries scored", enc, statuses, scored)
		}
	})
}
