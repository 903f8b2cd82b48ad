package demo

import (
	"slices"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// theme is the kind of work a 2021 project was, with the texts its team
// writes along the way.
type theme struct {
	skills       []string // a required skill of the project from these selects the theme
	goals        []string
	deliverables []string
	steps        []string // the work, in order, as noun phrases
	milestones   []string // four, in order
	kinds        []domain.IndicatorKind
	newBusiness  []string // evidence of a new business; none when the theme seldom gives one
	nbRank       int      // how readily the theme gives a new business, 0 first
}

// themeOf returns the first theme one of the project's required skills
// selects.
func themeOf(p domain.Project) (theme, bool) {
	for _, th := range themes() {
		for _, s := range p.RequiredSkills {
			if slices.Contains(th.skills, s) {
				return th, true
			}
		}
	}
	return theme{}, false
}

// themes lists the themes in the order they are tried.
func themes() []theme {
	return append(makingThemes(), reachingThemes()...)
}

// makingThemes are the themes about what a business makes and how.
func makingThemes() []theme {
	return []theme{
		{skills: []string{"green-carbon", "green-energy-saving", "green-renewable"},
			goals: []string{"設備ごとのエネルギー使用量とCO2排出量を見える化し、削減の優先順位と実行計画をまとめる。",
				"年間のCO2排出量を算定し、社員が毎年更新できる手順と3か年の削減ロードマップを残す。"},
			deliverables: []string{"CO2排出量の算定シートと算定手順書", "設備別のエネルギー使用量の分析レポート",
				"省エネ・脱炭素の3か年ロードマップ", "補助金を活用した設備更新の比較資料", "社内説明会の資料"},
			steps: []string{"請求書と稼働記録の収集", "設備ごとのエネルギー使用量の整理", "CO2排出量の算定",
				"削減策の洗い出しと効果の試算", "ロードマップと算定手順書の作成"},
			milestones: []string{"使用量データの収集完了", "CO2排出量の算定結果の共有", "削減策の優先順位の決定", "ロードマップの報告会"},
			kinds:      []domain.IndicatorKind{domain.IndicatorCO2, domain.IndicatorTools}},
		{skills: []string{"mkt-product", "mkt-branding", "design-product"},
			goals: []string{"新しい自社製品のコンセプトを固め、販売テストで手応えを確かめる。",
				"技術を生かした自社ブランドを形にし、最初の販路で売り始める。"},
			deliverables: []string{"市場調査の報告書", "商品コンセプトとブランドの方針", "ロゴとパッケージのデザイン案",
				"販売テスト（クラウドファンディング）の企画書", "取引先向けの商品資料"},
			steps: []string{"市場と競合の調査", "顧客像と商品コンセプトの整理", "ブランド名とデザインの検討",
				"試作品の評価と価格の設定", "販売テストの準備"},
			milestones:  []string{"商品コンセプトの決定", "試作品の完成", "販売テストの開始", "振り返りと次年度の計画"},
			kinds:       []domain.IndicatorKind{domain.IndicatorSales},
			newBusiness: []string{"自社ブランド製品の販売を開始（販売テストで初回分が完売）", "新商品を発売し、百貨店での取り扱いが始まった"}},
		{skills: []string{"green-recycling"},
			goals: []string{"容器や材料を繰り返し使う仕組みを試し、費用と手間の面で続けられるかを見極める。"},
			deliverables: []string{"リユースの仕組みの業務フロー", "費用と回収率の試算表", "協力事業所向けの案内資料",
				"試行運用の結果報告書"},
			steps: []string{"使い捨て容器の使用量と費用の調査", "回収と洗浄の手順の設計", "協力先への説明と試行の準備",
				"試行運用と回収率の計測", "結果の分析"},
			milestones:  []string{"業務フローの決定", "協力事業所の確定", "試行運用の開始", "結果報告会"},
			kinds:       []domain.IndicatorKind{domain.IndicatorCO2},
			newBusiness: []string{"配達先の事業所と容器のリユースサービスを始めた", "回収と洗浄を請け負う新サービスを開始"},
			nbRank:      2},
		{skills: []string{"dx-kintone", "dx-cloud", "dx-programming", "mfg-quality", "mkt-crm", "community-cashless"},
			goals: []string{"紙と電話に頼っている業務をデジタルに置き換え、手間と聞き間違いを減らす。",
				"毎日の記録と受付をクラウドに移し、誰でも同じ手順で扱える状態にする。"},
			deliverables: []string{"業務フローの現状と改善案", "クラウドツールのアプリ設定", "操作マニュアルと研修資料",
				"導入効果の測定結果", "運用ルールと問い合わせ窓口の整理"},
			steps: []string{"いまの業務の流れと課題の整理", "ツールの比較と選定", "アプリの設定と試行",
				"社内への説明と本番運用", "効果の測定と改善"},
			milestones: []string{"ツールの選定", "試行版の完成", "本番運用の開始", "効果の報告"},
			kinds:      []domain.IndicatorKind{domain.IndicatorTools}},
		{skills: []string{"hr-training"},
			goals: []string{"熟練の技を動画とマニュアルに残し、若手が自分で学べる教材をつくる。"},
			deliverables: []string{"作業動画10本", "作業手順のマニュアル", "教育計画と習熟度の確認シート",
				"動画の撮影と更新の手順"},
			steps: []string{"伝えたい技能の洗い出し", "撮影計画と台本の作成", "作業の撮影", "編集とマニュアルの作成",
				"若手による試用と改善"},
			milestones: []string{"撮影する作業の決定", "撮影の完了", "教材の完成", "社内での試用"},
			kinds:      []domain.IndicatorKind{domain.IndicatorTools}},
		{skills: []string{"hr-succession", "fin-subsidy", "fin-business-plan"},
			goals: []string{"会社の強みと数字を整理し、次の世代に引き継ぐための計画を形にする。",
				"設備投資と新しい取組の計画を事業計画書にまとめ、資金の手当てまで道筋をつける。"},
			deliverables: []string{"経営状況の分析資料", "5か年の事業計画書", "事業承継の段取り表", "補助金の申請書類"},
			steps: []string{"決算書と取引の状況の整理", "強みと課題の洗い出し", "計画の骨子づくり",
				"家族や社員との話し合い", "計画書の仕上げ"},
			milestones:  []string{"現状分析の共有", "計画の骨子の決定", "関係者への説明", "計画書の完成"},
			kinds:       []domain.IndicatorKind{domain.IndicatorSales},
			newBusiness: []string{"後継者が短納期の試作サービスを新事業として立ち上げた", "補助金で導入した設備で新しい受託事業を始めた"},
			nbRank:      5},
	}
}

// reachingThemes are the themes about reaching customers and people.
func reachingThemes() []theme {
	return []theme{
		{skills: []string{"web-ec-mall", "web-ec-operation", "global-cross-border-ec"},
			goals: []string{"商品ページと受注の流れを整え、ECでの月間売上を伸ばす。",
				"ネットでの販売を小さく始め、続けられる運用の形をつくる。"},
			deliverables: []string{"ECショップの開設と商品ページ", "商品写真と説明文", "SNS運用ルールと3か月分の投稿計画",
				"受注から発送までの業務マニュアル", "売上分析の月次レポート"},
			steps: []string{"売れ筋と競合ショップの調査", "商品ページの改善と撮影", "受注から発送までの流れの整理",
				"広告とSNSでの集客", "売上データの分析"},
			milestones:  []string{"商品ページの公開", "受注の流れの確立", "初めての広告キャンペーン", "3か月の振り返り"},
			kinds:       []domain.IndicatorKind{domain.IndicatorSales, domain.IndicatorCustomers},
			newBusiness: []string{"ネット販売を新しい事業の柱として立ち上げた", "海外のお客さま向けのオンライン販売を始めた"},
			nbRank:      4},
		{skills: []string{"global-translation", "community-menu", "community-inbound"},
			goals: []string{"海外からのお客さまが迷わず注文・購入できる多言語の案内を整える。"},
			deliverables: []string{"英語・中国語の案内文とメニュー", "店頭掲示用のPOPとWeb掲載用のデータ",
				"接客で使える指差しシート", "多言語対応の運用ルール"},
			steps: []string{"来店客と伝えたい内容の整理", "翻訳と表現の確認", "デザインと写真の準備",
				"店頭とWebへの掲出", "反応の確認と改善"},
			milestones: []string{"掲載内容の確定", "翻訳の完成", "店頭とWebでの公開", "振り返り"},
			kinds:      []domain.IndicatorKind{domain.IndicatorCustomers, domain.IndicatorWebVisits}},
		{skills: []string{"global-sales", "global-english", "global-market-entry"},
			goals: []string{"英語の会社紹介とオンライン商談の流れをつくり、海外の見込み客との商談を始める。"},
			deliverables: []string{"英語の会社紹介資料", "英語のWebページと問い合わせフォーム", "海外の見込み客リスト",
				"オンライン商談の進め方マニュアル"},
			steps: []string{"ターゲットの国と業界の選定", "英語の会社紹介資料の作成", "見込み客リストづくりとアプローチ",
				"オンライン商談", "商談の振り返り"},
			milestones:  []string{"ターゲットの決定", "英語資料の完成", "初めてのオンライン商談", "成果報告会"},
			kinds:       []domain.IndicatorKind{domain.IndicatorCustomers, domain.IndicatorWebVisits},
			newBusiness: []string{"海外の研究機関向けの受託加工を新事業として開始", "海外の代理店と契約し、輸出を始めた"},
			nbRank:      6},
		{skills: []string{"web-homepage", "web-ads", "web-analytics", "web-writing", "web-seo"},
			goals: []string{"ホームページを刷新して問い合わせを増やし、社内で更新を続けられる体制をつくる。",
				"Webからの問い合わせを月5件以上にし、問い合わせ後の対応の流れも整える。"},
			deliverables: []string{"ホームページの構成案と公開", "事例・実績ページの原稿", "問い合わせフォームの改善",
				"アクセス解析の月次レポート", "更新手順のマニュアル"},
			steps: []string{"いまのサイトとアクセスの分析", "サイト構成案の作成", "事例ページの原稿と写真の準備",
				"新しいサイトの制作と公開", "アクセスの解析と改善"},
			milestones: []string{"構成案の決定", "原稿と写真の完成", "新しいサイトの公開", "解析結果の報告"},
			kinds:      []domain.IndicatorKind{domain.IndicatorWebVisits, domain.IndicatorCustomers}},
		{skills: []string{"mkt-instagram", "mkt-sns", "mkt-pr", "hr-recruiting"},
			goals: []string{"SNSでの発信を無理なく続けられる形にし、新しいファンとの接点を増やす。",
				"仕事の魅力が伝わる発信を続け、若い人からの問い合わせにつなげる。"},
			deliverables: []string{"SNS運用ルールと3か月分の投稿計画", "写真撮影のガイド", "採用ページとプロフィールの文章",
				"フォロワーと反応の月次レポート"},
			steps: []string{"発信の目的と読者像の整理", "投稿計画と撮影ガイドの作成", "投稿の開始と反応の確認",
				"運用の見直し", "運用ルールの仕上げと引き継ぎ"},
			milestones: []string{"運用ルールの決定", "投稿の開始", "月次の振り返り", "引き継ぎの完了"},
			kinds:      []domain.IndicatorKind{domain.IndicatorWebVisits, domain.IndicatorCustomers}},
		{skills: []string{"sales-proposal", "sales-b2b"},
			goals:        []string{"展示会に代わるオンラインの出会いの場をつくり、新しい取引先との商談につなげる。"},
			deliverables: []string{"装置紹介の動画", "オンライン商談用の提案資料", "問い合わせ後の対応手順", "見込み客リストと営業計画"},
			steps:        []string{"強みと顧客の整理", "提案資料の作成", "紹介動画の撮影と編集", "オンライン商談", "商談結果の分析"},
			milestones:   []string{"提案資料の完成", "紹介動画の公開", "オンライン商談の開始", "成果報告会"},
			kinds:        []domain.IndicatorKind{domain.IndicatorCustomers, domain.IndicatorWebVisits}},
		{skills: []string{"mkt-research", "sales-bizdev"},
			goals:        []string{"新しい分野の市場と参入の条件を調べ、最初に訪ねる相手と参入の道筋を決める。"},
			deliverables: []string{"市場調査の報告書", "参入の条件と必要な認証の整理", "訪問先リストと提案資料", "参入までの行動計画"},
			steps: []string{"市場の規模と動向の調査", "参入の条件と認証の確認", "訪問先の絞り込み", "ヒアリングと提案",
				"行動計画のとりまとめ"},
			milestones:  []string{"調査結果の共有", "訪問先の決定", "初回のヒアリング", "行動計画の完成"},
			kinds:       []domain.IndicatorKind{domain.IndicatorCustomers},
			newBusiness: []string{"新しい分野の治具の開発を事業として始めた", "新分野で初めての受注を得て、事業部を立ち上げた"},
			nbRank:      1},
		{skills: []string{"community-tourism", "community-event", "community-shotengai"},
			goals: []string{"地域の人と外の人が集まる新しい場を企画し、試しに開いてみる。"},
			deliverables: []string{"企画書と運営マニュアル", "申込みの仕組み（Webフォーム）", "告知用のチラシとSNS投稿",
				"試行開催の報告書"},
			steps: []string{"参加者像と企画の骨子づくり", "協力者との調整", "申込みと告知の準備", "試行開催",
				"振り返りと次回の計画"},
			milestones:  []string{"企画の決定", "協力者の確定", "試行開催", "振り返り"},
			kinds:       []domain.IndicatorKind{domain.IndicatorCustomers, domain.IndicatorWebVisits},
			newBusiness: []string{"試行したイベントを有料の定期開催として事業化した", "体験ツアーを商品にして販売を始めた"},
			nbRank:      3},
	}
}
