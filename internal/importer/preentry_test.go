package importer

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
)

// preEntryCSV is the 2021 pre-entry form: no project choices, and the
// profile answers as Google Forms exports them.
const preEntryCSV = "タイムスタンプ,メールアドレス,氏名,フリガナ,お住まいの都道府県,お住まいの市区町村,大田区との関わり,スキル,月の稼働可能時間,志望動機\r\n" +
	"2021/07/15 10:23:45,kamata@example.jp,蒲田 一郎,かまた いちろう,東京都,大田区,\"在住, 応援したい\",\"HP制作、SNS運用; 経理\n茶道\",月20時間,地元の町工場を応援したい\r\n" +
	"2021/07/16 9:03,gotenba@example.jp,御殿場 花子,ゴテンバ ハナコ,静岡県,御殿場市,出身,英語,週5時間,ふるさとの大田区に関わりたい\r\n" +
	"2021/07/17 21:00,abroad@example.jp,海外 太郎,カイガイ タロウ,,,応援したい,,,海外から応援します\r\n"

func TestImportPreEntry(t *testing.T) {
	eachEngine(t, func(t *testing.T, url string) {
		ctx := context.Background()
		w := newWorld(t, url)
		// A program that places people itself takes a form without choices.
		if err := w.st.Directory().SetProgramChoiceMode(ctx, w.prog.ID, domain.ChoicesNone); err != nil {
			t.Fatal(err)
		}
		p, err := w.st.Directory().ProgramByID(ctx, w.prog.ID)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Import(ctx, w.st, p, strings.NewReader(preEntryCSV), Options{Ref: w.ref, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rows != 3 || rep.Imported != 3 || rep.TalentsCreated != 3 || len(rep.Skipped) != 0 {
			t.Fatalf("report %+v", rep)
		}
		want := map[string]domain.Talent{
			"kamata@example.jp": {ResidencePref: 13, ResidenceLGCode: "131113", HoursPerMonth: 20,
				Skills:     []domain.TalentSkill{{Code: "fin-accounting", Level: 2}, {Code: "mkt-sns", Level: 2}, {Code: "web-homepage", Level: 2}},
				Affinities: []domain.Affinity{{LGCode: "131113", Kind: domain.AffinityLives}, {LGCode: "131113", Kind: domain.AffinitySupporter}},
				Background: "スキル: 茶道"},
			"gotenba@example.jp": {ResidencePref: 22, ResidenceLGCode: "222151", HoursPerMonth: 20,
				Skills:     []domain.TalentSkill{{Code: "global-english", Level: 2}},
				Affinities: []domain.Affinity{{LGCode: "131113", Kind: domain.AffinityBorn}, {LGCode: "222151", Kind: domain.AffinityLives}}},
			"abroad@example.jp": {Affinities: []domain.Affinity{{LGCode: "131113", Kind: domain.AffinitySupporter}}},
		}
		for email, wt := range want {
			tl, err := w.st.Talents().TalentByEmail(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			got := domain.Talent{ResidencePref: tl.ResidencePref, ResidenceLGCode: tl.ResidenceLGCode, HoursPerMonth: tl.HoursPerMonth,
				Skills: tl.Skills, Affinities: tl.Affinities, Background: tl.Background}
			if !reflect.DeepEqual(got, wt) {
				t.Errorf("%s:\n got %+v\nwant %+v", email, got, wt)
			}
		}
		entries, err := w.st.Entries().EntriesOfProgram(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if len(e.Choices) != 0 || e.Status != domain.EntrySubmitted {
				t.Errorf("entry %d: choices %v, status %s", e.ID, e.Choices, e.Status)
			}
		}
		// The export carries residence and ties.
		_, rows, _ := export(t, w, p, formsimport.UTF8)
		if got := strings.Join(rows[1][13:16], "|"); got != "東京都|大田区|大田区 在住、大田区 応援" {
			t.Errorf("export residence and ties = %q", got)
		}
	})
}

func TestImportRequiredChoicesRefusesPreEntryForm(t *testing.T) {
	eachEngine(t, func(t *testing.T, url string) {
		w := newWorld(t, url)
		_, err := Import(context.Background(), w.st, w.prog, strings.NewReader(preEntryCSV), Options{Ref: w.ref, Now: fixedNow})
		fe, ok := err.(*formsimport.FileError)
		if !ok || fe.Code != formsimport.CodeHeaderMissing || !reflect.DeepEqual(fe.Missing, []formsimport.Field{formsimport.FieldChoice1}) {
			t.Fatalf("import into a program that needs choices: %v", err)
		}
	})
}
