package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"strconv"

	"github.com/tsunagu-hub/tsunagu/internal/domain"
)

// mixURL is one distinct request of the mix and what kind of page it is.
type mixURL struct {
	path string
	kind string // "list", "search" or "api"
}

// mixWords are search words visitors type: trades, skills, places and
// the readings and synonyms people use, some matching little or nothing.
var mixWords = []string{
	"副業", "販路開拓", "ホームページ", "ほーむぺーじ", "HP", "ウェブ", "インスタ", "Instagram", "SNS", "EC",
	"ネットショップ", "通販", "脱炭素", "CO2", "省エネ", "DX", "kintone", "データ", "採用", "広報",
	"ブランディング", "デザイン", "動画", "写真", "商店街", "町工場", "金属加工", "蒲田", "大森", "羽田",
	"事業承継", "海外", "英語", "観光", "飲食", "ぎょうざ", "イベント", "SDGs", "リサイクル", "マーケティング",
}

// mixDims are the values of the list's filters the mix draws from.
type mixDims struct {
	programs, skills []string
}

// mixURLs draws n distinct URLs of the public project list, its search and
// the projects API, the way visitors spread over filters and pages: about
// 55% filtered lists, 30% searches (some with a filter), 15% API calls,
// each on pages 1 to 4, Japanese mostly. The same seed draws the same set.
func mixURLs(n int, dims mixDims, seed uint64) []mixURL {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	styles := []string{string(domain.WorkRemote), string(domain.WorkOnSite), string(domain.WorkHybrid)}
	rewards := []string{string(domain.RewardPaid), string(domain.RewardProBono), string(domain.RewardInKind)}
	filter := func(v url.Values, k int) {
		for range k {
			switch rng.IntN(6) {
			case 0:
				if len(dims.programs) > 0 {
					v.Set("program", pick(dims.programs))
				}
			case 1:
				v.Set("sdg", strconv.Itoa(1+rng.IntN(17)))
			case 2:
				v.Set("skill", pick(dims.skills))
			case 3:
				v.Set("style", pick(styles))
			case 4:
				v.Set("reward", pick(rewards))
			case 5:
				v.Set("hours", strconv.Itoa(1+rng.IntN(4)))
			}
		}
	}
	seen := map[string]bool{}
	var out []mixURL
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		v := url.Values{}
		var u mixURL
		switch r := rng.IntN(100); {
		case r < 55:
			u.kind = "list"
			filter(v, 1+rng.IntN(3))
		case r < 85:
			u.kind = "search"
			w := pick(mixWords)
			if rng.IntN(4) == 0 {
				w += " " + pick(mixWords)
			}
			v.Set("q", w)
			filter(v, rng.IntN(2))
		default:
			u.kind = "api"
			filter(v, rng.IntN(3))
			if rng.IntN(3) == 0 {
				v.Set("q", pick(mixWords))
			}
		}
		if p := 1 + int(math.Floor(4*math.Pow(rng.Float64(), 2.5))); p > 1 {
			v.Set("page", strconv.Itoa(p))
		}
		if u.kind == "api" {
			u.path = "/api/v1/projects?" + v.Encode()
		} else {
			if rng.IntN(5) == 0 {
				v.Set("lang", "en")
			} else {
				v.Set("lang", "ja")
			}
			u.path = "/projects?" + v.Encode()
		}
		if !seen[u.path] {
			seen[u.path] = true
			out = append(out, u)
		}
	}
	return out
}

// zipfWeights gives rank i (from 0) the weight 1/(i+1)^s.
func zipfWeights(n int, s float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), s)
	}
	return w
}

// mixLua is a wrk script that requests the paths at random with the given
// weights (cumulative, searched by bisection), each wrk thread seeded on
// its own.
func mixLua(paths []string, weights []float64) string {
	var b []byte
	b = append(b, "local paths = {\n"...)
	for _, p := range paths {
		b = append(b, fmt.Sprintf("  %q,\n", p)...)
	}
	b = append(b, "}\nlocal cum = {\n"...)
	total := 0.0
	for _, w := range weights {
		total += w
		b = append(b, fmt.Sprintf("  %.9g,\n", total)...)
	}
	b = append(b, `}
local total = cum[#cum]
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end
function request()
  local r = math.random() * total
  local lo, hi = 1, #cum
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cum[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format(nil, paths[lo])
end
`...)
	return string(b)
}
