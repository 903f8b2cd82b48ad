package demo

import "github.com/tsunagu-hub/tsunagu/internal/domain"

// projectTemplate is the fixed content of a demo project. Host is a business
// key from orgs.go or one of the host constants.
type projectTemplate struct {
	Host       string
	Title      string
	Desc       string
	SDGs       []int
	Required   []string
	Preferred  []string
	Team       int
	Hours      int
	Style      domain.WorkStyle
	Reward     domain.RewardType
	Yen        int // per month, when paid
	Months     int // length of the project
	Popularity int // relative pull on entrants, 1..10
}

// Short names for the template tables.
const (
	remote  = domain.WorkRemote
	hybrid  = domain.WorkHybrid
	onsite  = domain.WorkOnSite
	paid    = domain.RewardPaid
	proBono = domain.RewardProBono
	inKind  = domain.RewardInKind
)

// projects2021 are the projects of 大田区SDGs副業 2021: digital, marketing and
// SDGs challenges of Ota's factories and shops.
func projects2021() []projectTemplate {
	return []projectTemplate{
		{Host: "takanashi", Title: "試作加工の強みが伝わるホームページに刷新したい",
			Desc: "創業40年の切削加工の工場です。10年前につくったホームページはスマートフォンで見づらく、問い合わせがほとんど届きません。加工事例と設備を整理し、試作先を探す設計者に見つけてもらえるサイトに作り直したいと考えています。副業で関わってくださるWebの専門家と、構成づくりから一緒に進めます。",
			SDGs: []int{9, 8}, Required: []string{"web-homepage", "web-writing"}, Preferred: []string{"web-seo", "design-photo"},
			Team: 2, Hours: 20, Style: hybrid, Reward: paid, Yen: 50000, Months: 5, Popularity: 10},
		{Host: "yaguchi", Title: "精密部品の海外販路開拓をオンラインで始めたい",
			Desc: "計測機器向けの精密部品を、これまで国内の取引先だけに納めてきました。海外の展示会に行けなくなったいま、オンライン商談と英語の会社紹介資料で海外の販路開拓に挑戦します。海外営業の経験がある方の知恵を借りたいです。",
			SDGs: []int{9, 8, 17}, Required: []string{"global-sales", "global-english"}, Preferred: []string{"sales-proposal", "global-market-entry"},
			Team: 2, Hours: 20, Style: remote, Reward: paid, Yen: 60000, Months: 5, Popularity: 7},
		{Host: "marusan", Title: "プレス加工工場のCO2排出量を見える化する",
			Desc: "取引先の大手メーカーから脱炭素への対応を求められるようになりました。電気の請求書や設備の稼働記録から工場全体のCO2排出量を算定し、削減の優先順位をつけたいと考えています。算定の手順を社員が引き継げる形で残すところまでお願いします。",
			SDGs: []int{13, 7, 9}, Required: []string{"green-carbon", "dx-data-analysis"}, Preferred: []string{"green-energy-saving"},
			Team: 2, Hours: 15, Style: hybrid, Reward: paid, Yen: 50000, Months: 4, Popularity: 6},
		{Host: "rokugo-mekki", Title: "めっき工場の省エネと脱炭素の計画づくり",
			Desc: "めっき槽の加温や排水処理に多くのエネルギーを使っています。設備ごとの使用量を測り、省エネと脱炭素のロードマップを一緒につくってくれる方を探しています。補助金の活用も視野に入れています。",
			SDGs: []int{13, 7, 6}, Required: []string{"green-energy-saving", "green-carbon"}, Preferred: []string{"fin-subsidy", "mfg-iot"},
			Team: 1, Hours: 20, Style: hybrid, Reward: paid, Yen: 60000, Months: 5, Popularity: 4},
		{Host: "omori-kanagata", Title: "金型職人の技を動画とマニュアルで伝える",
			Desc: "熟練の職人が60代後半になり、磨きや調整の勘どころを若手に伝える時間が足りません。作業を動画で記録し、短いマニュアルにまとめて社内の教育に使える形にしたいです。副業で映像制作や人材育成に関わっている方を歓迎します。",
			SDGs: []int{4, 8, 9}, Required: []string{"design-video", "hr-training"}, Preferred: []string{"mfg-kaizen"},
			Team: 2, Hours: 20, Style: hybrid, Reward: paid, Yen: 50000, Months: 4, Popularity: 5},
		{Host: "haneda-kenma", Title: "鏡面研磨の技術を英語で発信し海外の顧客を獲得",
			Desc: "海外の研究機関やデザイナーから鏡面研磨の問い合わせが届くようになりました。英語のホームページとSNSで加工事例を発信し、問い合わせから受注までの流れを整えたいと考えています。",
			SDGs: []int{9, 8, 17}, Required: []string{"global-english", "mkt-sns"}, Preferred: []string{"web-homepage", "global-translation"},
			Team: 1, Hours: 15, Style: remote, Reward: paid, Yen: 40000, Months: 4, Popularity: 6},
		{Host: "shinonome", Title: "溶接工場の採用広報を立て直す",
			Desc: "求人を出しても応募が来ず、職人の平均年齢が上がり続けています。仕事の魅力を伝える採用ページとSNSでの発信を整え、若い人や女性にも選ばれる工場を目指します。",
			SDGs: []int{8, 5}, Required: []string{"hr-recruiting", "mkt-pr"}, Preferred: []string{"design-photo", "web-writing"},
			Team: 1, Hours: 15, Style: hybrid, Reward: paid, Yen: 40000, Months: 4, Popularity: 5},
		{Host: "chidori", Title: "板金加工の見積もりを早くする業務改善",
			Desc: "図面を受け取ってから見積もりを返すまでに数日かかり、商機を逃しています。過去の見積もりデータを整理し、kintoneなどで見積もり作業を効率化する仕組みを一緒に考えてください。",
			SDGs: []int{9, 8}, Required: []string{"dx-kintone", "fin-cost"}, Preferred: []string{"dx-data-analysis", "dx-rpa"},
			Team: 2, Hours: 20, Style: remote, Reward: paid, Yen: 60000, Months: 5, Popularity: 7},
		{Host: "minato-jushi", Title: "再生プラスチックを使った自社製品の企画",
			Desc: "成形のときに出る端材や回収した材料を生かした自社製品をつくりたいと考えています。市場調査から商品企画、クラウドファンディングでの販売テストまで伴走してくれる方を募集します。副業ならではの社外の視点に期待しています。",
			SDGs: []int{12, 9, 14}, Required: []string{"mkt-product", "green-recycling"}, Preferred: []string{"fin-crowdfunding", "design-product"},
			Team: 3, Hours: 20, Style: hybrid, Reward: paid, Yen: 50000, Months: 5, Popularity: 9},
		{Host: "keihin-netsu", Title: "熱処理炉の電力データで脱炭素と原価削減",
			Desc: "電気炉の電力使用量が経営を圧迫しています。炉ごとの電力データを集めて分析し、稼働計画の見直しで電力とCO2を減らせないか検証したいです。脱炭素とIoTに詳しい方を探しています。",
			SDGs: []int{7, 13, 9}, Required: []string{"dx-data-analysis", "green-energy-saving"}, Preferred: []string{"mfg-iot", "fin-cost"},
			Team: 2, Hours: 20, Style: hybrid, Reward: paid, Yen: 70000, Months: 5, Popularity: 5},
		{Host: "kamata-denshi", Title: "試作基板の受注をWebで増やす",
			Desc: "スタートアップや大学の研究室から試作基板の相談が増えています。Web広告と問い合わせフォームを改善し、試作1枚から頼める工場として販路開拓を進めたいと考えています。",
			SDGs: []int{9, 8}, Required: []string{"web-ads", "web-analytics"}, Preferred: []string{"mkt-strategy", "web-seo"},
			Team: 1, Hours: 15, Style: remote, Reward: paid, Yen: 50000, Months: 4, Popularity: 6},
		{Host: "ikegami-bane", Title: "特注ばねのネット受注の仕組みをつくる",
			Desc: "一つからの特注ばねの注文を、いまは電話とFAXで受けています。仕様を入れると見積もりを依頼できるWebフォームと、受注の管理方法を整えたいです。副業で関わるエンジニアやデザイナーの方と小さく始めます。",
			SDGs: []int{9, 8}, Required: []string{"dx-programming", "design-uiux"}, Preferred: []string{"web-ec-operation"},
			Team: 2, Hours: 20, Style: remote, Reward: paid, Yen: 60000, Months: 5, Popularity: 6},
		{Host: "zoshiki-chuzo", Title: "鋳物の工芸品をブランド化して販路開拓",
			Desc: "機械部品の鋳造で培った技術を生かし、鉄の鍋や置物などの工芸品をつくっています。ブランドの名前やロゴ、パッケージを整え、百貨店やセレクトショップへの販路開拓に挑みます。",
			SDGs: []int{8, 9, 12}, Required: []string{"mkt-branding", "mkt-channel"}, Preferred: []string{"design-package", "design-logo"},
			Team: 2, Hours: 20, Style: hybrid, Reward: paid, Yen: 50000, Months: 5, Popularity: 8},
		{Host: "showa-haguruma", Title: "歯車メーカーの事業承継と経営計画づくり",
			Desc: "社長が70歳を迎え、息子への事業承継を考えています。会社の強みと数字を整理し、次の10年の経営計画を親子で話し合う場づくりを手伝ってください。",
			SDGs: []int{8, 9}, Required: []string{"hr-succession", "fin-business-plan"}, Preferred: []string{"community-facilitation"},
			Team: 1, Hours: 10, Style: hybrid, Reward: paid, Yen: 40000, Months: 5, Popularity: 3},
		{Host: "kugahara", Title: "自動化装置の提案資料と展示会のオンライン化",
			Desc: "毎年出展していた展示会が中止になり、新しいお客さまと出会う機会が減りました。装置の動画とオンライン商談用の提案資料をつくり、展示会に代わる出会いの場をWebにつくりたいです。",
			SDGs: []int{9, 8}, Required: []string{"design-video", "sales-proposal"}, Preferred: []string{"sales-b2b", "mkt-strategy"},
			Team: 2, Hours: 20, Style: remote, Reward: paid, Yen: 50000, Months: 4, Popularity: 6},
		{Host: "shibata", Title: "三代目と考える家族経営の事業承継",
			Desc: "祖父が始めた工場を三代目が継ぐ準備をしています。株式や借入の整理、取引先への引き継ぎの進め方など、事業承継の段取りを専門家と一緒に確かめたいです。",
			SDGs: []int{8}, Required: []string{"hr-succession", "fin-accounting"}, Preferred: []string{"legal-contract"},
			Team: 1, Hours: 10, Style: remote, Reward: proBono, Months: 4, Popularity: 2},
		{Host: "kamata-motor", Title: "ものづくり補助金の申請を一緒に",
			Desc: "新しい巻線機を入れて、特注モーターの納期を短くしたいと考えています。補助金の事業計画書を書くのは初めてなので、計画の組み立てから申請まで伴走してくれる方を探しています。",
			SDGs: []int{9, 8}, Required: []string{"fin-subsidy", "fin-business-plan"}, Preferred: []string{"mfg-engineering"},
			Team: 1, Hours: 15, Style: remote, Reward: paid, Yen: 40000, Months: 3, Popularity: 4},
		{Host: "nishirokugo", Title: "品質管理の記録をデジタル化する",
			Desc: "検査の記録を紙で残しており、監査のたびに探すのに時間がかかります。タブレットで入力できる検査記録の仕組みを導入し、ISO9001の更新にも生かしたいです。",
			SDGs: []int{9, 12}, Required: []string{"mfg-quality", "dx-cloud"}, Preferred: []string{"mfg-iso9001", "dx-kintone"},
			Team: 1, Hours: 15, Style: hybrid, Reward: paid, Yen: 50000, Months: 5, Popularity: 4},
		{Host: "otorii", Title: "航空分野への参入に向けた市場調査",
			Desc: "羽田空港に近い立地を生かし、航空機の整備で使う治具の分野に参入したいと考えています。市場の規模や参入の条件を調べ、最初に訪ねるべき相手を一緒に絞り込んでください。副業で航空業界の経験を生かしたい方を歓迎します。",
			SDGs: []int{9, 8, 17}, Required: []string{"mkt-research", "sales-bizdev"}, Preferred: []string{"sales-b2b"},
			Team: 1, Hours: 15, Style: remote, Reward: paid, Yen: 50000, Months: 4, Popularity: 5},
		{Host: "unoki", Title: "旧車の補修部品で越境ECに挑戦",
			Desc: "海外の旧車ファンから補修部品の問い合わせが増えています。英語の商品ページをつくり、越境ECで小さく販売を始める準備を進めたいです。",
			SDGs: []int{8, 9, 12}, Required: []string{"global-cross-border-ec", "web-ec-operation"}, Preferred: []string{"global-english", "design-photo"},
			Team: 1, Hours: 15, Style: remote, Reward: paid, Yen: 50000, Months: 5, Popularity: 7},
		{Host: "himawari", Title: "老舗喫茶のInstagram発信とファンづくり",
			Desc: "常連さんに支えられてきましたが、若いお客さまがなかなか来てくれません。ナポリタンや店内の写真を生かしたInstagramの発信で、新しいファンと出会いたいです。副業で関わってくださる方と、無理なく続けられる運用の形を探します。",
			SDGs: []int{8, 11}, Required: []string{"mkt-instagram", "design-photo"}, Preferred: []string{"mkt-branding"},
			Team: 2, Hours: 10, Style: hybrid, Reward: paid, Yen: 30000, Months: 4, Popularity: 10},
		{Host: "maruju", Title: "海苔の贈答品をECで全国に届ける",
			Desc: "店頭での贈答品が売上の柱でしたが、来店するお客さまが減りました。ECモールへの出店と自社サイトの整備で、全国のお客さまへの販路開拓を進めたいと考えています。",
			SDGs: []int{8, 14, 12}, Required: []string{"web-ec-mall", "web-ec-operation"}, Preferred: []string{"design-package", "mkt-channel"},
			Team: 2, Hours: 15, Style: remote, Reward: paid, Yen: 40000, Months: 5, Popularity: 8},
		{Host: "fukuraiken", Title: "冷凍餃子の通販を軌道に乗せる",
			Desc: "テイクアウトをきっかけに冷凍餃子の通販を始めましたが、注文はまだ少ないです。商品ページの改善とSNS広告で売上を伸ばし、食品ロスの少ない生産計画も立てたいです。",
			SDGs: []int{8, 12}, Required: []string{"web-ec-operation", "web-ads"}, Preferred: []string{"mkt-sns", "design-copywriting"},
			Team: 2, Hours: 15, Style: remote, Reward: paid, Yen: 40000, Months: 4, Popularity: 9},
		{Host: "mannendo", Title: "くず餅の魅力を伝える多言語の案内づくり",
			Desc: "本門寺を訪れる海外の方が増えてきたため、くず餅の由来や食べ方を伝える英語と中国語の案内をつくりたいです。店頭の表示とWebの両方で使える形にまとめます。",
			SDGs: []int{11, 8, 17}, Required: []string{"global-translation"}, Preferred: []string{"community-inbound", "design-graphic"},
			Team: 1, Hours: 10, Style: hybrid, Reward: paid, Yen: 30000, Months: 3, Popularity: 5},
		{Host: "maruha", Title: "定食屋の多言語メニューとインバウンド対応",
			Desc: "空港が近く、海外からのお客さまが戻ってくる日に備えたいと考えています。写真つきの多言語メニューをつくり、注文や支払いの案内を整えます。",
			SDGs: []int{8, 11}, Required: []string{"global-translation", "community-menu"}, Preferred: []string{"community-inbound", "design-graphic"},
			Team: 1, Hours: 10, Style: hybrid, Reward: paid, Yen: 30000, Months: 3, Popularity: 5},
		{Host: "yaoharu", Title: "八百屋の配達注文をデジタルで効率化",
			Desc: "地元の飲食店からの配達注文を電話で受けており、聞き間違いや伝票の手間が負担になっています。メッセージアプリや表計算で注文を受ける簡単な仕組みを一緒に考えてください。",
			SDGs: []int{8, 12, 11}, Required: []string{"dx-cloud"}, Preferred: []string{"dx-kintone", "community-store"},
			Team: 1, Hours: 10, Style: onsite, Reward: proBono, Months: 3, Popularity: 3},
		{Host: "matsunoyu", Title: "銭湯の燃料費を減らし、脱炭素の一歩を",
			Desc: "ボイラーの燃料費が経営を圧迫しています。太陽熱や高効率の機器などの選択肢を比べ、補助金を使って脱炭素に向けた設備の更新ができないか検討したいです。銭湯が好きな方、ぜひ力を貸してください。",
			SDGs: []int{7, 13, 11}, Required: []string{"green-renewable", "fin-subsidy"}, Preferred: []string{"green-energy-saving"},
			Team: 1, Hours: 10, Style: hybrid, Reward: paid, Yen: 30000, Months: 5, Popularity: 6},
		{Host: "omori-books", Title: "町の本屋の読書会をオンラインでも",
			Desc: "店内で開いてきた読書会や作家のトークを、オンラインでも参加できる形にしたいです。配信の方法や告知の仕方を一緒に考え、遠くに住む読者ともつながる場をつくります。",
			SDGs: []int{4, 11}, Required: []string{"community-event", "design-video"}, Preferred: []string{"mkt-sns"},
			Team: 2, Hours: 10, Style: hybrid, Reward: inKind, Months: 4, Popularity: 4},
		{Host: "kotori", Title: "町工場とつくる体験型ツアーの企画",
			Desc: "カフェに集まる職人さんたちと、工場見学とものづくり体験を組み合わせたツアーを企画したいと考えています。申込みの仕組みと告知まで含めて、観光の視点から提案をお願いします。副業でツアーやイベントの企画に携わっている方に向いています。",
			SDGs: []int{8, 11, 4}, Required: []string{"community-tourism", "community-event"}, Preferred: []string{"mkt-pr"},
			Team: 2, Hours: 15, Style: hybrid, Reward: paid, Yen: 40000, Months: 4, Popularity: 7},
		{Host: "hanedaya", Title: "お弁当の容器を減らすリユースの仕組み",
			Desc: "毎日数百食分の使い捨て容器を使っています。配達先の事業所と協力してリユース容器を回収し、洗って使う仕組みが成り立つか、費用と手順を検証したいです。",
			SDGs: []int{12, 14, 11}, Required: []string{"green-recycling", "fin-cost"}, Preferred: []string{"sales-partnership"},
			Team: 1, Hours: 10, Style: hybrid, Reward: paid, Yen: 30000, Months: 4, Popularity: 4},
		{Host: "lumiere", Title: "美容室の予約と顧客管理をデジタルに",
			Desc: "予約も顧客カルテも紙の台帳で管理しています。予約システムの導入とお客さまへのお知らせの送り方を整え、スタッフの負担を減らしたいです。",
			SDGs: []int{8, 5}, Required: []string{"mkt-crm", "dx-cloud"}, Preferred: []string{"community-store"},
			Team: 1, Hours: 10, Style: hybrid, Reward: paid, Yen: 30000, Months: 3, Popularity: 3},
		{Host: hostOtaAssociation, Title: "商店街イベントのDXとキャッシュレス化",
			Desc: "商店街の夏祭りやスタンプラリーを、キャッシュレス決済とデジタルスタンプで運営できるようにします。複数の商店街で使える手順書をつくり、翌年以降も続く形にすることが目標です。",
			SDGs: []int{11, 8, 17}, Required: []string{"community-cashless", "community-shotengai"}, Preferred: []string{"dx-programming", "community-facilitation"},
			Team: 2, Hours: 20, Style: hybrid, Reward: paid, Yen: 50000, Months: 5, Popularity: 6},
		{Host: hostOtaOffice, Title: "区内企業のSDGs取組事例集をつくる",
			Desc: "区内の町工場や商店が取り組むSDGsの事例を取材し、区のWebサイトと冊子で紹介します。取材、執筆、写真撮影を担う副業チームを募集します。",
			SDGs: []int{17, 9, 12}, Required: []string{"web-writing", "design-photo"}, Preferred: []string{"mkt-pr"},
			Team: 3, Hours: 15, Style: hybrid, Reward: paid, Yen: 40000, Months: 5, Popularity: 7},
	}
}
