package search

import (
	"fmt"
	"strings"
	"sync"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// word is what the analyzer reads of a token's dictionary features: the
// first two levels of its part of speech, its base form and its reading.
// A feature the dictionary does not give is "".
type word struct{ pos0, pos1, base, reading string }

// features holds, for every morph of the IPA dictionary, the parts of its
// features that the analyzer reads. kagome keeps nine strings and a part of
// speech slice per morph (about 75 MB for 392,127 morphs); this table keeps
// them in about 12 MB.
type features struct {
	// pairs are the distinct first two part-of-speech levels; pair[id]
	// indexes them.
	pairs [][2]string
	pair  []uint8
	// text holds every morph's base form and reading, end to end;
	// ends[2*id] is where the base form of morph id ends and ends[2*id+1]
	// where its reading ends.
	text string
	ends []uint32
}

// ipaShared loads kagome's IPA dictionary, which kagome-dict keeps as a
// process-wide singleton, and replaces its feature tables with the compact
// features, once per process. It is the package's one piece of process
// state: it mirrors kagome's singleton, which cannot be trimmed twice.
var ipaShared = sync.OnceValues(loadIPA)

// ipaDict pairs the trimmed dictionary with its features.
type ipaDict struct {
	dict *dict.Dict
	feat *features
}

func loadIPA() (d ipaDict, err error) {
	defer func() {
		// ipa.Dict panics when the embedded dictionary cannot be read.
		if r := recover(); r != nil {
			d, err = ipaDict{}, fmt.Errorf("search: load IPA dictionary: %v", r)
		}
	}()
	full := ipa.Dict()
	feat, err := newFeatures(full)
	if err != nil {
		return ipaDict{}, err
	}
	// The tokenizer reads only the morphs, index, connection and character
	// tables; the features are read through feat from now on.
	full.Contents = nil
	full.POSTable.POSs = nil
	return ipaDict{dict: full, feat: feat}, nil
}

// newFeatures copies from d the features the analyzer reads.
func newFeatures(d *dict.Dict) (*features, error) {
	baseAt, okBase := d.ContentsMeta[dict.BaseFormIndex]
	readAt, okRead := d.ContentsMeta[dict.ReadingIndex]
	n := len(d.POSTable.POSs)
	if !okBase || !okRead || len(d.Contents) != n {
		return nil, fmt.Errorf("search: the IPA dictionary has no base forms and readings for its %d morphs", n)
	}
	f := &features{pair: make([]uint8, n), ends: make([]uint32, 2*n)}
	index := map[[2]string]uint8{}
	size := 0
	for id, row := range d.Contents {
		hier := len(d.POSTable.POSs[id])
		size += len(cell(row, int(baseAt)-hier)) + len(cell(row, int(readAt)-hier))
	}
	var text strings.Builder
	text.Grow(size)
	for id, pos := range d.POSTable.POSs {
		p := [2]string{name(d, pos, 0), name(d, pos, 1)}
		i, ok := index[p]
		if !ok {
			if len(f.pairs) > 255 {
				return nil, fmt.Errorf("search: the IPA dictionary has more than 256 parts of speech")
			}
			i = uint8(len(f.pairs))
			index[p] = i
			f.pairs = append(f.pairs, p)
		}
		f.pair[id] = i
		row := d.Contents[id]
		text.WriteString(cell(row, int(baseAt)-len(pos)))
		f.ends[2*id] = uint32(text.Len())
		text.WriteString(cell(row, int(readAt)-len(pos)))
		f.ends[2*id+1] = uint32(text.Len())
	}
	f.text = text.String()
	return f, nil
}

// cell returns row[i], or "" where the row has no such column.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}

// name returns the name of level i of part of speech pos, or "".
func name(d *dict.Dict, pos dict.POS, i int) string {
	if i >= len(pos) || int(pos[i]) >= len(d.POSTable.NameList) {
		return ""
	}
	return d.POSTable.NameList[pos[i]]
}

// word returns the features of tok. Words the dictionary does not know
// take theirs from kagome's table of unknown words, which is kept.
func (f *features) word(tok tokenizer.Token) word {
	switch tok.Class {
	case tokenizer.KNOWN:
		return f.morph(tok.ID)
	case tokenizer.UNKNOWN:
		var w word
		w.pos0, _ = tok.FeatureAt(0)
		w.pos1, _ = tok.FeatureAt(1)
		w.base, _ = tok.BaseForm()
		w.reading, _ = tok.Reading()
		return w
	}
	return word{}
}

// morph returns the features of dictionary morph id.
func (f *features) morph(id int) word {
	if id < 0 || id >= len(f.pair) {
		return word{}
	}
	p := f.pairs[f.pair[id]]
	start := uint32(0)
	if id > 0 {
		start = f.ends[2*id-1]
	}
	mid, end := f.ends[2*id], f.ends[2*id+1]
	return word{pos0: p[0], pos1: p[1], base: f.text[start:mid], reading: f.text[mid:end]}
}
