package search

import (
	"os"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// fullIPA is kagome's IPA dictionary as kagome loads it, taken by TestMain
// before any analyzer trims it, so that the compact features can be checked
// against every morph.
var fullIPA struct {
	contents dict.Contents
	pos      []dict.POS
	names    []string
	meta     dict.ContentsMeta
}

func TestMain(m *testing.M) {
	d := ipa.Dict()
	fullIPA.contents, fullIPA.pos, fullIPA.names = d.Contents, d.POSTable.POSs, d.POSTable.NameList
	fullIPA.meta = dict.ContentsMeta{}
	for k, v := range d.ContentsMeta {
		fullIPA.meta[k] = v
	}
	os.Exit(m.Run())
}

// TestFeaturesMatchTheDictionary compares, for all 392,127 morphs, what
// the compact table gives with kagome's own features.
func TestFeaturesMatchTheDictionary(t *testing.T) {
	a := analyzer(t)
	if len(fullIPA.pos) < 390000 || len(fullIPA.contents) != len(fullIPA.pos) {
		t.Fatalf("the full dictionary was not kept: %d morphs, %d feature rows", len(fullIPA.pos), len(fullIPA.contents))
	}
	base, reading := int(fullIPA.meta[dict.BaseFormIndex]), int(fullIPA.meta[dict.ReadingIndex])
	bad := 0
	for id, pos := range fullIPA.pos {
		row := fullIPA.contents[id]
		want := word{
			pos0:    fullIPA.names[pos[0]],
			pos1:    fullIPA.names[pos[1]],
			base:    row[base-len(pos)],
			reading: row[reading-len(pos)],
		}
		if got := a.feat.morph(id); got != want {
			bad++
			if bad <= 5 {
				t.Errorf("morph %d: got %+v, want %+v", id, got, want)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d morphs differ", bad, len(fullIPA.pos))
	}
	if got := a.feat.morph(len(fullIPA.pos)); got != (word{}) {
		t.Errorf("a morph past the end: got %+v, want none", got)
	}
}

// TestTheDictionaryIsTrimmed checks that kagome's own feature tables are
// dropped once the analyzer has its copy, and that the tokenizer still
// reads words as before.
func TestTheDictionaryIsTrimmed(t *testing.T) {
	a := analyzer(t)
	d := ipa.Dict()
	if d.Contents != nil || d.POSTable.POSs != nil {
		t.Fatalf("kagome's feature tables are kept: %d rows, %d parts of speech", len(d.Contents), len(d.POSTable.POSs))
	}
	toks := a.tok.Tokenize("工場で作った")
	var got []word
	for _, tok := range toks {
		got = append(got, a.feat.word(tok))
	}
	want := []word{
		{pos0: "名詞", pos1: "一般", base: "工場", reading: "コウジョウ"},
		{pos0: "助詞", pos1: "格助詞", base: "で", reading: "デ"},
		{pos0: "動詞", pos1: "自立", base: "作る", reading: "ツクッ"},
		{pos0: "助動詞", pos1: "*", base: "た", reading: "タ"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d tokens %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("token %d (%s): got %+v, want %+v", i, toks[i].Surface, got[i], want[i])
		}
	}
	unknown := a.tok.Tokenize("한국어")
	if len(unknown) == 0 || unknown[0].Class != tokenizer.UNKNOWN || a.feat.word(unknown[0]).pos0 == "" {
		t.Errorf("an unknown word has no part of speech: %+v", unknown)
	}
}
