package demo

// region is a group of places where some of the 2021 entrants live. Count is
// how many of the 440 live there; each lives in one of LGCodes, drawn
// uniformly (list a code twice to weight it).
type region struct {
	Count   int
	LGCodes []string
}

// otaResidents is how many of the 440 entrants live in Ota City (22%).
const otaResidents = 97

// abroadResidents is how many of the 440 entrants live outside Japan (3%).
const abroadResidents = 13

// residenceRegions spreads the entrants who live elsewhere in Japan, weighted
// toward the capital region as the 2021 call was. Counts sum to
// talentCount2021 - otaResidents - abroadResidents.
func residenceRegions() []region {
	return []region{
		{120, []string{ // Tokyo: other wards and Tama cities; neighbours of Ota twice
			"131091", "131091", "131105", "131105", "131121", "131121", // 品川 目黒 世田谷
			"131016", "131024", "131032", "131041", "131059", "131067", "131075", "131083",
			"131130", "131148", "131156", "131164", "131172", "131181", "131199", "131202",
			"131211", "131229", "131237", "132012", "132021", "132039", "132047", "132063",
			"132080", "132098", "132101", "132144",
		}},
		{70, []string{ // Kanagawa: Kawasaki across the river, Yokohama, Shonan
			"141313", "141313", "141321", "141321", "141330", "141330", "141348", "141356",
			"141364", "141372", "141011", "141020", "141038", "141046", "141097", "141097",
			"141101", "141178", "141186", "141518", "141526", "142042", "142051", "142077",
			"142131",
		}},
		{28, []string{"111007", "112038", "112089", "112224", "112011"}},                     // Saitama
		{25, []string{"121002", "122041", "122033", "122271", "122076", "122173"}},           // Chiba
		{7, []string{"082201", "092011", "102024", "082015"}},                                // Ibaraki, Tochigi, Gunma
		{20, []string{"271004", "271004", "272051", "272035", "261009", "281000", "282049"}}, // Kansai
		{8, []string{"231002", "232114"}},                                                    // Aichi
		{9, []string{"401307", "401307", "401005", "402036"}},                                // Fukuoka
		{6, []string{"011002", "012025", "012041"}},                                          // Hokkaido
		{4, []string{"041009"}},                                                              // Miyagi
		{8, []string{"151009", "152021", "152137", "152048"}},                                // Niigata, with Tsubame and Sanjo
		{6, []string{"202011", "202029", "202037"}},                                          // Nagano
		{5, []string{"221007", "221309", "222038"}},                                          // Shizuoka
		{4, []string{"341002", "331007"}},                                                    // Hiroshima, Okayama
		{3, []string{"472018"}},                                                              // Okinawa
		{3, []string{"172014", "162019"}},                                                    // Ishikawa, Toyama
		{4, []string{"431001", "462012"}},                                                    // Kumamoto, Kagoshima
	}
}

// hometowns are regional cities that many people in the capital grew up in.
// Half of the born affinities are drawn from here, the rest from all of Japan.
func hometowns() []string {
	return []string{
		"011002", "012025", "012041", "012076", "012068", "012033", "022012", "022021",
		"022039", "032018", "041009", "042056", "042021", "052019", "062014", "062031",
		"072036", "072044", "072028", "082015", "082023", "092011", "092029", "102016",
		"102032", "151009", "152021", "152137", "152048", "152226", "152056", "152242",
		"162019", "172014", "172049", "182010", "192015", "202011", "202029", "202037",
		"202053", "212016", "212032", "221007", "221309", "222038", "231002", "232114",
		"242012", "242039", "252026", "261009", "262021", "271004", "271403", "281000",
		"282014", "282090", "292010", "302015", "312011", "322016", "322032", "331007",
		"332020", "341002", "342076", "342050", "352039", "352012", "362018", "372013",
		"382019", "382027", "382035", "392014", "392103", "401307", "401005", "402036",
		"412015", "422011", "422029", "431001", "442011", "442020", "452017", "462012",
		"472018", "472077",
	}
}

// overseas is where entrants living abroad are, with their time zones.
type overseas struct {
	Country  string // ISO 3166-1 alpha-2
	TimeZone string // IANA
	Label    string // for the background line
}

func overseasPlaces() []overseas {
	return []overseas{
		{"US", "America/Los_Angeles", "米国西海岸"},
		{"US", "America/New_York", "米国ニューヨーク"},
		{"SG", "Asia/Singapore", "シンガポール"},
		{"DE", "Europe/Berlin", "ドイツ"},
		{"GB", "Europe/London", "英国"},
		{"TH", "Asia/Bangkok", "タイ"},
		{"VN", "Asia/Ho_Chi_Minh", "ベトナム"},
		{"AU", "Australia/Sydney", "オーストラリア"},
		{"TW", "Asia/Taipei", "台湾"},
		{"NL", "Europe/Amsterdam", "オランダ"},
	}
}
