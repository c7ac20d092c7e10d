package customer

import (
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

// FuzzParsePhone checks parsePhone against NormalizePhone: it reads a
// complete number exactly when NormalizePhone accepts it, with the same
// digits, and it reads privacy.MaskPhone's output of a valid number as a
// masked number whose shown digits are the number's.
func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{
		"13812345678", "+86 138-1234-5678", "008613812345678", "8613812345678", "１３８１２３４５６７８", "(+86) 138 1234 5678",
		"138****5678", "+86 138 **** 5678", "138xxxx5678", "1*********8", "+1 202 555 0143", "010-65551234", "", "+", "\xff",
		"12812345678", "86***********", "+8613812345678", "+86+13812345678", "13812345678901234567",
		"14612345678", "146****5678", "17405123456", "1740****456", "1746****456", "16101234567", "161****4567", "17012345678",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := parsePhone(s)
		n, err := NormalizePhone(s)
		if full := ok && !p.masked; full != (err == nil) {
			t.Fatalf("parsePhone(%q) = %v, %v; NormalizePhone error %v", s, p, ok, err)
		}
		if err != nil {
			if ok && (p.visible() < 4 || p.visible() == 11) {
				t.Fatalf("parsePhone(%q) accepted a masked number showing %d digits", s, p.visible())
			}
			return
		}
		if string(p.slots[:]) != n {
			t.Fatalf("parsePhone(%q) = %q, NormalizePhone %q", s, p.slots[:], n)
		}
		m := privacy.MaskPhone(s)
		q, ok := parsePhone(m)
		if !ok || !q.masked {
			t.Fatalf("parsePhone(MaskPhone(%q) = %q) = %v, %v", s, m, q, ok)
		}
		for i, d := range q.slots {
			if d != 0 && d != n[i] {
				t.Fatalf("MaskPhone(%q) = %q shows %q at %d, number has %q", s, m, d, i, n[i])
			}
		}
	})
}
