package customer

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// FuzzGBDecoder checks the ASCII fast path against the decoder it wraps:
// the same UTF-8 for any bytes, valid GB18030 or not, whether the input
// comes whole, a byte at a time, or into a small buffer.
func FuzzGBDecoder(f *testing.F) {
	for _, s := range []string{
		"customer_id,at,amount\nA,2026/1/2,1\n",
		"\xbf\xcd\xbb\xa7ID,\xcf\xc2\xb5\xa5\xca\xb1\xbc\xe4\n\xd5\xc5\xc8\xfd,1\n", // 客户ID,下单时间 / 张三
		"\x94\x39\xfc\x36 smile",                                                    // U+1F600, four bytes
		"x\x81\x20y\xff\x80z",                                                       // invalid sequences
		strings.Repeat("\xb7\xfe", 40) + "ab" + strings.Repeat("c\xd7\xb0", 30),     // runs across windows
		"\x81\x30\x81",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _, err := transform.String(simplifiedchinese.GB18030.NewDecoder(), s)
		if err != nil {
			t.Skip() // the reference cannot decode it either
		}
		got, _, err := transform.String(newGBDecoder(), s)
		if err != nil || got != want {
			t.Fatalf("decoding %q: %q, %v; want %q", s, got, err, want)
		}
		b, err := io.ReadAll(transform.NewReader(iotest.OneByteReader(strings.NewReader(s)), newGBDecoder()))
		if err != nil || string(b) != want {
			t.Fatalf("decoding %q a byte at a time: %q, %v; want %q", s, b, err, want)
		}
		// Into a destination of 7 bytes at a time.
		d := newGBDecoder()
		var out []byte
		src := []byte(s)
		var dst [7]byte
		for {
			nDst, nSrc, err := d.Transform(dst[:], src, true)
			out = append(out, dst[:nDst]...)
			src = src[nSrc:]
			if err == nil {
				break
			}
			if err != transform.ErrShortDst || nDst == 0 && nSrc == 0 {
				t.Fatalf("decoding %q into 7 bytes: %v after %q", s, err, out)
			}
		}
		if string(out) != want {
			t.Fatalf("decoding %q into 7 bytes: %q, want %q", s, out, want)
		}
	})
}
