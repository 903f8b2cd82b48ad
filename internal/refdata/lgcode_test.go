package refdata

import "testing"

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		first5 string
		want   byte
	}{
		{"13111", '3'}, // 大田区 131113
		{"15213", '7'}, // 燕市 152137
		{"01100", '2'}, // 札幌市 011002
		{"01000", '6'}, // 北海道 010006
		{"47382", '1'}, // 与那国町 473821
		{"09000", '0'}, // 栃木県 090000: sum mod 11 == 1 gives 10, reduced to 0
	}
	for _, tt := range tests {
		got, err := CheckDigit(tt.first5)
		if err != nil || got != tt.want {
			t.Errorf("CheckDigit(%q) = %q, %v; want %q, nil", tt.first5, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "1311", "131113", "1311a", "１３１１１", "-1311"} {
		if got, err := CheckDigit(bad); err == nil {
			t.Errorf("CheckDigit(%q) = %q, nil; want an error", bad, got)
		}
	}
}

func TestValidLGCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"131113", true},
		{"152137", true},
		{"010006", true},
		{"13111", false},   // five digits: check digit missing
		{"131114", false},  // wrong check digit
		{"13111a", false},  // not a digit
		{"1311a3", false},  // not a digit
		{"1311133", false}, // too long
		{"", false},
		{"１３１１１３", false}, // full-width digits must be normalised first
	}
	for _, tt := range tests {
		if got := ValidLGCode(tt.code); got != tt.want {
			t.Errorf("ValidLGCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}
