package privacy_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/privacy"
)

// testKey returns a 32-byte key whose bytes start at b.
func testKey(b byte) []byte {
	k := make([]byte, 32)
	for i := range k {
		k[i] = b + byte(i)
	}
	return k
}

func newTestKeyring(t testing.TB, active string, ids ...string) *privacy.Keyring {
	t.Helper()
	keys := map[string][]byte{}
	for i, id := range ids {
		keys[id] = testKey(byte(i * 40))
	}
	k, err := privacy.NewKeyring(active, keys)
	if err != nil {
		t.Fatalf("NewKeyring: %v", err)
	}
	return k
}

const knownCiphertext = "0107323032362d3031c8c9cacbcccdcecfd0d1d2d3204b59eab4ffcf15420b27d5f4855600d1b9b439bfc9081c35cf20"

// TestKeyringKnownAnswer decrypts a ciphertext built independently with
// the Python cryptography package (AESGCM) in our documented layout:
// version 1, key ID "2026-01", nonce c8..d3, AES-GCM additional data =
// header ‖ "customer/42/phone", key 00 01 .. 1f.
func TestKeyringKnownAnswer(t *testing.T) {
	ct, _ := hex.DecodeString(knownCiphertext)
	k, err := privacy.NewKeyring("2026-01", map[string][]byte{"2026-01": testKey(0)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := k.Decrypt(ct, []byte("customer/42/phone"))
	if err != nil {
		t.Fatalf("Decrypt: %v", err)
	}
	if string(got) != "13812345678" {
		t.Errorf("Decrypt = %q, want %q", got, "13812345678")
	}
	if _, err := k.Decrypt(ct, []byte("customer/43/phone")); !errors.Is(err, privacy.ErrTampered) {
		t.Errorf("Decrypt with other associated data: err = %v, want ErrTampered", err)
	}
	if id, err := privacy.CiphertextKeyID(ct); err != nil || id != "2026-01" {
		t.Errorf("CiphertextKeyID = %q, %v, want 2026-01", id, err)
	}
}

func TestKeyringRoundTrip(t *testing.T) {
	k := newTestKeyring(t, "k1", "k1")
	for _, plain := range []string{"", "13812345678", strings.Repeat("长", 10000)} {
		ad := []byte("customer/7/phone")
		c1, err := k.Encrypt([]byte(plain), ad)
		if err != nil {
			t.Fatal(err)
		}
		c2, _ := k.Encrypt([]byte(plain), ad)
		if bytes.Equal(c1, c2) {
			t.Errorf("two encryptions of %d bytes are equal: nonces must differ", len(plain))
		}
		if want := 2 + 2 + 12 + len(plain) + 16; len(c1) != want {
			t.Errorf("ciphertext length %d, want %d", len(c1), want)
		}
		if plain != "" && bytes.Contains(c1, []byte(plain)) {
			t.Error("ciphertext contains the plaintext")
		}
		got, err := k.Decrypt(c1, ad)
		if err != nil || string(got) != plain || got == nil {
			t.Errorf("Decrypt = %q (nil %v), %v; want %q", got, got == nil, err, plain)
		}
	}
}

func TestKeyringRotation(t *testing.T) {
	old := newTestKeyring(t, "k1", "k1", "k2")
	next := newTestKeyring(t, "k2", "k1", "k2")
	onlyNew := newTestKeyring(t, "k2", "k1", "k2", "k3")
	ad := []byte("r1/email")
	if old.ActiveKeyID() != "k1" || next.ActiveKeyID() != "k2" || (*privacy.Keyring)(nil).ActiveKeyID() != "" {
		t.Errorf("ActiveKeyID = %q, %q, nil ring %q; want k1, k2 and empty", old.ActiveKeyID(), next.ActiveKeyID(), (*privacy.Keyring)(nil).ActiveKeyID())
	}
	c, err := old.Encrypt([]byte("zhangsan@example.com"), ad)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := privacy.CiphertextKeyID(c); id != old.ActiveKeyID() {
		t.Errorf("Encrypt used key %q, want the active %q", id, old.ActiveKeyID())
	}
	// The next ring still reads the old ciphertext.
	if got, err := next.Decrypt(c, ad); err != nil || string(got) != "zhangsan@example.com" {
		t.Fatalf("Decrypt after rotation = %q, %v", got, err)
	}
	r, err := privacy.Reencrypt(next, next, c, ad)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := privacy.CiphertextKeyID(r); id != "k2" {
		t.Errorf("re-encrypted under %q, want k2", id)
	}
	if got, err := onlyNew.Decrypt(r, ad); err != nil || string(got) != "zhangsan@example.com" {
		t.Errorf("Decrypt re-encrypted = %q, %v", got, err)
	}
	// Already under the active key: unchanged copy.
	r2, err := privacy.Reencrypt(next, next, r, ad)
	if err != nil || !bytes.Equal(r2, r) {
		t.Errorf("Reencrypt of an active-key ciphertext changed it or failed: %v", err)
	}
	if _, err := privacy.Reencrypt(next, next, r, []byte("other")); !errors.Is(err, privacy.ErrTampered) {
		t.Errorf("Reencrypt with wrong associated data: err = %v, want ErrTampered", err)
	}
	// A ring without k1 cannot read k1 ciphertexts.
	k2only, _ := privacy.NewKeyring("k2", map[string][]byte{"k2": testKey(40)})
	_, err = k2only.Decrypt(c, ad)
	if !errors.Is(err, privacy.ErrUnknownKey) || errors.Is(err, privacy.ErrConfig) || !strings.Contains(err.Error(), `"k1"`) {
		t.Errorf("Decrypt with missing key: err = %v, want ErrUnknownKey naming k1", err)
	}
	// A ring whose k1 is a different key detects it.
	wrong, _ := privacy.NewKeyring("k1", map[string][]byte{"k1": testKey(99)})
	if _, err := wrong.Decrypt(c, ad); !errors.Is(err, privacy.ErrTampered) {
		t.Errorf("Decrypt with a different k1: err = %v, want ErrTampered", err)
	}
	// Cross-Cipher migration.
	m, err := privacy.Reencrypt(old, onlyNew, c, ad)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := onlyNew.Decrypt(m, ad); err != nil || string(got) != "zhangsan@example.com" {
		t.Errorf("Decrypt after Reencrypt = %q, %v", got, err)
	}
	if _, err := privacy.Reencrypt(nil, onlyNew, c, ad); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("Reencrypt from a nil Cipher: err = %v, want ErrConfig", err)
	}
}

func TestNewKeyringErrors(t *testing.T) {
	tests := []struct {
		name   string
		active string
		keys   map[string][]byte
		want   error
	}{
		{"nil map", "k1", nil, privacy.ErrConfig},
		{"empty map", "k1", map[string][]byte{}, privacy.ErrConfig},
		{"short key", "k1", map[string][]byte{"k1": make([]byte, 16)}, privacy.ErrConfig},
		{"long key", "k1", map[string][]byte{"k1": make([]byte, 33)}, privacy.ErrConfig},
		{"nil key", "k1", map[string][]byte{"k1": nil}, privacy.ErrConfig},
		{"empty id", "", map[string][]byte{"": testKey(1)}, privacy.ErrConfig},
		{"id with space", "k 1", map[string][]byte{"k 1": testKey(1)}, privacy.ErrConfig},
		{"id too long", strings.Repeat("k", 256), map[string][]byte{strings.Repeat("k", 256): testKey(1)}, privacy.ErrConfig},
		{"non-ascii id", "密钥", map[string][]byte{"密钥": testKey(1)}, privacy.ErrConfig},
		{"unknown active", "k9", map[string][]byte{"k1": testKey(1)}, privacy.ErrConfig},
		{"duplicate key material", "k1", map[string][]byte{"k1": testKey(1), "k2": testKey(1)}, privacy.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := privacy.NewKeyring(tt.active, tt.keys)
			if !errors.Is(err, tt.want) || k != nil {
				t.Fatalf("NewKeyring = %v, %v; want nil, %v", k, err, tt.want)
			}
			// Configuration problems never look like data problems.
			for _, data := range []error{privacy.ErrUnknownKey, privacy.ErrMalformed, privacy.ErrTampered} {
				if errors.Is(err, data) {
					t.Errorf("NewKeyring error %v wraps data error %v", err, data)
				}
			}
			for _, key := range tt.keys {
				if len(key) > 0 && strings.Contains(err.Error(), hex.EncodeToString(key)) {
					t.Errorf("error %q leaks the key", err)
				}
			}
		})
	}
}

func TestKeyringKeepsNoCallerSlice(t *testing.T) {
	key := testKey(5)
	k, err := privacy.NewKeyring("k", map[string][]byte{"k": key})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := k.Encrypt([]byte("x"), nil)
	clear(key) // the caller wipes its copy
	if got, err := k.Decrypt(c, nil); err != nil || string(got) != "x" {
		t.Errorf("Decrypt after the caller zeroed its key = %q, %v", got, err)
	}
}

// TestDecryptTruncated cuts a ciphertext at every length and flips every
// bit: nothing may decrypt or panic.
func TestDecryptTruncated(t *testing.T) {
	k := newTestKeyring(t, "k1", "k1")
	ad := []byte("ad")
	c, _ := k.Encrypt([]byte("11010519491231002X"), ad)
	for n := range len(c) {
		got, err := k.Decrypt(c[:n], ad)
		if err == nil || got != nil {
			t.Fatalf("Decrypt(c[:%d]) = %q, %v; want an error", n, got, err)
		}
		if !errors.Is(err, privacy.ErrMalformed) && !errors.Is(err, privacy.ErrTampered) {
			t.Errorf("Decrypt(c[:%d]): err = %v, want ErrMalformed or ErrTampered", n, err)
		}
		if errors.Is(err, privacy.ErrConfig) {
			t.Errorf("Decrypt(c[:%d]): data error %v wraps ErrConfig", n, err)
		}
	}
	for i := range len(c) * 8 {
		d := bytes.Clone(c)
		d[i/8] ^= 1 << (i % 8)
		if got, err := k.Decrypt(d, ad); err == nil {
			t.Fatalf("Decrypt with bit %d flipped = %q, want an error", i, got)
		}
	}
	var nilRing *privacy.Keyring
	if _, err := nilRing.Decrypt(c, ad); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("nil Keyring Decrypt: err = %v, want ErrConfig", err)
	}
	if _, err := nilRing.Encrypt(c, ad); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("nil Keyring Encrypt: err = %v, want ErrConfig", err)
	}
}

// TestKeyringNeverPrintsKeys formats a keyring every way a host might and
// checks no rendering of the key shows up.
func TestKeyringNeverPrintsKeys(t *testing.T) {
	key := testKey(0x41) // "ABCD..." as text
	k, err := privacy.NewKeyring("2026-01", map[string][]byte{"2026-01": key})
	if err != nil {
		t.Fatal(err)
	}
	type host struct {
		Ring  *privacy.Keyring
		Value privacy.Keyring
	}
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%q", "%d"} {
		outs = append(outs, fmt.Sprintf(verb, k), fmt.Sprintf(verb, *k), fmt.Sprintf(verb, host{k, *k}))
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("ring", "ring", k)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("ring", "ring", k)
	outs = append(outs, buf.String(), fmt.Sprint(k), fmt.Sprintf("%#v", k))
	for _, out := range outs {
		for _, leak := range []string{string(key), hex.EncodeToString(key), strings.ToUpper(hex.EncodeToString(key)),
			fmt.Sprint(key), fmt.Sprint(key[:8]), string(key[:8])} {
			if strings.Contains(out, leak) {
				t.Errorf("output %q leaks the key", out)
			}
		}
	}
	if !strings.Contains(buf.String(), "2026-01") {
		t.Errorf("log output %q lacks the key ID", buf.String())
	}
	if diff := cmp.Diff([]string{"2026-01"}, k.KeyIDs()); diff != "" {
		t.Errorf("KeyIDs mismatch (-want +got):\n%s", diff)
	}
}

func TestKeyringConcurrent(t *testing.T) {
	k := newTestKeyring(t, "k1", "k1", "k2")
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			ad := []byte(fmt.Sprintf("r%d", i))
			for j := range 50 {
				plain := fmt.Sprintf("1380000%04d", j)
				c, err := k.Encrypt([]byte(plain), ad)
				if err != nil {
					errs <- err
					return
				}
				got, err := k.Decrypt(c, ad)
				if err != nil || string(got) != plain {
					errs <- fmt.Errorf("round trip %q: %q, %v", plain, got, err)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
