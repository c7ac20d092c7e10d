package privacy_test

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

// FuzzDecrypt feeds arbitrary bytes to Decrypt: nothing may panic and
// nothing may decrypt, since forging a GCM tag is infeasible. Seeds
// include the fixed valid ciphertext of TestKeyringKnownAnswer (fuzz
// workers are separate processes, so it must not be random), whose
// mutations the fuzzer explores.
func FuzzDecrypt(f *testing.F) {
	k, err := privacy.NewKeyring("2026-01", map[string][]byte{"2026-01": testKey(0), "k2": testKey(40)})
	if err != nil {
		f.Fatal(err)
	}
	valid, _ := hex.DecodeString(knownCiphertext)
	const ad = "customer/42/phone"
	f.Add(valid, []byte(ad))
	f.Add(valid[:len(valid)-1], []byte(ad))
	f.Add([]byte{1, 2, 'k', '1'}, []byte(nil))
	f.Add([]byte{}, []byte(nil))
	f.Add([]byte{2, 2, 'k', '1', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, []byte(nil))
	f.Fuzz(func(t *testing.T, c, ad []byte) {
		got, err := k.Decrypt(c, ad)
		if string(c) == string(valid) && string(ad) == "customer/42/phone" {
			if err != nil || string(got) != "13812345678" {
				t.Fatalf("valid ciphertext: %q, %v", got, err)
			}
			return
		}
		if err == nil {
			t.Fatalf("Decrypt(%x, %q) = %q, want an error", c, ad, got)
		}
		if got != nil {
			t.Fatalf("Decrypt returned %q with error %v", got, err)
		}
		if !errors.Is(err, privacy.ErrMalformed) && !errors.Is(err, privacy.ErrTampered) && !errors.Is(err, privacy.ErrUnknownKey) {
			t.Fatalf("Decrypt error %v wraps no documented sentinel", err)
		}
		if _, err := privacy.CiphertextKeyID(c); err != nil && !errors.Is(err, privacy.ErrMalformed) {
			t.Fatalf("CiphertextKeyID error %v does not wrap ErrMalformed", err)
		}
	})
}
