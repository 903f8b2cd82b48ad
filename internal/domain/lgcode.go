package domain

// ValidateLGCode checks a 6-digit local-government code (全国地方公共団体コード):
// six ASCII digits whose last is the check digit over the first five
// (weights 6,5,4,3,2; digit = (11 - sum mod 11) mod 10).
func ValidateLGCode(code string) error {
	if len(code) != 6 {
		return Errorf(CodeInvalid, "error.lgcode_format", "Value", code)
	}
	sum := 0
	for i := 0; i < 6; i++ {
		c := code[i]
		if c < '0' || c > '9' {
			return Errorf(CodeInvalid, "error.lgcode_format", "Value", code)
		}
		if i < 5 {
			sum += int(c-'0') * (6 - i)
		}
	}
	if want := byte('0' + (11-sum%11)%10); code[5] != want {
		return Errorf(CodeInvalid, "error.lgcode_check_digit", "Value", code)
	}
	return nil
}
