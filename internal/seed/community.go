package seed

import (
	"context"
	"time"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
	"github.com/tsunagu-hub/tsunagu/internal/store"
)

// community adds Ota's coming events, posted in the last weeks, and the
// ideas talents proposed: three during the 2021 program's work, which the
// ward answered lately, and a new one not answered yet.
func community(ctx context.Context, tx *store.Store, lgcode string, s *story) error {
	now := s.now
	mu, err := tx.Directory().MunicipalityByLGCode(ctx, lgcode)
	if err != nil {
		return err
	}
	day := func(days, hour int) time.Time {
		d := now.In(domain.Japan()).AddDate(0, 0, days)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, domain.Japan())
	}
	events := []domain.Event{
		{Title: "副業人材と町工場の交流会", Description: "今年の募集に参加する事業者と副業人材が顔を合わせる会です。工場の見学もあります。",
			StartsAt: day(10, 18), Place: "大田区産業プラザPiO 小展示ホール", Capacity: 60},
		{Title: "オンライン説明会：はじめての地域副業", Description: "募集の流れ、選考、活動の進め方を30分で説明します。質問もどうぞ。",
			StartsAt: day(4, 20), Online: true, URL: "https://meet.example.jp/ota-sdgs-info", Capacity: 0},
		{Title: "商店街まち歩きとアイデアソン", Description: "蒲田の商店街を歩いて、集客のアイデアを出し合います。",
			StartsAt: day(24, 13), Place: "蒲田駅西口 集合", Capacity: 20},
	}
	for i := range events {
		e := &events[i]
		e.MunicipalityID = mu.ID
		e.EndsAt = e.StartsAt.Add(2 * time.Hour)
		s.set(jstDay(now.AddDate(0, 0, -21+3*i), 15, 0))
		if err := tx.Community().CreateEvent(ctx, e); err != nil {
			return err
		}
	}
	ideas := []struct {
		title, body, answer string
		status              domain.IdeaStatus
	}{
		{"町工場のオープンファクトリーを副業人材が案内", "見学の受付と案内を副業人材が手伝えば、工場の負担を減らして毎月開けます。",
			"2022年度のオープンファクトリーで試行しました。", domain.IdeaAdopted},
		{"商店街の空き店舗をリモートワーク拠点に", "区外の副業人材が月に一度集まれる場所があると、現場に来やすくなります。",
			"費用と運営の担い手を検討しています。", domain.IdeaConsidering},
		{"事業者向けの「はじめての副業人材受け入れ」講座", "求人の書き方や報酬の決め方で迷う事業者が多いので、短い講座があると助かります。",
			"", domain.IdeaReceived},
		{"区内の学生と副業人材の合同チーム", "地元の学生がチームに入ると、活動が終わっても関係が続きます。",
			"今年度は授業日程と合わず見送ります。来年度に再検討します。", domain.IdeaDeclined},
	}
	for k, x := range ideas {
		proposed := jstDay(s.workStart.AddDate(0, 0, 45+9*k), 21, 0)
		if x.status == domain.IdeaReceived {
			proposed = jstDay(now.AddDate(0, 0, -6), 21, 0)
		}
		s.set(proposed)
		i := domain.Idea{MunicipalityID: mu.ID, Title: x.title, Body: x.body}
		if err := tx.Community().CreateIdea(ctx, &i); err != nil {
			return err
		}
		if x.status != domain.IdeaReceived {
			s.set(jstDay(now.AddDate(0, 0, -30+4*k), 16, 0))
			if _, err := tx.Community().AnswerIdea(ctx, i.ID, x.status, x.answer); err != nil {
				return err
			}
		}
	}
	return nil
}
