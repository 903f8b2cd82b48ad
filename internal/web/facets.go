package web

import (
	"fmt"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/app"
	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/i18n"
)

// option is one choice of a filter, with how many projects picking it gives
// (Count < 0: not counted).
type option struct {
	Value    string
	Label    string
	Count    int
	Selected bool
}

// filterGroup is one select of the filter form.
type filterGroup struct {
	Name    string // the query parameter
	Label   string
	Options []option
}

// filterGroups builds the filter form from the list's choices (the hub's
// programs and municipalities), the reference data and the facet counts
// (nil when the filter was invalid: no counts are shown).
func (c cataloguePages) filterGroups(lang i18n.Lang, l app.ProjectList, lq listQuery, fc *app.Facets) []filterGroup {
	t := func(key string) string { return c.cat.T(lang, key, nil) }
	pick := func(ja, en string) string {
		if lang == i18n.English && en != "" {
			return en
		}
		return ja
	}
	counted := fc != nil
	if !counted {
		fc = &app.Facets{}
	}
	opt := func(value, label string, n int, current string) option {
		if !counted {
			n = -1
		}
		return option{Value: value, Label: label, Count: n, Selected: value == current}
	}
	prog := filterGroup{Name: "program", Label: t("list.program")}
	for _, p := range l.Programs {
		prog.Options = append(prog.Options, option{Value: p.Slug, Label: pick(p.Title, p.TitleEN), Count: -1, Selected: p.Slug == lq.Program})
	}
	sdg := filterGroup{Name: "sdg", Label: t("list.sdg")}
	for _, g := range c.ref.SDGs() {
		v := strconv.Itoa(g.Goal)
		sdg.Options = append(sdg.Options, opt(v, v+". "+pick(g.NameJA, g.NameEN), fc.SDG[g.Goal], lq.SDG))
	}
	skill := filterGroup{Name: "skill", Label: t("list.skill")}
	for _, sc := range c.ref.SkillCategories() {
		skill.Options = append(skill.Options, opt(sc.Code, pick(sc.NameJA, sc.NameEN), fc.Skill[sc.Code], lq.Skill))
	}
	style := filterGroup{Name: "style", Label: t("list.style")}
	for _, w := range domain.WorkStyles() {
		style.Options = append(style.Options, opt(string(w), t("style."+string(w)), fc.Style[string(w)], lq.Style))
	}
	reward := filterGroup{Name: "reward", Label: t("list.reward")}
	for _, r := range domain.RewardTypes() {
		reward.Options = append(reward.Options, opt(string(r), t("reward."+string(r)), fc.Reward[string(r)], lq.Reward))
	}
	hours := filterGroup{Name: "hours", Label: t("list.hours")}
	for band := 1; band <= 4; band++ {
		hours.Options = append(hours.Options, opt(strconv.Itoa(band), t(fmt.Sprintf("hours.band%d", band)), fc.Hours[band], lq.Hours))
	}
	muni := filterGroup{Name: "municipality", Label: t("list.municipality")}
	for _, m := range l.Municipalities {
		muni.Options = append(muni.Options, opt(m.LGCode, pick(m.Name, m.NameEN), fc.Municipality[m.ID], lq.Municipality))
	}
	return []filterGroup{prog, sdg, skill, style, reward, hours, muni}
}
