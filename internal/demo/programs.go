package demo

import (
	"fmt"
	"strconv"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// Keys of the non-business hosts in project templates.
const (
	hostOtaOffice      = "ota-office"
	hostOtaAssociation = "ota-association"
	hostOtaPartner     = "ota-partner"
	hostTsubameOffice  = "tsubame-office"
)

// organizations adds the co-hosts and businesses of both municipalities.
// Ota's office, partner and association get IDs 1, 2 and 3.
func (g *generator) organizations() error {
	otaURL := ""
	if m, ok := g.ref.Municipality(OtaLGCode); ok {
		otaURL = m.URL
	}
	g.addOrg(hostOtaOffice, domain.Organization{
		MunicipalityID: otaID, Kind: domain.OrgMunicipalityOffice,
		Name: "大田区 産業経済部", NameKana: "オオタク サンギョウケイザイブ", Area: "蒲田",
		Description: "区内の町工場と商店街の経営を支える部署。副業・兼業人材と区内企業をつなぐ事業を担当している。",
		Website:     otaURL,
	})
	g.addOrg(hostOtaPartner, domain.Organization{
		MunicipalityID: otaID, Kind: domain.OrgPartner,
		Name: "一般社団法人まちプロ", NameKana: "マチプロ", Area: "蒲田",
		Description: "地域の企業と副業人材の協働を企画し、プロジェクトの設計からチームの伴走までを担う運営パートナー。",
	})
	g.addOrg(hostOtaAssociation, domain.Organization{
		MunicipalityID: otaID, Kind: domain.OrgAssociation,
		Name: "大田区商店街連合会", NameKana: "オオタクショウテンガイレンゴウカイ",
		Description: "区内の商店街が加盟する連合会。募集を加盟店に広め、商店街ぐるみの取組を後押しする。",
	})
	for _, b := range otaBusinesses() {
		g.addOrg(b.Key, orgFromBusiness(b, otaID, "東京都大田区"))
	}

	tsubameURL := ""
	if m, ok := g.ref.Municipality(TsubameLGCode); ok {
		tsubameURL = m.URL
	}
	g.addOrg(hostTsubameOffice, domain.Organization{
		MunicipalityID: tsubameID, Kind: domain.OrgMunicipalityOffice,
		Name: "燕市 産業振興部", NameKana: "ツバメシ サンギョウシンコウブ", Area: "燕",
		Description: "金属加工の産地、燕市の産業振興を担う部署。市外の副業人材と市内企業の協働を進めている。",
		Website:     tsubameURL,
	})
	for _, b := range tsubameBusinesses() {
		g.addOrg(b.Key, orgFromBusiness(b, tsubameID, "新潟県燕市"))
	}
	return nil
}

// programs adds Ota's closed 2021 program (ID 1), Ota's current program
// (ID 2) and Tsubame's current program (ID 3).
func (g *generator) programs() error {
	otaHosts := []int64{g.hostIDs[hostOtaOffice], g.hostIDs[hostOtaPartner], g.hostIDs[hostOtaAssociation]}
	g.addProgram(domain.Program{
		MunicipalityID: otaID,
		Slug:           Ota2021Slug,
		Title:          "大田区SDGs副業 2021",
		TitleEN:        "Ota City SDGs Side Jobs 2021",
		Summary: "大田区の町工場と商店街が、デジタルやマーケティング、SDGsの課題に副業・兼業の専門家と取り組む募集です。" +
			"区内外から、オンライン中心で関われる方を募集しました。",
		SummaryEN: "Ota City's factories and shopping streets took on digital, marketing and SDGs challenges " +
			"with side-job professionals from inside and outside the ward, working mostly online.",
		EntryOpensAt:  g.date(2021, time.July, 1),
		EntryClosesAt: g.date(2021, time.September, 1).Add(-time.Second),
		HostIDs:       otaHosts,
		// In 2021 the partner ran the day-to-day coordination.
		Delegate: g.hostIDs[hostOtaPartner],
		// The steps as the program ran: screening and interviews in early
		// September, offers on the 10th, terms from the 13th, every team at
		// work from 1 October for three to five months, the midterm review
		// in December and the final presentation once the last team ended.
		Timeline: domain.Timeline{SelectionOn: g.date(2021, time.September, 1), AnnouncedOn: g.date(2021, time.September, 10),
			KickoffOn: g.date(2021, time.October, 1), MidtermOn: g.date(2021, time.December, 10),
			FinalOn: g.date(2022, time.March, 4), EndsOn: g.date(2022, time.March, 31)},
	})

	year := strconv.Itoa(g.now.In(g.jst).Year())
	today := g.midnightJST(g.now)
	g.addProgram(domain.Program{
		MunicipalityID: otaID,
		Slug:           "ota-sdgs-" + year,
		Title:          "大田区SDGs副業 " + year,
		TitleEN:        "Ota City SDGs Side Jobs " + year,
		Summary: "2021年に始まった大田区SDGs副業の最新の募集です。生成AIの活用、脱炭素への対応、人材の育成など、" +
			"町工場と商店街のいまの課題に一緒に取り組む副業・兼業の仲間を募集しています。",
		SummaryEN: "The latest round of Ota City's SDGs side jobs: generative AI, decarbonisation and people " +
			"development at local factories and shopping streets.",
		EntryOpensAt:  today.AddDate(0, 0, -30),
		EntryClosesAt: today.AddDate(0, 0, 45),
		HostIDs:       otaHosts,
	})
	g.addProgram(domain.Program{
		MunicipalityID: tsubameID,
		Slug:           "tsubame-monozukuri-" + year,
		Title:          "燕市ものづくり副業 " + year,
		TitleEN:        "Tsubame City Monozukuri Side Jobs " + year,
		Summary: "金属加工のまち燕市の企業と工房が、海外営業、採用、観光、省エネの課題に取り組む副業・兼業人材を募集します。" +
			"オンラインを中心に、燕を訪ねる機会もあります。",
		SummaryEN: "Metalworking firms and workshops in Tsubame City seek side-job professionals for overseas " +
			"sales, recruiting, tourism and energy saving, mostly online with occasional visits.",
		EntryOpensAt:  today.AddDate(0, 0, -20),
		EntryClosesAt: today.AddDate(0, 0, 40),
		HostIDs:       []int64{g.hostIDs[hostTsubameOffice]},
	})
	return nil
}

// IDs of the programs, in the order programs adds them.
const (
	ota2021ID        int64 = 1
	otaCurrentID     int64 = 2
	tsubameCurrentID int64 = 3
)

// addProgram appends a program with the next ID.
func (g *generator) addProgram(p domain.Program) {
	p.ID = int64(len(g.ds.Programs) + 1)
	g.ds.Programs = append(g.ds.Programs, p)
}

// projects turns the templates of the three programs into projects.
func (g *generator) projects() error {
	closes := g.ds.Programs[otaCurrentID-1].EntryClosesAt.In(g.jst)
	// Current projects start on the first day of the second month after
	// their program closes, leaving a month for screening.
	currentStart := g.date(closes.Year(), closes.Month()+2, 1)
	sets := []struct {
		program   int64
		templates []projectTemplate
		status    domain.ProjectStatus
		start     func(i int, t projectTemplate) time.Time
	}{
		{ota2021ID, projects2021(), domain.ProjectClosed, func(i int, t projectTemplate) time.Time {
			// Long projects start in September; shorter ones in September or October.
			if t.Months < 5 && i%2 == 1 {
				return g.date(2021, time.October, 1)
			}
			return g.date(2021, time.September, 1)
		}},
		{otaCurrentID, projectsOtaCurrent(), domain.ProjectPublished, func(int, projectTemplate) time.Time { return currentStart }},
		{tsubameCurrentID, projectsTsubameCurrent(), domain.ProjectPublished, func(int, projectTemplate) time.Time { return currentStart }},
	}
	for _, set := range sets {
		prog := g.ds.Programs[set.program-1]
		for i, t := range set.templates {
			hostID, ok := g.hostIDs[t.Host]
			if !ok {
				return fmt.Errorf("demo: project %q: unknown host %q", t.Title, t.Host)
			}
			host := g.ds.Organizations[hostID-1]
			if host.MunicipalityID != prog.MunicipalityID {
				return fmt.Errorf("demo: project %q: host %s is in another municipality", t.Title, host.Name)
			}
			start := set.start(i, t)
			p := domain.Project{
				ID:              int64(len(g.ds.Projects) + 1),
				MunicipalityID:  prog.MunicipalityID,
				ProgramID:       prog.ID,
				HostID:          hostID,
				Title:           t.Title,
				Description:     t.Desc,
				SDGs:            t.SDGs,
				RequiredSkills:  t.Required,
				PreferredSkills: t.Preferred,
				TeamSize:        t.Team,
				HoursPerMonth:   t.Hours,
				WorkStyle:       t.Style,
				RewardType:      t.Reward,
				RewardYen:       t.Yen,
				StartsOn:        start,
				EndsOn:          start.In(g.jst).AddDate(0, t.Months, -1).UTC(),
				Status:          set.status,
			}
			if t.Style != domain.WorkRemote {
				p.Place = g.placeOf(host)
			}
			g.ds.Projects = append(g.ds.Projects, p)
			g.popularity = append(g.popularity, float64(t.Popularity)*(0.7+0.6*g.rng.Float64()))
		}
	}
	return nil
}

// placeOf names where on-site work for a host happens, e.g. 大田区蒲田.
func (g *generator) placeOf(host domain.Organization) string {
	muni := g.ds.Municipalities[host.MunicipalityID-1].Name
	if host.Area == "" || host.Area == "燕" {
		return muni
	}
	return muni + host.Area
}

// projectsOf returns the indexes into Dataset.Projects of a program's projects.
func (g *generator) projectsOf(programID int64) []int {
	var out []int
	for i := range g.ds.Projects {
		if g.ds.Projects[i].ProgramID == programID {
			out = append(out, i)
		}
	}
	return out
}
