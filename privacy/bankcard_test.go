package privacy_test

import (
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

func TestMaskBankCard(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"16 digits spaced", "6222 0212 3456 7890", "6222 02** **** 7890"},
		{"16 digits", "4111111111111111", "411111******1111"},
		{"15 digits amex", "378282246310005", "378282*****0005"},
		{"19 digits", "6222021234567890123", "622202*********0123"},
		{"dashes", "6222-0212-3456-7890", "6222-02**-****-7890"},
		{"14 digits is other", "30569309025904", "**********5904"},
		{"20 digits is other", "12345678901234567890", "****************7890"},
		{"8 digits is other", "1234 5678", "**** **78"},
		{"empty", "", ""},
		{"separators only", "- -", "- -"},
		{"invalid utf-8 hidden", "4111\xff11111111111", "4111*1******1111"},
		{"already masked", "6222 02** **** 7890", "6222 02** **** 7890"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := privacy.MaskBankCard(tt.in); got != tt.want {
				t.Errorf("MaskBankCard(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
