// Package search turns Japanese (and mixed) text into index terms, parses
// the search box's query language, compiles queries for SQLite FTS5 and
// PostgreSQL full-text search, and splits text into highlighted runs.
//
// The package is pure: it does no I/O besides loading kagome's embedded IPA
// dictionary, and it keeps no package-level state.
//
// # Index terms
//
// Text is normalised with NFKC and lower-cased (so ﾎｰﾑﾍﾟｰｼﾞ is ホームページ,
// ＥＣ is ec and full-width digits are ASCII), then analysed by kagome in its
// search mode, which also splits long kanji and katakana compounds
// (関西国際空港 → 関西 国際 空港). The same analysis is used for documents and
// queries, so phrase positions line up. Kept as terms:
//
//   - nouns (名詞) except pronouns (代名詞), dependent nouns (非自立: こと,
//     もの, ため), 特殊, 接続詞的 and 動詞非自立的; proper nouns, numbers and
//     suffix nouns (者, 化, 量, 型, 年) are kept, so 排出量 is the phrase
//     "排出 量" and a search for it is precise;
//   - independent verbs and adjectives (動詞,自立 / 形容詞,自立) in their base
//     form (作り, 作っ → 作る; 新しく → 新しい), except a few that carry no
//     meaning on their own (する, ある, いる, なる, できる, ない, いい, …);
//   - kanji noun prefixes (接頭詞,名詞接続 / 数接続 such as 副, 新, 第);
//     hiragana ones (お, ご) are dropped;
//   - every run of ASCII letters and digits as one term, even where kagome
//     splits it (co + 2 → co2, 3 + d → 3d);
//   - unknown words made of letters in other scripts (café, 한국어).
//
// Particles, auxiliary verbs, adverbs, conjunctions, symbols, punctuation and
// white space are dropped. A term holds only letters (Unicode L*) and decimal
// digits, so SQLite's unicode61 tokenizer and PostgreSQL's default parser
// (used by the 'simple' configuration) split Analyzer.IndexText exactly at
// the spaces. One exception was found in PostgreSQL's parser and is handled
// here: it reads digits, "e", digits at the start of a word as a number in
// scientific notation and ends the word there ("1e5x" → 1e5, x), so such a
// term is split the same way. Terms longer than 128 bytes are dropped
// (PostgreSQL ignores words over 2047 characters). PostgreSQL stores
// positions only up to 16383, so phrase matches past that many terms in one
// document may differ between the engines; single words still match.
//
// Every term is then folded: katakana becomes hiragana (ホームページ is
// indexed ほーむぺーじ), and a dash typed after kana is read as ー. Nouns
// written with kanji also index their reading (餃子 adds ぎょうざ) after the
// regular terms, like the sub-words below, so a search typed in kana finds
// them. A query word of kana that kagome misreads (ぎょうざ is ぎょ|う|ざ) is
// analysed in katakana instead.
//
// # Compound sub-words
//
// Search mode still splits some compounds across a word the reader sees in
// them: 副業者 is analysed 副 (prefix) + 業者, and place names and surnames
// swallow characters (安曇野副業 is 安曇|野副|業). So that a search for 副業
// finds every document containing it, the index also holds, for every run of
// adjacent kanji/katakana nouns and prefixes, the dictionary's common nouns
// (一般, サ変接続, 形容動詞語幹) of two or more characters that start inside
// the run and cross out of the token they start in. They may start at any
// token that is not a suffix, and at any character of a proper noun. Proper
// nouns are never sub-words, so 東京都 does not yield 京都. The price is a
// little noise where a common noun does hide in a name (都市 in 京都市, 西国
// in 関西国際空港). Each sub-word is appended once at the end of the
// document's terms, after all the regular terms, so that it never breaks the
// adjacency of the regular terms that phrase queries rely on; queries are
// analysed without sub-words. Over 230,000 generated contexts (every pair of
// some 300 kanji and kana around 副業, also after 佐賀市 and 大阪府) and
// 7,600 built from the names of all municipalities, 副業 was missed only
// 24 times, all in "…正副業…", where the common noun 正副 swallows 副.
//
// # Query language
//
// Words separated by spaces (full-width too) are ANDed; "a quoted phrase"
// matches adjacent terms; -word and -"phrase" exclude; OR (upper case, or
// ＯＲ) between two items makes an OR group; AND in upper case is accepted
// and ignored; “typographic quotes” work like "quotes". A single word that analyses into several terms (販路開拓) is a
// phrase. Malformed input never fails: see Query.Problems.
//
// # Synonyms
//
// An unquoted, not excluded word that is in a group of synonyms.txt (HP,
// ホームページ, Web …) becomes an OR group of all the group's words, when the
// query is parsed, so both engines get the same expansion and the list
// needs no re-indexing. "Quoted" words are taken literally.
package search
