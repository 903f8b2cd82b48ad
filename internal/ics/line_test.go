package ics

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestFold(t *testing.T) {
	cases := map[string]string{
		"empty":          "",
		"exactly 75":     strings.Repeat("a", 75),
		"76":             strings.Repeat("a", 76),
		"long ASCII":     strings.Repeat("0123456789", 40),
		"Japanese":       strings.Repeat("市町村の副業人材募集。", 30),
		"emoji":          strings.Repeat("🙂", 100),
		"offset by one":  "X" + strings.Repeat("漢", 80),
		"offset by two":  "XY" + strings.Repeat("漢", 80),
		"mixed and tabs": strings.Repeat("a\tあ🙂é", 50),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			fold(&b, in)
			lines := physicalLines(t, b.Bytes())
			for i, l := range lines[1:] {
				if !strings.HasPrefix(l, " ") {
					t.Fatalf("continuation %d does not start with a space: %q", i+1, l)
				}
			}
			if got := strings.Join(unfold(t, b.Bytes()), ""); got != in {
				t.Fatalf("unfold gives %q, want %q", got, in)
			}
			// Folding only where needed: every line but the last is full
			// up to a character that did not fit.
			for i, l := range lines[:len(lines)-1] {
				if len(l) < 75-3 {
					t.Errorf("line %d folded early at %d octets", i, len(l))
				}
			}
		})
	}

	var b bytes.Buffer
	fold(&b, strings.Repeat("a", 76))
	if want := strings.Repeat("a", 75) + "\r\n a\r\n"; b.String() != want {
		t.Errorf("76 octets folded as %q, want %q", b.String(), want)
	}
}

func TestLongJapaneseDescription(t *testing.T) {
	desc := strings.Repeat("本面談では、これまでのご経験と、富山市の防災アプリ開発にどのように関われるかを伺います。", 8) +
		"\n持ち物：なし\n当日はオンライン（ビデオ通話）でも参加できます；詳細は、ポータルをご覧ください。🙇"
	ev := interview()
	ev.Description = desc
	out := marshal(t, Request, ev)
	if n := len(physicalLines(t, out)); n < 20 {
		t.Fatalf("only %d physical lines; the description was not folded", n)
	}
	if got := textValue(t, unfold(t, out), "DESCRIPTION"); got != desc {
		t.Fatalf("DESCRIPTION after unfold and unescape:\n%q\nwant\n%q", got, desc)
	}
}

func TestEscapeText(t *testing.T) {
	cases := map[string]string{
		"plain":        "plain",
		`a\b`:          `a\\b`,
		"a;b,c":        `a\;b\,c`,
		"line1\nline2": `line1\nline2`,
		`\n`:           `\\n`,
		"コロン:そのまま":     "コロン:そのまま",
	}
	for in, want := range cases {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBeforeTrigger(t *testing.T) {
	cases := map[time.Duration]string{
		30 * time.Minute:                "-PT30M",
		time.Hour:                       "-PT1H",
		90 * time.Minute:                "-PT1H30M",
		time.Hour + 5*time.Second:       "-PT1H0M5S",
		45 * time.Second:                "-PT45S",
		24 * time.Hour:                  "-P1D",
		25*time.Hour + 30*time.Minute:   "-P1DT1H30M",
		7 * 24 * time.Hour:              "-P7D",
		2*24*time.Hour + 10*time.Second: "-P2DT10S",
	}
	for d, want := range cases {
		if got := beforeTrigger(d); got != want {
			t.Errorf("beforeTrigger(%s) = %s, want %s", d, got, want)
		}
	}
}
