package formsimport

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// headerKey normalises a column title for comparison: NFKC, format
// characters (such as a stray BOM) removed, spaces collapsed, lower case.
func headerKey(h string) string {
	h = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, norm.NFKC.String(h))
	return strings.ToLower(strings.Join(strings.Fields(h), " "))
}

// recognise returns the field of a column title, FieldExtra if it is not
// known, and how many trailing notes had to be removed to find it (a title
// found as written wins over one found by dropping a note).
func recognise(header string) (Field, int) {
	k := headerKey(header)
	for depth := 0; ; depth++ {
		c := strings.TrimRight(strings.ReplaceAll(k, " ", ""), "*:")
		if f := lookupField(c); f != "" {
			return f, depth
		}
		if rank := choiceRankOf(c); rank > 0 {
			return choiceField(rank), depth
		}
		rest, note, ok := splitNote(k)
		if !ok {
			return FieldExtra, depth
		}
		if isKanaNote(note) && lookupField(strings.ReplaceAll(rest, " ", "")) == FieldName {
			return FieldFurigana, depth // お名前（カタカナ）
		}
		k = rest
	}
}

// splitNote splits a trailing note in brackets off k: "氏名 (必須)" gives
// "氏名" and "必須". Notes that mark a confirmation column are kept, so that
// "メールアドレス（確認用）" is not taken for the e-mail column.
func splitNote(k string) (rest, note string, ok bool) {
	k = strings.TrimRight(strings.TrimSpace(k), "*:")
	for _, p := range [...][2]string{{"(", ")"}, {"[", "]"}, {"【", "】"}, {"〔", "〕"}, {"<", ">"}} {
		body, found := strings.CutSuffix(k, p[1])
		if !found {
			continue
		}
		i := strings.LastIndex(body, p[0])
		if i < 0 {
			return "", "", false
		}
		rest, note = strings.TrimSpace(body[:i]), body[i+len(p[0]):]
		if rest == "" || strings.Contains(note, "確認") || strings.Contains(note, "confirm") {
			return "", "", false
		}
		return rest, note, true
	}
	return "", "", false
}

// isKanaNote reports whether a note asks for the reading of a name.
func isKanaNote(note string) bool {
	for _, w := range [...]string{"カナ", "かな", "ふりがな", "よみ", "ヨミ", "読み", "kana", "furigana", "reading"} {
		if strings.Contains(note, w) {
			return true
		}
	}
	return false
}

// choiceRankOf returns the rank of a choice column title (compact key), or
// 0: 第1希望, 第一希望, 希望プロジェクト(第1希望), 希望プロジェクト[第2希望]
// (a Google Forms grid), 第3希望のプロジェクト, 希望4, 1st choice, choice 2.
func choiceRankOf(c string) int {
	t := strings.TrimRight(c, ")]】〕>")
	for _, suffix := range [...]string{"のプロジェクト", "プロジェクト", "先"} {
		if s, ok := strings.CutSuffix(t, suffix); ok {
			t = s
			break
		}
	}
	const kanji = "一二三四五"
	english := [...]string{"", "first", "second", "third", "fourth", "fifth"}
	ordinal := [...]string{"", "1st", "2nd", "3rd", "4th", "5th"}
	for rank := 1; rank <= maxChoices; rank++ {
		d := strconv.Itoa(rank)
		k := string([]rune(kanji)[rank-1])
		for _, s := range [...]string{"第" + d + "希望", "第" + k + "希望", "第" + d + "志望", "第" + k + "志望", "希望" + d, "志望" + d} {
			if strings.HasSuffix(t, s) {
				return rank
			}
		}
		for _, s := range [...]string{english[rank] + "choice", ordinal[rank] + "choice", "choice" + d, "choice#" + d, "choiceno." + d,
			english[rank] + "preference", ordinal[rank] + "preference", "preference" + d} {
			if t == s || t == "your"+s || strings.HasSuffix(t, "["+s) || strings.HasSuffix(t, "("+s) {
				return rank
			}
		}
	}
	return 0
}

// lookupField returns the field of a compact column title, or "".
func lookupField(c string) Field {
	// 〇〇区との関わり, 大田区とのご関係: the tie to the municipality.
	for _, suffix := range [...]string{"との関わり", "とのかかわり", "との関係", "とのご関係", "とのつながり", "とのご縁"} {
		if strings.HasSuffix(c, suffix) {
			return FieldTie
		}
	}
	switch c {
	case "タイムスタンプ", "timestamp", "回答日時", "送信日時", "回答日", "送信日":
		return FieldSubmittedAt
	case "メールアドレス", "メール", "eメール", "eメールアドレス", "連絡先メールアドレス",
		"ご連絡先メールアドレス", "email", "e-mail", "mail", "emailaddress",
		"e-mailaddress", "mailaddress", "youremailaddress", "youremail":
		return FieldEmail
	case "氏名", "お名前", "名前", "ご氏名", "name", "fullname", "yourname", "yourfullname":
		return FieldName
	case "フリガナ", "ふりがな", "よみがな", "氏名(フリガナ)", "氏名(ふりがな)", "お名前(フリガナ)",
		"お名前(ふりがな)", "名前(フリガナ)", "名前(ふりがな)", "氏名フリガナ", "お名前フリガナ",
		"名前フリガナ", "氏名カナ", "お名前カナ", "furigana", "kana", "name(kana)",
		"name(furigana)", "nameinkana":
		return FieldFurigana
	case "志望動機", "応募動機", "動機", "応募の動機", "応募理由", "志望理由", "参加動機",
		"motivation", "reasonforapplying", "whyareyouapplying?":
		return FieldMotivation
	case "居住地", "お住まい", "お住まいの市区町村", "お住まいの地域", "お住まいの都道府県",
		"お住まいの都道府県・市区町村", "住まい", "現住所", "住所", "居住地(市区町村)",
		"residence", "placeofresidence", "cityofresidence", "currentresidence",
		"wheredoyoulive?":
		return FieldResidence
	case "お住まいの市区町村名", "市区町村", "居住市区町村", "お住まいの区市町村", "municipality", "city":
		return FieldMunicipality
	case "関わり", "地域との関わり", "関係", "tie", "connection", "relationship":
		return FieldTie
	case "出身地", "出身", "ご出身", "ご出身地", "hometown", "birthplace", "placeoforigin":
		return FieldHometown
	case "スキル", "得意分野", "スキル・得意分野", "スキル/得意分野", "得意なこと", "保有スキル",
		"専門分野", "専門スキル", "skills", "skill", "skillset", "expertise":
		return FieldSkills
	case "稼働可能時間", "月の稼働時間", "月の稼働可能時間", "稼働時間", "1か月の稼働可能時間",
		"1ヶ月の稼働可能時間", "1ヵ月の稼働可能時間", "月間稼働可能時間", "月あたりの稼働可能時間",
		"hours", "availablehours", "hourspermonth", "availability":
		return FieldHours
	case "電話番号", "電話", "携帯電話番号", "携帯番号", "連絡先電話番号", "tel", "phone",
		"phonenumber", "telephone", "telephonenumber", "mobile":
		return FieldPhone
	}
	return ""
}
