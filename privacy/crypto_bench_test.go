package privacy_test

import (
	"bytes"
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

// The per-field costs a host pays when it exports or stores a million
// records: encrypting and decrypting a phone number bound to its record,
// its blind index, and a partner's pseudonym of it.

func benchKey(b byte) []byte { return bytes.Repeat([]byte{b}, privacy.KeySize) }

func BenchmarkKeyring(b *testing.B) {
	ring, err := privacy.NewKeyring("2026-12", map[string][]byte{"2026-12": benchKey(1)})
	if err != nil {
		b.Fatal(err)
	}
	phone, ad := []byte("13812345678"), []byte("P0001234/phone")
	c, err := ring.Encrypt(phone, ad)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Encrypt", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ring.Encrypt(phone, ad); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Decrypt", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ring.Decrypt(c, ad); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkBlindIndex(b *testing.B) {
	ix, err := privacy.NewBlindIndex(benchKey(2), privacy.NormalizePhone)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = ix.Sum("+86 138-1234-5678")
	}
}

func BenchmarkPseudonym(b *testing.B) {
	p, err := privacy.NewPseudonymizer(benchKey(3))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Pseudonym("partner-a", "13812345678")
	}
}
