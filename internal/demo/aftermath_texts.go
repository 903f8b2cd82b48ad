package demo

import "github.com/tsunagu-hub/tsunagu/internal/domain"

// Notes of the meetings every team holds.
const (
	kickoffNotes  = "キックオフ。目標と役割分担、定例の日程と連絡の方法を確認した。"
	finalNotes    = "最終報告会。成果と指標の結果を共有し、今後の運用と引き継ぎの方法を確認した。"
	extendedNotes = "中間の振り返り。期間を延長して残りの作業を進めることを確認した。"
	lastNext      = "引き継ぎの資料を仕上げ、運用が定着するまで見守ります。"
)

// teamNotes end a monthly meeting's notes after its work step.
func teamNotes() []string {
	return []string{
		"の進捗を共有し、来月の作業と担当を確認した。",
		"について経営者の方と意見を交わし、優先順位を見直した。",
		"の途中経過を見てもらい、社員の方からの質問に答えた。",
	}
}

// oneToOneNotes are the notes of one-to-ones between a member and the
// program's coordinator.
func oneToOneNotes() []string {
	return []string{
		"1on1。本業との両立の状況と、作業の進め方の困りごとを確認した。",
		"1on1。これまでの手応えと、残りの期間で挑戦したいことを話した。",
		"1on1。報告の負担と連絡の頻度について意見を聞き、定例の進め方を調整した。",
		"1on1。先方との認識のずれがないか確かめ、次の打合せで確認する点を整理した。",
	}
}

// doneVerbs follow a work step in a report.
func doneVerbs() []string {
	return []string{"を進めました。", "を担当しました。", "に取り組みました。"}
}

// doneDetails may follow a report's first sentence.
func doneDetails() []string {
	return []string{
		"",
		"",
		"経営者の方と週に一度、オンラインで進み具合を確認しています。",
		"現場の方に話を聞き、課題を具体的にできました。",
		"社員の方にも試してもらい、意見をもらいました。",
	}
}

// blockers are what some reports say holds the work back.
func blockers() []string {
	return []string{
		"年末の繁忙期と重なり、社内の確認に時間がかかっている。",
		"写真や資料の素材が足りず、追加の撮影が必要。",
		"本業が忙しく、今月は予定より作業の時間が少なかった。",
		"判断に必要なデータがそろっておらず、先方に依頼している。",
	}
}

// officeMessages open a team's workspace.
func officeMessages() []string {
	return []string{
		"キックオフお疲れさまでした。定例の日程をカレンダーに登録しましたのでご確認ください。",
		"月次報告の提出ありがとうございます。区の中間報告会で皆さんの取組を紹介させてください。",
		"最終報告会の資料は前日までに共有フォルダへお願いします。",
	}
}

// talentMessages follow a work step in a member's message.
func talentMessages() []string {
	return []string{
		"の資料を共有フォルダに置きました。次回の定例までにご確認ください。",
		"について相談したいことがあります。来週30分ほどお時間をいただけますか。",
		"のたたき台ができました。気になる点があれば遠慮なくコメントをお願いします。",
	}
}

// businessMessages are the business's notes to its team.
func businessMessages() []string {
	return []string{
		"先日の打合せのメモを共有します。社内でも前向きな声が出ています。",
		"年末は繁忙期のため、12月の定例は第3週にずらせると助かります。",
		"資料を拝見しました。社員にも見せたところ好評でした。",
		"工場の見学はいつでも歓迎です。日程が決まったらご連絡ください。",
	}
}

// businessReviews are the business's comments on a member.
func businessReviews() []string {
	return []string{
		"本業の経験に裏打ちされた提案で、社内だけでは出てこない視点をもらえました。",
		"毎月の報告が丁寧で、安心して任せられました。",
		"社員を巻き込みながら進めてくれたので、終わった後も自分たちで続けられています。",
		"限られた時間の中で期待以上の成果を出してくれました。またぜひ一緒に取り組みたいです。",
		"打合せの日程の調整には苦労しましたが、成果物の質は高く満足しています。",
	}
}

// talentReviews are a member's comments on the business.
func talentReviews() []string {
	return []string{
		"社長が毎回の定例に出てくださり、判断が早く進めやすかったです。",
		"職人さんの技に触れられ、副業ならではの学びが多い期間でした。",
		"町工場の現場を知る貴重な機会でした。地域との縁ができたのが何よりの収穫です。",
		"資料の準備に時間がかかる場面もありましたが、皆さん協力的でした。",
		"繁忙期と重なり連絡がつきにくい時期もありましたが、温かく迎えていただきました。",
	}
}

// evidence lists how a result of each kind was measured.
func evidence(k domain.IndicatorKind) []string {
	switch k {
	case domain.IndicatorWebVisits:
		return []string{"アクセス解析の月間訪問数（2021年9月と2022年1月の比較）",
			"アクセス解析の月間セッション数（公開前3か月の平均と公開後の比較）"}
	case domain.IndicatorCustomers:
		return []string{"問い合わせと商談の管理表から、期間中に初めて取引や来店に至った件数を集計",
			"受注台帳の新規取引先の件数（2021年10月〜2022年1月）"}
	case domain.IndicatorSales:
		return []string{"売上台帳から集計した、取組に関わる商品の月間売上（2021年9月と2022年1月）",
			"ECの管理画面の月間売上（期間の前後の比較）"}
	case domain.IndicatorTools:
		return []string{"本番運用を始めたツールと仕組みの一覧（最終報告会の資料）",
			"社内で使われているアプリと教材の数（2022年1月末時点）"}
	case domain.IndicatorCO2:
		return []string{"電力と燃料の使用量から算定した年間削減見込み（環境省の排出係数を使用）",
			"設備更新と運用改善による年間削減量の試算（最終報告書）"}
	default:
		return []string{"新しい事業の開始を最終報告会で確認"}
	}
}
