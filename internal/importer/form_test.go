package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
)

// The generated Google Forms export: formGood accepted rows with invented
// entrants, plus one row of each kind that must be skipped.
const (
	formGood   = 440
	formDomain = "forms.example.jp"
	// Demo accounts: the first demo talent (who has a profile) and Ota's
	// staff (an account without a profile).
	demoTalentEmail = "talent@demo.tsunagu.example"
	demoStaffEmail  = "ota-staff@demo.tsunagu.example"
)

// want is what importing one accepted row must leave in the store.
type want struct {
	email, name, kana, motivation string
	choices                       []int64
	at                            time.Time // zero: Options.Now
	residence                     string
}

// form is a generated export and what importing it must give.
type form struct {
	csv     []byte
	good    []want    // in file order
	skipped []Skipped // in file order; Args checked only where set
	rows    int
}

// hiragana turns katakana into hiragana, as some entrants type the reading.
func hiragana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ァ' && r <= 'ヶ' {
			return r - ('ァ' - 'ぁ')
		}
		return r
	}, s)
}

// buildForm writes the export for the projects of w (UTF-8 with a BOM, CRLF
// line ends) with Japanese headers as Google Forms names them.
func buildForm(w world) form {
	families := []struct{ kanji, kana string }{
		{"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"}, {"伊藤", "イトウ"},
		{"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"加藤", "カトウ"},
		{"吉田", "ヨシダ"}, {"山田", "ヤマダ"}, {"佐々木", "ササキ"}, {"山口", "ヤマグチ"}, {"松本", "マツモト"},
		{"井上", "イノウエ"}, {"木村", "キムラ"}, {"林", "ハヤシ"}, {"斎藤", "サイトウ"}, {"清水", "シミズ"},
		{"髙田", "タカダ"}, {"𠮷野", "ヨシノ"},
	}
	givens := []struct{ kanji, kana string }{
		{"太郎", "タロウ"}, {"花子", "ハナコ"}, {"一郎", "イチロウ"}, {"美咲", "ミサキ"}, {"健太", "ケンタ"},
		{"陽菜", "ヒナ"}, {"翔", "ショウ"}, {"結衣", "ユイ"}, {"大輔", "ダイスケ"}, {"さくら", "サクラ"},
		{"直樹", "ナオキ"}, {"愛", "アイ"}, {"悠真", "ユウマ"}, {"葵", "アオイ"}, {"拓也", "タクヤ"},
		{"七海", "ナナミ"}, {"亮", "リョウ"}, {"真由美", "マユミ"}, {"剛", "ツヨシ"}, {"舞", "マイ"},
	}
	var f form
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	line := 1
	write := func(cells ...string) {
		cw.Write(cells)
		line++
		for _, c := range cells {
			line += strings.Count(c, "\n")
		}
	}
	write("タイムスタンプ", "メールアドレス", "氏名", "フリガナ", "お住まいの市区町村",
		"第1希望", "第2希望", "第3希望", "志望動機")
	base := time.Date(2021, time.July, 15, 10, 0, 0, 0, time.FixedZone("JST", 9*60*60))
	n := len(w.projects)
	row := 1
	bad := func(code string, args map[string]any, cells ...string) {
		row++
		f.skipped = append(f.skipped, Skipped{Row: row, Line: line, Code: code, Args: args})
		write(cells...)
	}
	for i := 0; i < formGood; i++ {
		fam, giv := families[i%len(families)], givens[(i/len(families))%len(givens)]
		g := want{
			email:      fmt.Sprintf("applicant%03d@%s", i, formDomain),
			name:       fam.kanji + "　" + giv.kanji,
			kana:       fam.kana + " " + giv.kana,
			motivation: fmt.Sprintf("大田区のものづくりを副業で応援したいです。（応募 %d）", i),
			residence:  []string{"東京都大田区", "神奈川県川崎市", "東京都品川区"}[i%3],
			at:         base.Add(time.Duration(i) * 7 * time.Minute),
		}
		furigana := g.kana
		switch {
		case i%9 == 4:
			furigana = hiragana(g.kana)
		case i%13 == 6:
			furigana = width.Narrow.String(g.kana) // ﾔﾏﾀﾞ ﾀﾛｳ
		}
		// Three distinct projects, the answers written in the ways forms
		// show them.
		p1, p2, p3 := w.projects[i%n], w.projects[(i+1)%n], w.projects[(i+5)%n]
		g.choices = []int64{p1.ID, p2.ID, p3.ID}
		a1, a2, a3 := p1.Title, p2.Title+"（"+"大田区"+"）", "#"+strconv.FormatInt(p3.ID, 10)+" "+p3.Title
		switch i % 4 {
		case 1:
			a1 = width.Widen.String(p1.Title) // ＣＯ２ and friends
			a2 = p2.Title + " - 大田区の町工場"
		case 2:
			a1 = "  " + p1.Title + "　"
			a3 = strconv.FormatInt(p3.ID, 10)
		case 3:
			a3 = "" // only two choices
			g.choices = g.choices[:2]
		}
		stamp := g.at.Format("2006/01/02 15:04:05")
		switch i {
		case 1:
			g.motivation = "町工場の発信を手伝いたいです。\n\n前職では \"BtoB\" のWebサイトを担当し、\n問い合わせを2倍にしました。"
		case 17:
			stamp, g.at = "", time.Time{}
		case 100:
			g.email, g.name, g.kana = demoTalentEmail, "デモ 副業者", "" // kept: the profile exists
		case 200:
			g.email = demoStaffEmail
		}
		email := g.email
		if i == 300 {
			email = strings.ToUpper(g.email) // addresses compare in lower case
		}
		row++
		write(stamp, email, g.name, furigana, g.residence, a1, a2, a3, g.motivation)
		f.good = append(f.good, g)
		switch i {
		case 2:
			bad(formsimport.CodeEmailInvalid, nil, stamp, "not-an-address", "誤記 太郎", "ゴキ タロウ", "", p1.Title, "", "", "応募します")
		case 50:
			bad(CodeChoiceUnknown, map[string]any{"Value": "存在しないプロジェクト"}, stamp, "unknown-choice@"+formDomain,
				"不明 花子", "フメイ ハナコ", "", p1.Title, "存在しないプロジェクト", "", "応募します")
		case 150:
			bad(CodeMotivationMissing, nil, stamp, "no-motivation@"+formDomain, "空欄 一郎", "クウラン イチロウ", "",
				p1.Title, "", "", "   ")
		case 250:
			bad(formsimport.CodeDuplicateEmail, map[string]any{"FirstRow": 2}, stamp, f.good[0].email, "重複 美咲",
				"チョウフク ミサキ", "", p2.Title, "", "", "二回目の応募です")
		}
	}
	cw.Flush()
	f.csv, f.rows = buf.Bytes(), row-1
	return f
}
