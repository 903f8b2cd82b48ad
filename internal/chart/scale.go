package chart

import "math"

// scale maps values in [lo, hi] to coordinates; ticks are lo, lo+step, …,
// hi with step 1, 2 or 5 × 10ⁿ.
type scale struct {
	lo, hi, step float64
	ticks        []float64
}

// targetTicks is about how many intervals a scale should have.
const targetTicks = 5

// niceScale returns a scale covering [lo, hi] and zero, with a step of at
// least minStep (which must be positive). An empty range gives 0–5.
func niceScale(lo, hi, minStep float64) scale {
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi == lo {
		hi = lo + targetTicks*math.Max(minStep, 1)
	}
	step := math.Max(niceStep((hi-lo)/targetTicks), minStep)
	first := math.Floor(lo/step + 1e-9)
	last := math.Max(math.Ceil(hi/step-1e-9), first+1) // values below a step
	decimals := math.Max(0, math.Ceil(-math.Log10(step)-1e-9))
	p := math.Pow(10, decimals)
	s := scale{step: step}
	for i := first; i <= last; i++ {
		s.ticks = append(s.ticks, math.Round(i*step*p)/p)
	}
	s.lo, s.hi = s.ticks[0], s.ticks[len(s.ticks)-1]
	return s
}

// niceStep rounds rough up to 1, 2 or 5 × 10ⁿ.
func niceStep(rough float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(rough)))
	switch norm := rough / mag; {
	case norm <= 1:
		return mag
	case norm <= 2:
		return 2 * mag
	case norm <= 5:
		return 5 * mag
	default:
		return 10 * mag
	}
}

// pos maps v to the coordinate between a (at lo) and b (at hi).
func (s scale) pos(v, a, b float64) float64 {
	return a + (v-s.lo)/(s.hi-s.lo)*(b-a)
}

// minStep is the smallest scale step for values: 1 when all are integers,
// 0.1 for the default format (one decimal), else 1e-6.
func minStep(series []Series, custom bool) float64 {
	ints := true
	for _, s := range series {
		for _, v := range s.Values {
			ints = ints && v == math.Trunc(v)
		}
	}
	switch {
	case ints:
		return 1
	case !custom:
		return 0.1
	default:
		return 1e-6
	}
}
