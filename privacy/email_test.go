package privacy_test

import (
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

func TestMaskEmail(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "zhangsan@example.com", "z***@example.com"},
		{"short local part", "ab@example.com", "a***@example.com"},
		{"one-rune local part hidden", "a@example.com", "***@example.com"},
		{"chinese local part", "张三@example.com", "张***@example.com"},
		{"last at splits", `"a@b"@example.com`, `"***@example.com`},
		{"no at sign", "zhangsan", "z***"},
		{"empty local part", "@example.com", "@example.com"},
		{"leading space kept", "  li@example.com", "  l***@example.com"},
		{"empty", "", ""},
		{"invalid first byte", "\xffab@example.com", "***@example.com"},
		{"invalid domain byte", "ab@exa\xffmple.com", "a***@exa\uFFFDmple.com"},
		{"already masked", "z***@example.com", "z***@example.com"},
		{"already fully masked", "***@example.com", "***@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := privacy.MaskEmail(tt.in); got != tt.want {
				t.Errorf("MaskEmail(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
