package privacy_test

import (
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

func TestMaskIDNumber(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// The GB 11643-1999 sample number; region 110105, born 1949-12-31.
		{"resident id", "11010519491231002X", "1101**********002X"},
		{"resident id lower-case x", "11010519491231002x", "1101**********002x"},
		{"resident id digit check", "440308199001011234", "4403**********1234"},
		{"resident id spaced", "110105 19491231 002X", "1101** ******** 002X"},
		{"first generation 15 digits", "110105491231002", "1101********002"},
		{"x in the middle is other", "1101051949X231002X", "**************002X"},
		{"passport", "E12345678", "******678"},
		{"hong kong id", "A123456(7)", "******6(7)"},
		{"short", "12", "**"},
		{"empty", "", ""},
		{"separators only", "-- --", "-- --"},
		{"invalid utf-8 hidden", "11010519491231\xff02X", "1101***********02X"},
		{"already masked", "1101**********002X", "1101**********002X"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := privacy.MaskIDNumber(tt.in); got != tt.want {
				t.Errorf("MaskIDNumber(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
