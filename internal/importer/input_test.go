package importer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
)

// TestImportJapaneseInputHabits imports answers typed as Japanese users
// type them: a full-width address, a reading in hiragana with an
// ideographic space, a phone number in full-width digits with long-vowel
// marks for hyphens. A phone number that is not a Japanese one does not
// cost the entry.
func TestImportJapaneseInputHabits(t *testing.T) {
	eachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		w := newWorld(t, url)
		choice := "#" + fmt.Sprint(w.projects[0].ID)
		csvText := "メールアドレス,氏名,フリガナ,電話番号,第1希望,志望動機\n" +
			"ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ,佐藤　次郎,さとう　じろう,０９０ー１２３４ー５６７８," + choice + ",よろしくお願いします\n" +
			"ﾊﾝｶｸ@example.jp,半角 カナ,ﾊﾝｶｸ ｶﾅ,0312345678," + choice + ",よろしくお願いします\n" +
			"bad-phone@example.jp,電話 違い,でんわ ちがい,1234-5678," + choice + ",よろしくお願いします\n"
		rep, err := Import(ctx, w.st, w.prog, strings.NewReader(csvText), Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rows != 3 || rep.Imported != 2 || rep.TalentsCreated != 2 {
			t.Errorf("report %+v", rep)
		}
		checkSkipped(t, rep.Skipped, []Skipped{
			{Row: 3, Line: 3, Code: formsimport.CodeEmailInvalid, Args: map[string]any{"Email": "ハンカク@example.jp"}},
		})
		tal, err := w.st.Talents().TalentByEmail(ctx, "sato@example.jp")
		if err != nil {
			t.Fatal(err)
		}
		if tal.Name != "佐藤 次郎" || tal.NameKana != "サトウ ジロウ" {
			t.Errorf("imported talent %q %q", tal.Name, tal.NameKana)
		}
		entries, err := w.st.Entries().EntriesOfProgram(ctx, w.prog.ID)
		if err != nil {
			t.Fatal(err)
		}
		kana := map[string]bool{}
		for _, e := range entries {
			kana[e.TalentKana] = true
		}
		if len(entries) != 2 || !kana["サトウ ジロウ"] || !kana["デンワ チガイ"] {
			t.Fatalf("entries %+v", entries)
		}
	})
}
