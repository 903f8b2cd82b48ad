package auth

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckPassword(t *testing.T) {
	const email = "Hanako.Yamada@example.jp"
	for _, tc := range []struct {
		password, email, want string
	}{
		{"", email, ProblemPasswordShort},
		{"abc12345", email, ProblemPasswordShort},
		{"abcdefgh123", email, ProblemPasswordShort}, // 11 characters
		{"ひらがなで十一文字です", email, ProblemPasswordShort}, // 11 characters, 33 bytes
		{"ひらがなで十二文字ですよ", email, ""},                  // 12 characters
		{strings.Repeat("ab", 64), email, ""},        // 128 characters
		{strings.Repeat("ab", 64) + "c", email, ProblemPasswordLong},
		{strings.Repeat("あい", 65), email, ProblemPasswordLong},
		{"password1234", email, ProblemPasswordCommon},
		{"Password1234", email, ProblemPasswordCommon},
		{"ｐａｓｓｗｏｒｄ１２３４", email, ProblemPasswordCommon}, // full-width
		{"qwerty123456", email, ProblemPasswordCommon},
		{"123456789012", email, ProblemPasswordCommon},
		{"１２３４５６７８９０１２", email, ProblemPasswordCommon},
		{"aaaaaaaaaaaa", email, ProblemPasswordCommon},
		{"ああああああああああああ", email, ProblemPasswordCommon},
		{"hanako.yamada", email, ProblemPasswordEmail}, // 13 characters
		{"HANAKO.YAMADA", email, ProblemPasswordEmail},
		{"hanako.yamada@example.jp", email, ProblemPasswordEmail},
		{"hanako.yamada", "  hanako.yamada@example.jp ", ProblemPasswordEmail},
		{"hanako.yamada!", email, ""},
		{"hanako.yamada", "", ""},
		{"yamanashi-fuefuki-2024", email, ""},
		{"correct horse battery staple", email, ""},
		{"夕焼け小焼けで日が暮れて", email, ""},
	} {
		if got := CheckPassword(tc.password, Owner{Email: tc.email}); got != tc.want {
			t.Errorf("CheckPassword(%q, %q) = %q, want %q", tc.password, tc.email, got, tc.want)
		}
	}
}

// TestPasswordMayNotBeTheOwner: a new password may not be the address, its
// local part or the name, compared after NFKC, ignoring case and spaces.
func TestPasswordMayNotBeTheOwner(t *testing.T) {
	owner := Owner{Email: "Hanako.Yamada@example.jp", Name: "Yamada Hanako Sakura"}
	kana := Owner{Email: "sakura@example.jp"}
	kanaLong := Owner{Email: kana.Email, Name: "やまだ　はなこ　さくらこ　かえで"} // full-width spaces
	for _, tc := range []struct {
		password string
		owner    Owner
		want     string
	}{
		{"yamadahanakosakura", owner, ProblemPasswordName},
		{"Yamada Hanako Sakura", owner, ProblemPasswordName},
		{"ＹＡＭＡＤＡ ＨＡＮＡＫＯ ＳＡＫＵＲＡ", owner, ProblemPasswordName}, // full-width
		{" yamada  hanako sakura ", owner, ProblemPasswordName},
		{"yamada hanako sakura!", owner, ""},
		{"やまだはなこさくらこ", Owner{Email: kana.Email, Name: "やまだ　はなこ　さくらこ　かえで"}, ProblemPasswordShort},
		{"やまだはなこさくらこかえで", kanaLong, ProblemPasswordName},
		{"やまだ はなこ さくらこ かえで", kanaLong, ProblemPasswordName},
		{"ヤマダハナコサクラコカエデ", kanaLong, ""}, // katakana is another word
		{"hanako . yamada", owner, ProblemPasswordEmail},
		{"Hanako.Yamada @ example.jp", owner, ProblemPasswordEmail},
		{"yamadahanakosakura", Owner{}, ""},
	} {
		if got := CheckPassword(tc.password, tc.owner); got != tc.want {
			t.Errorf("CheckPassword(%q, %+v) = %q, want %q", tc.password, tc.owner, got, tc.want)
		}
	}
}

// TestCommonPasswordList keeps the embedded list useful: every entry must
// be reachable (long enough, lower-case, NFKC) and listed once.
func TestCommonPasswordList(t *testing.T) {
	seen := map[string]bool{}
	for line := range strings.Lines(commonPasswords) {
		pw := strings.TrimSuffix(line, "\n")
		if n := utf8.RuneCountInString(pw); n < MinPasswordLen || n > MaxPasswordLen {
			t.Errorf("%q has %d characters; the length check already decides it", pw, n)
		}
		if pw != strings.ToLower(pw) || pw != strings.TrimSpace(pw) {
			t.Errorf("%q is not lower-case and trimmed", pw)
		}
		if seen[pw] {
			t.Errorf("%q listed twice", pw)
		}
		seen[pw] = true
		if got := CheckPassword(pw, Owner{}); got != ProblemPasswordCommon {
			t.Errorf("CheckPassword(%q) = %q, want %q", pw, got, ProblemPasswordCommon)
		}
	}
	if len(seen) < 70 {
		t.Errorf("common list has %d entries, want about 80", len(seen))
	}
}
