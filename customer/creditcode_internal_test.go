package customer

import "testing"

// TestCreditNames checks the arrays ParseCreditCode reads against the
// authority and type tables, for every pair of characters of the
// alphabet.
func TestCreditNames(t *testing.T) {
	for i := 0; i < len(creditAlphabet); i++ {
		a := creditAlphabet[i]
		names := creditNames[creditValue[a]]
		if want := creditAuthorities[a]; names.authority != want {
			t.Errorf("authority %c: %q, want %q", a, names.authority, want)
		}
		for j := 0; j < len(creditAlphabet); j++ {
			c := creditAlphabet[j]
			var got string
			if d := c - '0'; d < 10 {
				got = names.types[d]
			}
			if want := creditTypes[[2]byte{a, c}]; got != want {
				t.Errorf("type %c%c: %q, want %q", a, c, got, want)
			}
		}
	}
}
