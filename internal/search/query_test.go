package search

import (
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	a := unexpanded(t)
	tests := []struct {
		in                 string
		match, exclude, ts string
		problems           []string
	}{
		{in: "副業", match: `"副業"`, ts: `'副業'`},
		{in: "副業　DX", match: `"副業" AND "dx"`, ts: `'副業' & 'dx'`},
		{in: "販路開拓", match: `"販路 開拓"`, ts: `'販路' <-> '開拓'`},
		{in: `"町工場のホームページ"`, match: `"町 工場 ほーむぺーじ"`, ts: `'町' <-> '工場' <-> 'ほーむぺーじ'`},
		{in: "ＥＣ ＯＲ 通販", match: `("ec" OR "通販")`, ts: `('ec' | '通販')`},
		{in: "副業 DX OR SNS OR 販路開拓", match: `"副業" AND ("dx" OR "sns" OR "販路 開拓")`,
			ts: `'副業' & ('dx' | 'sns' | '販路' <-> '開拓')`},
		{in: "ＥＣ OR 通販 副業 DX OR SNS", match: `("ec" OR "通販") AND "副業" AND ("dx" OR "sns")`,
			ts: `('ec' | '通販') & '副業' & ('dx' | 'sns')`},
		{in: "副業 -東京", match: `"副業"`, exclude: `"東京"`, ts: `'副業' & !('東京')`},
		{in: `-東京 -"販路開拓"`, exclude: `"東京" OR "販路 開拓"`, ts: `!('東京' | '販路' <-> '開拓')`},
		{in: "ＣＯ２削減 －製造業", match: `"co2 削減"`, exclude: `"製造 業"`, ts: `'co2' <-> '削減' & !('製造' <-> '業')`},
		{in: "副業 AND DX", match: `"副業" AND "dx"`, ts: `'副業' & 'dx'`},
		{in: "or and", match: `"or" AND "and"`, ts: `'or' & 'and'`},
		// Stop words drop out, also of OR groups.
		{in: "の する これ", ts: ``},
		{in: "の OR 副業", match: `"副業"`, ts: `'副業'`},
		{in: "副業 の OR DX", match: `"副業" AND "dx"`, ts: `'副業' & 'dx'`},
		{in: "副業 OR の OR DX", match: `("副業" OR "dx")`, ts: `('副業' | 'dx')`},
		{in: `-"副業 人材" --DX`, exclude: `"副業 人材" OR "dx"`, ts: `!('副業' <-> '人材' | 'dx')`},
		// Malformed input still runs.
		{in: `"販路開拓`, match: `"販路 開拓"`, ts: `'販路' <-> '開拓'`, problems: []string{ProblemUnclosedQuote}},
		{in: `副業 "`, match: `"副業"`, ts: `'副業'`, problems: []string{ProblemUnclosedQuote}},
		{in: "副業 -", match: `"副業"`, ts: `'副業'`, problems: []string{ProblemLoneMinus}},
		{in: "- 副業", match: `"副業"`, ts: `'副業'`, problems: []string{ProblemLoneMinus}},
		{in: "OR 副業", match: `"副業"`, ts: `'副業'`, problems: []string{ProblemDanglingOr}},
		{in: "副業 OR", match: `"副業"`, ts: `'副業'`, problems: []string{ProblemDanglingOr}},
		{in: "副業 OR OR DX", match: `("副業" OR "dx")`, ts: `('副業' | 'dx')`, problems: []string{ProblemDanglingOr}},
		{in: "副業 OR -DX", match: `"副業"`, exclude: `"dx"`, ts: `'副業' & !('dx')`, problems: []string{ProblemOrExclusion}},
		{in: "副業* ^DX", match: `"副業" AND "dx"`, ts: `'副業' & 'dx'`, problems: []string{ProblemIgnoredChars}},
		// One word that analyses into several terms is a phrase.
		{in: "title:副業 (DX)", match: `"title 副業" AND "dx"`, ts: `'title' <-> '副業' & 'dx'`, problems: []string{ProblemIgnoredChars}},
		{in: `a'b \ it's`, match: `"a b" AND "it s"`, ts: `'a' <-> 'b' & 'it' <-> 's'`, problems: []string{ProblemIgnoredChars}},
		{in: `NEAR(副業 DX)`, match: `"near 副業" AND "dx"`, ts: `'near' <-> '副業' & 'dx'`, problems: []string{ProblemIgnoredChars}},
		{in: "“副業 人材”", match: `"副業 人材"`, ts: `'副業' <-> '人材'`},
		{in: "", ts: ""},
		{in: "   ", ts: ""},
	}
	for _, tt := range tests {
		q := a.Parse(tt.in)
		match, exclude := q.FTS5()
		if match != tt.match || exclude != tt.exclude {
			t.Errorf("Parse(%q).FTS5() = %q, %q; want %q, %q", tt.in, match, exclude, tt.match, tt.exclude)
		}
		if ts := q.TSQuery(); ts != tt.ts {
			t.Errorf("Parse(%q).TSQuery() = %q, want %q", tt.in, ts, tt.ts)
		}
		var keys []string
		for _, p := range q.Problems() {
			keys = append(keys, p.Key)
		}
		if !slices.Equal(keys, tt.problems) {
			t.Errorf("Parse(%q).Problems() = %q, want %q", tt.in, keys, tt.problems)
		}
		if empty := tt.match == "" && tt.exclude == ""; q.Empty() != empty {
			t.Errorf("Parse(%q).Empty() = %v, want %v", tt.in, q.Empty(), empty)
		}
	}
}

func TestParseProblemArgs(t *testing.T) {
	a := analyzer(t)
	q := a.Parse("(株)山田* " + strings.Repeat("あ", maxQueryRunes))
	want := []Problem{
		{Key: ProblemTooLong, Args: map[string]any{"Max": maxQueryRunes}},
		{Key: ProblemIgnoredChars, Args: map[string]any{"Chars": "*()"}},
	}
	got := q.Problems()
	if len(got) != len(want) {
		t.Fatalf("Problems() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Key != want[i].Key || len(got[i].Args) != 1 {
			t.Errorf("Problems()[%d] = %v, want %v", i, got[i], want[i])
		}
		for k, v := range want[i].Args {
			if got[i].Args[k] != v {
				t.Errorf("Problems()[%d].Args[%q] = %v, want %v", i, k, got[i].Args[k], v)
			}
		}
	}
}

func TestStopWordQueryIsEmpty(t *testing.T) {
	a := analyzer(t)
	for _, in := range []string{"", "　", "の", "これ", "する", "ある", "です", "を に は", `""`, "、。", "-の"} {
		q := a.Parse(in)
		if !q.Empty() {
			t.Errorf("Parse(%q).Empty() = false, want true", in)
		}
		if m, x := q.FTS5(); m != "" || x != "" || q.TSQuery() != "" {
			t.Errorf("Parse(%q): FTS5 %q %q, TSQuery %q; want all empty", in, m, x, q.TSQuery())
		}
	}
}

func TestWords(t *testing.T) {
	a := unexpanded(t)
	got := a.Parse(`販路開拓 "副業 人材" OR DX -東京`).Words()
	want := [][]string{{"販路", "開拓"}, {"副業", "人材"}, {"dx"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Words() = %q, want %q", got, want)
	}
}
