package refdata

import "fmt"

// CheckDigit returns the check digit, as an ASCII character '0'..'9', of a
// local-government code (全国地方公共団体コード) whose first five digits are
// first5. The five digits are weighted 6,5,4,3,2; the check digit is
// (11 - sum mod 11) mod 10. For example CheckDigit("13111") is '3', so Ota
// City's full code is "131113".
func CheckDigit(first5 string) (byte, error) {
	if len(first5) != 5 {
		return 0, fmt.Errorf("refdata: check digit: %q is not 5 digits", first5)
	}
	sum := 0
	for i := 0; i < 5; i++ {
		c := first5[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("refdata: check digit: %q is not 5 digits", first5)
		}
		sum += int(c-'0') * (6 - i)
	}
	return byte('0' + (11-sum%11)%10), nil
}

// ValidLGCode reports whether code is a 6-digit local-government code: six
// ASCII digits whose last is the check digit of the first five. It does not
// check that the code belongs to an existing municipality; use
// Data.Municipality for that.
func ValidLGCode(code string) bool {
	if len(code) != 6 {
		return false
	}
	want, err := CheckDigit(code[:5])
	return err == nil && code[5] == want
}
