package privacy_test

import (
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

func TestMaskPhone(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"mobile", "13812345678", "138****5678"},
		{"mobile 19x", "19912345678", "199****5678"},
		{"mobile spaced", "138 1234 5678", "138 **** 5678"},
		{"mobile +86", "+86 138-1234-5678", "+86 138-****-5678"},
		{"mobile +86 no space", "+8613812345678", "+86138****5678"},
		{"mobile 0086", "0086 13812345678", "0086 138****5678"},
		{"mobile bare 86", "8613812345678", "86138****5678"},
		{"mobile full-width digits", "１３８１２３４５６７８", "１３８****５６７８"},
		{"landline beijing", "010-12345678", "010-******78"},
		{"landline shanghai no separator", "02112345678", "021******78"},
		{"landline shenzhen brackets", "(0755) 8888 8888", "(0755) **** **88"},
		{"landline 7-digit local", "0871-6512345", "0871-*****45"},
		{"landline +86 beijing", "+86 10 12345678", "+86 10 ******78"},
		{"landline +86 trunk in brackets", "+86 (0)10 12345678", "+86 (0)10 ******78"},
		{"landline +86 three-digit area", "+86-755-88888888", "+86-755-******88"},
		{"eleven digits not a mobile", "12012345678", "********678"},
		{"foreign", "+1 202 555 0143", "+* *** *** *143"},
		{"extension is other", "010-12345678-123", "***-*******8-123"},
		{"local only", "12345678", "******78"},
		{"long number capped at four", "123456789012345678", "**************5678"},
		{"short", "110", "**0"},
		{"two digits", "12", "**"},
		{"letters kept", "tel 13812345678", "tel 138****5678"},
		{"separators only", "--  ()", "--  ()"},
		{"empty", "", ""},
		{"invalid utf-8 hidden", "138\xff2345678", "138****5678"},
		{"already masked mobile", "138****5678", "138****5678"},
		{"already masked landline", "010-******78", "010-******78"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := privacy.MaskPhone(tt.in); got != tt.want {
				t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
