package match

import (
	"math"
	"math/bits"
	"strconv"
)

// Reason codes. They are stable: the web and API layers may key their own
// translations on them.
const (
	ReasonRequiredSkills   = "required_skills"    // Count of Total required skills held at the level asked
	ReasonRequiredBelow    = "required_below"     // Count required skills held below the level asked
	ReasonPreferredSkills  = "preferred_skills"   // Count of Total preferred skills held
	ReasonRareSkill        = "rare_skill"         // holds Skill, held by at most 1% of the pool
	ReasonSDGs             = "sdgs"               // Count SDGs goals shared
	ReasonHoursFit         = "hours_fit"          // available hours cover the project's
	ReasonHoursShort       = "hours_short"        // Count hours available of Total asked
	ReasonHoursUnknown     = "hours_unknown"      // talent did not state hours
	ReasonRemote           = "remote"             // remote project
	ReasonDistance         = "distance"           // Km from home
	ReasonRemoteOnly       = "remote_only"        // talent wants remote, project needs presence
	ReasonLocationUnknown  = "location_unknown"   // distance cannot be told
	ReasonAffinityLives    = "affinity_lives"     // talent lives in the municipality
	ReasonAffinityWorks    = "affinity_works"     // talent works there
	ReasonAffinityBorn     = "affinity_born"      // talent was born or raised there
	ReasonAffinitySupports = "affinity_supporter" // talent supports it
)

// rareShare is the largest share of the pool holding a skill for it to be
// called rare in a reason.
const rareShare = 0.01

// Reason is one readable fact behind a score. Which fields are set depends
// on Code (see the Reason* constants).
type Reason struct {
	Code  string
	Count int     // items that match
	Total int     // items considered
	Km    float64 // distance in kilometres
	Skill string  // skill code
}

// Fits reports whether the reason tells something that fits the talent
// (skills held, goals shared, hours that cover the project, remote work,
// a project within nearKm of home, where distance counts fully, a tie to
// its place) rather than something that
// falls short or is unknown.
func (r Reason) Fits() bool {
	switch r.Code {
	case ReasonRequiredSkills, ReasonPreferredSkills, ReasonSDGs:
		return r.Count > 0
	case ReasonRareSkill, ReasonHoursFit, ReasonRemote, ReasonAffinityLives, ReasonAffinityWorks, ReasonAffinityBorn,
		ReasonAffinitySupports:
		return true
	case ReasonDistance:
		return r.Km <= nearKm
	}
	return false
}

// Fits keeps the reasons that tell what fits, in order.
func Fits(reasons []Reason) []Reason {
	var out []Reason
	for _, r := range reasons {
		if r.Fits() {
			out = append(out, r)
		}
	}
	return out
}

// JA returns the reason in Japanese.
func (r Reason) JA() string {
	n, t := strconv.Itoa(r.Count), strconv.Itoa(r.Total)
	switch r.Code {
	case ReasonRequiredSkills:
		return "必須スキル" + t + "件中" + n + "件が一致"
	case ReasonRequiredBelow:
		return "必須スキル" + n + "件は求めるレベルに未達"
	case ReasonPreferredSkills:
		return "歓迎スキル" + t + "件中" + n + "件が一致"
	case ReasonRareSkill:
		return "希少なスキル「" + r.Skill + "」を保有"
	case ReasonSDGs:
		return "SDGsの関心が" + n + "件一致"
	case ReasonHoursFit:
		return "希望時間が合う"
	case ReasonHoursShort:
		return "稼働可能時間が月" + n + "時間（求める時間は月" + t + "時間）"
	case ReasonHoursUnknown:
		return "稼働可能時間が未登録"
	case ReasonRemote:
		return "リモートで参加できる"
	case ReasonDistance:
		if r.Km < 1 {
			return "自宅から1km未満"
		}
		return "自宅から" + groupDigits(int(math.Round(r.Km))) + "km"
	case ReasonRemoteOnly:
		return "リモートのみ希望（現地での活動あり）"
	case ReasonLocationUnknown:
		return "所在地が不明のため距離は未評価"
	case ReasonAffinityLives:
		return "在住の自治体のプロジェクト"
	case ReasonAffinityWorks:
		return "在勤の自治体のプロジェクト"
	case ReasonAffinityBorn:
		return "出身地のプロジェクト"
	case ReasonAffinitySupports:
		return "応援している自治体のプロジェクト"
	}
	return r.Code
}

// EN returns the reason in English.
func (r Reason) EN() string {
	n, t := strconv.Itoa(r.Count), strconv.Itoa(r.Total)
	switch r.Code {
	case ReasonRequiredSkills:
		return n + " of " + t + " required skills match"
	case ReasonRequiredBelow:
		return plural(r.Count, "required skill", "required skills") + " below the level asked"
	case ReasonPreferredSkills:
		return n + " of " + t + " preferred skills match"
	case ReasonRareSkill:
		return "Has the rare skill " + r.Skill
	case ReasonSDGs:
		return plural(r.Count, "SDGs interest", "SDGs interests") + " in common"
	case ReasonHoursFit:
		return "Available hours fit"
	case ReasonHoursShort:
		return n + " hours a month available of " + t + " asked"
	case ReasonHoursUnknown:
		return "Available hours not given"
	case ReasonRemote:
		return "Can take part remotely"
	case ReasonDistance:
		if r.Km < 1 {
			return "Less than 1 km from home"
		}
		return groupDigits(int(math.Round(r.Km))) + " km from home"
	case ReasonRemoteOnly:
		return "Wants remote work; the project needs presence"
	case ReasonLocationUnknown:
		return "Location unknown, distance not rated"
	case ReasonAffinityLives:
		return "Project where you live"
	case ReasonAffinityWorks:
		return "Project where you work"
	case ReasonAffinityBorn:
		return "Project in your hometown"
	case ReasonAffinitySupports:
		return "Project in a municipality you support"
	}
	return r.Code
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// groupDigits writes n with thousands separators: 1234 -> "1,234".
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// explain builds the parts and reasons of a talent already scored.
func (p *Pool) explain(q *plan, i int32, score int) Ranked {
	m := p.meta[i]
	pr := q.proj
	out := Ranked{TalentID: p.ids[i], Score: score, Parts: Parts{-1, -1, -1, -1, -1}}
	var reasons []Reason

	if q.present[partSkills] {
		var req, below, reqTotal, pref, prefTotal int
		var credit float64
		rare, rareDF := "", math.MaxInt
		for _, s := range q.skills {
			have, _ := p.skills.value(s.index, i)
			if have > 0 {
				credit += s.weight * levelCredit(have, s.level)
				if df := len(p.skills.of(s.index)); float64(df) <= rareShare*float64(len(p.ids)) && df < rareDF {
					rare, rareDF = s.code, df
				}
			}
			if s.required {
				reqTotal++
				switch {
				case have >= s.level:
					req++
				case have > 0:
					below++
				}
			} else {
				prefTotal++
				if have > 0 {
					pref++
				}
			}
		}
		out.Parts.Skills = int(math.Round(1000 * credit / q.skillDen))
		if reqTotal > 0 {
			reasons = append(reasons, Reason{Code: ReasonRequiredSkills, Count: req, Total: reqTotal})
		}
		if below > 0 {
			reasons = append(reasons, Reason{Code: ReasonRequiredBelow, Count: below})
		}
		if prefTotal > 0 {
			reasons = append(reasons, Reason{Code: ReasonPreferredSkills, Count: pref, Total: prefTotal})
		}
		if rare != "" {
			reasons = append(reasons, Reason{Code: ReasonRareSkill, Skill: rare})
		}
	}

	if q.present[partSDGs] {
		shared := bits.OnesCount32(m & q.sdgMask)
		out.Parts.SDGs = int(math.Round(sdgPart(shared, q.sdgMask)))
		if shared > 0 {
			reasons = append(reasons, Reason{Code: ReasonSDGs, Count: shared})
		}
	}

	if q.present[partHours] {
		have, want := int(uint8(m>>hoursShift)), min(pr.HoursPerMonth, maxHours)
		out.Parts.Hours = int(math.Round(hoursPart(have, want)))
		switch {
		case have == 0:
			reasons = append(reasons, Reason{Code: ReasonHoursUnknown})
		case have >= want:
			reasons = append(reasons, Reason{Code: ReasonHoursFit})
		default:
			reasons = append(reasons, Reason{Code: ReasonHoursShort, Count: have, Total: want})
		}
	}

	remoteOnly, homeKnown := m&flagRemote != 0, m&flagHomeKnown != 0
	base, slope := placeLine(pr, remoteOnly, homeKnown)
	place := base
	switch {
	case pr.WorkStyle == Remote:
		reasons = append(reasons, Reason{Code: ReasonRemote})
	case remoteOnly:
		reasons = append(reasons, Reason{Code: ReasonRemoteOnly})
	case !homeKnown || !pr.Place.Valid:
		reasons = append(reasons, Reason{Code: ReasonLocationUnknown})
	default:
		km := haversineKm(locationOf(p.home[i]), pr.Place)
		place += slope * distanceFactor(km)
		reasons = append(reasons, Reason{Code: ReasonDistance, Km: km})
	}
	out.Parts.Place = int(math.Round(place))

	if q.present[partAffinity] {
		out.Parts.Affinity = 0
		if k, ok := p.affinities.value(q.lg, i); ok {
			kind := AffinityKind(k + 1)
			out.Parts.Affinity = int(affinityPart(kind))
			reasons = append(reasons, Reason{Code: affinityReason(kind)})
		}
	}
	out.Reasons = reasons
	return out
}

func affinityReason(k AffinityKind) string {
	switch k {
	case Lives:
		return ReasonAffinityLives
	case Works:
		return ReasonAffinityWorks
	case Born:
		return ReasonAffinityBorn
	}
	return ReasonAffinitySupports
}
