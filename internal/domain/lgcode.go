package domain

import "github.com/tsunagu-hub/tsunagu/internal/refdata"

// ValidateLGCode checks a 6-digit local-government code (全国地方公共団体コード):
// six ASCII digits whose last is the check digit over the first five. It
// says which of the two is wrong, so a person can fix the right thing.
func ValidateLGCode(code string) error {
	if len(code) != 6 {
		return Errorf(CodeInvalid, "error.lgcode_format", "Value", code)
	}
	want, err := refdata.CheckDigit(code[:5])
	if err != nil || code[5] < '0' || code[5] > '9' {
		return Errorf(CodeInvalid, "error.lgcode_format", "Value", code)
	}
	if code[5] != want {
		return Errorf(CodeInvalid, "error.lgcode_check_digit", "Value", code)
	}
	return nil
}
