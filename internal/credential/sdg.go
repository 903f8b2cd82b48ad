package credential

import (
	"fmt"
	"strconv"
	"strings"
)

// sdgName is the English short name of UN Sustainable Development Goal n.
func sdgName(n int) (string, bool) {
	names := [...]string{
		"No Poverty",
		"Zero Hunger",
		"Good Health and Well-being",
		"Quality Education",
		"Gender Equality",
		"Clean Water and Sanitation",
		"Affordable and Clean Energy",
		"Decent Work and Economic Growth",
		"Industry, Innovation and Infrastructure",
		"Reduced Inequalities",
		"Sustainable Cities and Communities",
		"Responsible Consumption and Production",
		"Climate Action",
		"Life Below Water",
		"Life on Land",
		"Peace, Justice and Strong Institutions",
		"Partnerships for the Goals",
	}
	if n < 1 || n > len(names) {
		return "", false
	}
	return names[n-1], true
}

// sdgTag is the achievement tag for goal n, e.g. "SDG 9".
func sdgTag(n int) string { return fmt.Sprintf("SDG %d", n) }

// parseSDGTag is the inverse of sdgTag.
func parseSDGTag(tag string) (int, bool) {
	rest, ok := strings.CutPrefix(tag, "SDG ")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return 0, false
	}
	if _, ok := sdgName(n); !ok {
		return 0, false
	}
	return n, true
}
