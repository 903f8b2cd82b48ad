package demo

import (
	"slices"
	"strings"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// motivation writes a short 志望動機 in plain Japanese from what ties the talent
// to the host municipality, their strongest skill and their first choice.
func (g *generator) motivation(ti int, first domain.Project) string {
	t := g.ds.Talents[ti]
	pr := g.profiles[ti]
	var b strings.Builder
	if first.MunicipalityID == tsubameID {
		b.WriteString(g.tsubameOpener(pr))
	} else {
		b.WriteString(g.otaOpener(pr))
	}
	if code, ok := matchingSkill(t, first); ok {
		b.WriteString("第一希望の「" + first.Title + "」では、" + g.skillName[code] + "の経験を生かしたいです。")
	} else if len(t.Skills) > 0 {
		b.WriteString(g.skillName[t.Skills[0].Code] + "の経験を土台に、「" + first.Title + "」で新しい分野にも挑戦したいです。")
	}
	var closings []string
	switch {
	case pr.abroad != "":
		closings = []string{"時差はありますが、日本の朝や夜の打ち合わせに合わせられます。", "オンラインで、資料づくりや海外の事例調べから力になれます。"}
	case t.WorkStyle == domain.WorkRemote:
		closings = []string{"平日の夜と週末に時間をとれます。", "オンラインでの打ち合わせを中心に関わりたいです。", "副業は初めてですが、チームで学びながら進めたいです。", ""}
	default:
		closings = []string{"月に一度は現地に伺えます。", "平日の夜と週末に時間をとれます。", "現場で職人さんやお店の方の話を聞くところから始めたいです。", ""}
	}
	b.WriteString(closings[g.rng.IntN(len(closings))])
	return b.String()
}

// otaOpener says what ties the talent to Ota City.
func (g *generator) otaOpener(pr profile) string {
	switch {
	case pr.residence == OtaLGCode && pr.bornOta:
		return "大田区で生まれ育ち、いまも区内に住んでいます。慣れ親しんだ町工場や商店街の力になりたいと思いました。"
	case pr.residence == OtaLGCode:
		return "大田区に暮らしており、近所の町工場や商店街を応援したいと思い応募しました。"
	case pr.bornOta:
		return "生まれ育った大田区に、本業で身につけたことで恩返しがしたいと考えています。"
	case pr.worksOta:
		return "大田区内の職場に通っており、毎日歩く商店街の役に立ちたいと思いました。"
	case pr.abroad != "":
		return pr.abroad + "に住んでいますが、オンラインなら日本の地域の仕事に関われると思い応募しました。"
	case pr.hometown != "" && g.rng.IntN(2) == 0:
		return "いつかふるさとの" + g.muniName(pr.hometown) + "でも地域の仕事に関わりたく、その第一歩にしたいと考えています。"
	}
	openers := []string{
		"本業で培った経験が地域の会社でどう役立つか、試してみたいと思いました。",
		"ものづくりの町として知られる大田区のSDGsの取組に共感し、応募しました。",
		"会社の外で、地域の課題に向き合う経験を積みたいと考えています。",
	}
	return openers[g.rng.IntN(len(openers))]
}

// tsubameOpener says what ties the talent to Tsubame City.
func (g *generator) tsubameOpener(pr profile) string {
	switch {
	case pr.hometown == TsubameLGCode:
		return "燕市の出身で、ふるさとのものづくりを外から応援したいと思っています。"
	case pr.residence == TsubameLGCode:
		return "燕市に住んでおり、地元の会社の新しい挑戦に加わりたいと思いました。"
	case pr.residence != "" && pr.residence[:2] == "15", pr.hometown != "" && pr.hometown[:2] == "15":
		return "新潟県にゆかりがあり、県内の金属加工の産地を応援したいと考えています。"
	}
	return "大田区のプロジェクトに応募して町工場の仕事に触れ、燕のものづくりにも関わりたいと思いました。"
}

// matchingSkill returns the talent's skill that the project asks for,
// preferring a required skill and then the higher level.
func matchingSkill(t domain.Talent, p domain.Project) (string, bool) {
	best, bestScore := "", 0
	for _, s := range t.Skills {
		score := 0
		switch {
		case slices.Contains(p.RequiredSkills, s.Code):
			score = 10 + s.Level
		case slices.Contains(p.PreferredSkills, s.Code):
			score = 5 + s.Level
		}
		if score > bestScore {
			best, bestScore = s.Code, score
		}
	}
	return best, bestScore > 0
}
