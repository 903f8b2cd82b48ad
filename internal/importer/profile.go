package importer

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/formsimport"
	"github.com/tsunagu-hub/tsunagu/internal/refdata"
	"golang.org/x/text/unicode/norm"
)

// Profile is what a row's profile answers say, as structured data: where
// the entrant lives, how they are tied to the program's municipality,
// their skills in the taxonomy and their hours. What could not be
// understood is kept as text for the background.
type Profile struct {
	Pref       int    // 1..47, 0 unknown
	LGCode     string // municipality lived in, "" unknown
	Affinities []domain.Affinity
	Skills     []domain.TalentSkill
	Hours      int      // per month, 0 unknown
	Rest       []string // lines of text not turned into data
}

// skillLevel is the level given to a skill named in a form: the form does
// not ask, and naming a skill among one's own means practical experience.
const skillLevel = 2

// readProfile turns a record's profile answers into a Profile; lgcode is
// the program's municipality, which the tie answer is about.
func readProfile(ref *refdata.Data, lgcode string, rec formsimport.Record) Profile {
	var p Profile
	note := func(label, v string) {
		if v = strings.TrimSpace(v); v != "" {
			p.Rest = append(p.Rest, label+": "+v)
		}
	}
	if ref == nil {
		note("居住地", strings.TrimSpace(rec.Residence+" "+rec.Municipality))
		note("関わり", rec.Tie)
		note("スキル", rec.Skills)
		note("活動可能時間", rec.Hours)
		note("出身地", rec.Hometown)
		return p
	}
	var rest string
	p.Pref, rest = prefectureOf(ref, rec.Residence)
	if m := rec.Municipality; m != "" {
		rest = m
	}
	if rest != "" {
		if code, ok := municipalityOf(ref, p.Pref, rest); ok {
			p.LGCode = code
			mu, _ := ref.Municipality(code)
			p.Pref = mu.PrefCode
		} else {
			note("居住地", strings.TrimSpace(rec.Residence+" "+rec.Municipality))
		}
	} else if p.Pref == 0 {
		note("居住地", rec.Residence)
	}
	p.Affinities = ties(lgcode, rec.Tie)
	if mu, ok := ref.Municipality(lgcode); ok && p.LGCode == "" && (p.Pref == 0 || p.Pref == mu.PrefCode) &&
		slices.Contains(p.Affinities, domain.Affinity{LGCode: lgcode, Kind: domain.AffinityLives}) {
		// 〇〇区との関わり: 在住 says where they live when the form asked no
		// municipality.
		p.Pref, p.LGCode = mu.PrefCode, lgcode
	}
	if p.LGCode != "" {
		p.Affinities = addAffinity(p.Affinities, domain.Affinity{LGCode: p.LGCode, Kind: domain.AffinityLives})
	}
	if rec.Tie != "" && len(ties(lgcode, rec.Tie)) == 0 {
		note("関わり", rec.Tie)
	}
	var unknown []string
	p.Skills, unknown = skillsOf(ref, rec.Skills)
	note("スキル", strings.Join(unknown, "、"))
	if p.Hours = hoursOf(rec.Hours); p.Hours == 0 {
		note("活動可能時間", rec.Hours)
	}
	note("出身地", rec.Hometown)
	return p
}

// compact is the form names are compared in: NFKC, lower case, without
// spaces.
func compact(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFKC.String(s)), ""))
}

// prefectureOf finds the prefecture an answer starts with (東京都大田区,
// 東京, Tokyo) and returns the rest of the answer.
func prefectureOf(ref *refdata.Data, answer string) (int, string) {
	a := compact(answer)
	if a == "" {
		return 0, ""
	}
	for _, pr := range ref.Prefectures() {
		for _, name := range []string{compact(pr.Name), compact(pr.NameEN), compact(pr.Short)} {
			if name != "" && strings.HasPrefix(a, name) {
				return pr.Code, strings.TrimLeft(a[len(name):], ",、")
			}
		}
	}
	return 0, a
}

// municipalityOf finds a municipality by name in a prefecture (pref 0:
// anywhere, when the name is unique). Ward names of designated cities may
// be written with or without the city (札幌市中央区, 中央区 in 札幌).
func municipalityOf(ref *refdata.Data, pref int, name string) (string, bool) {
	n := compact(name)
	list := ref.Municipalities()
	if pref != 0 {
		list = ref.MunicipalitiesIn(pref)
	}
	found := ""
	for _, m := range list {
		_, ward, isWard := strings.Cut(m.Name, " ")
		if n != compact(m.Name) && (!isWard || n != compact(ward)) {
			continue
		}
		if found != "" && found != m.LGCode {
			return "", false // ambiguous
		}
		found = m.LGCode
	}
	return found, found != ""
}

// tieWords maps the words of a tie answer to kinds, strongest first.
var tieWords = []struct {
	word string
	kind domain.AffinityKind
}{
	{"在住", domain.AffinityLives}, {"住んで", domain.AffinityLives}, {"live", domain.AffinityLives},
	{"在勤", domain.AffinityWorks}, {"在学", domain.AffinityWorks}, {"勤務", domain.AffinityWorks}, {"work", domain.AffinityWorks},
	{"出身", domain.AffinityBorn}, {"born", domain.AffinityBorn}, {"grew", domain.AffinityBorn},
	{"応援", domain.AffinitySupporter}, {"support", domain.AffinitySupporter}, {"関心", domain.AffinitySupporter},
}

// ties reads a tie answer (Google Forms joins checked boxes with ", ")
// into affinities to the municipality lgcode.
func ties(lgcode, answer string) []domain.Affinity {
	var out []domain.Affinity
	a := compact(answer)
	if lgcode == "" || a == "" {
		return nil
	}
	for _, w := range tieWords {
		if strings.Contains(a, w.word) {
			out = addAffinity(out, domain.Affinity{LGCode: lgcode, Kind: w.kind})
		}
	}
	return out
}

func addAffinity(list []domain.Affinity, a domain.Affinity) []domain.Affinity {
	for _, have := range list {
		if have == a {
			return list
		}
	}
	return append(list, a)
}

// splitList splits a list answer on 、 , ; and line breaks (also their
// full-width forms), trimming each part and dropping blanks.
func splitList(s string) []string {
	parts := strings.FieldsFunc(norm.NFKC.String(s), func(r rune) bool {
		return r == '、' || r == ',' || r == ';' || r == '\n' || r == '\r' || r == '，'
	})
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// skillsOf matches each part of a skills answer to the taxonomy by name
// (Japanese, English, or a part of a name such as 広報 of 広報・PR) and
// by the synonyms people write; the parts that match nothing are returned
// as typed.
func skillsOf(ref *refdata.Data, answer string) ([]domain.TalentSkill, []string) {
	names := map[string]string{}
	for _, sk := range ref.Skills() {
		names[compact(sk.NameJA)], names[compact(sk.NameEN)] = sk.Code, sk.Code
		for _, part := range strings.FieldsFunc(sk.NameJA, func(r rune) bool { return r == '・' || r == '/' }) {
			if k := compact(part); k != "" {
				if _, taken := names[k]; !taken {
					names[k] = sk.Code
				}
			}
		}
	}
	for word, code := range skillSynonyms {
		names[compact(word)] = code
	}
	var skills []domain.TalentSkill
	var rest []string
	seen := map[string]bool{}
	for _, part := range splitList(answer) {
		code, ok := names[compact(part)]
		if !ok {
			rest = append(rest, part)
			continue
		}
		if _, known := ref.Skill(code); known && !seen[code] {
			seen[code] = true
			skills = append(skills, domain.TalentSkill{Code: code, Level: skillLevel})
		}
	}
	return skills, rest
}

// hoursOf reads hours per month from an answer such as 月20時間, 20,
// 10〜20時間 (the first number) or 週5時間 (four weeks a month); 0 when
// there is no number.
func hoursOf(answer string) int {
	a := norm.NFKC.String(answer)
	start := strings.IndexFunc(a, unicode.IsDigit)
	if start < 0 {
		return 0
	}
	end := start
	for end < len(a) && a[end] >= '0' && a[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(a[start:end])
	if err != nil {
		return 0
	}
	if strings.Contains(a, "週") || strings.Contains(strings.ToLower(a), "week") {
		n *= 4
	}
	return min(n, 200)
}
