package privacy_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

// Expected digests were computed independently with Python's hmac module:
// hmac.new(bytes(range(32)), b"13812345678", hashlib.sha256).hexdigest().
func TestBlindIndexKnownAnswer(t *testing.T) {
	phones, err := privacy.NewBlindIndex(testKey(0), privacy.NormalizePhone)
	if err != nil {
		t.Fatal(err)
	}
	const wantPhone = "05ec8d79e8cc09ed99aa938b4d7714e3d1bafdeefa21bb9f942fb862f50cfcd2"
	for _, in := range []string{"13812345678", "+86 138-1234-5678", "0086 138 1234 5678", "8613812345678", "１３８１２３４５６７８"} {
		if got := phones.Hex(in); got != wantPhone {
			t.Errorf("phone index Hex(%q) = %s, want %s", in, got, wantPhone)
		}
	}
	emails, err := privacy.NewBlindIndex(testKey(0), privacy.NormalizeText)
	if err != nil {
		t.Fatal(err)
	}
	const wantEmail = "4880e3d3d99602dc0ae8e94ed2143f2ad3489e8fc873d9fa96fc6b3e589fab14"
	for _, in := range []string{"zhangsan@example.com", "  ZhangSan@Example.COM ", "ｚｈａｎｇｓａｎ＠ｅｘａｍｐｌｅ．ｃｏｍ"} {
		if got := emails.Hex(in); got != wantEmail {
			t.Errorf("e-mail index Hex(%q) = %s, want %s", in, got, wantEmail)
		}
	}
	if phones.Sum("13812345678") == phones.Sum("13812345679") {
		t.Error("different phones share a digest")
	}
	other, _ := privacy.NewBlindIndex(testKey(1), privacy.NormalizePhone)
	if other.Sum("13812345678") == phones.Sum("13812345678") {
		t.Error("different keys give the same digest")
	}
}

func TestDeriveKey(t *testing.T) {
	k, err := privacy.DeriveKey(testKey(0), "phone-index")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%x", k), "9a8af3a6d8d67a1cb481211d880ea115e5522f8ea24bb10f31916137b3eef591"; got != want {
		t.Errorf("DeriveKey = %s, want %s", got, want)
	}
	if _, err := privacy.DeriveKey(make([]byte, 31), "x"); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("DeriveKey(short): err = %v, want ErrConfig", err)
	}
}

func TestNormalizers(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) string
		in   string
		want string
	}{
		{"text trims and folds", privacy.NormalizeText, "  Hello\t\u3000World  ", "hello world"},
		{"text full width", privacy.NormalizeText, "ＡＢＣ１２３", "abc123"},
		{"text empty", privacy.NormalizeText, "   ", ""},
		{"phone plus 86", privacy.NormalizePhone, "+86 138-1234-5678", "13812345678"},
		{"phone 0086", privacy.NormalizePhone, "0086 13812345678", "13812345678"},
		{"phone landline kept", privacy.NormalizePhone, "010-12345678", "01012345678"},
		{"phone plus 86 landline", privacy.NormalizePhone, "+86 10 12345678", "1012345678"},
		{"phone foreign", privacy.NormalizePhone, "+1 202 555 0143", "12025550143"},
		{"phone no digits", privacy.NormalizePhone, "---", ""},
		{"email", privacy.NormalizeText, " Li@Example.com", "li@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(tt.in); got != tt.want {
				t.Errorf("normalise(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := tt.f(tt.want); again != tt.want {
				t.Errorf("normaliser not idempotent: %q → %q", tt.want, again)
			}
		})
	}
}

func TestHMACKeysChecked(t *testing.T) {
	if _, err := privacy.NewBlindIndex(make([]byte, 31), nil); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("NewBlindIndex(31 bytes): err = %v, want ErrConfig", err)
	}
	if _, err := privacy.NewBlindIndex(nil, nil); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("NewBlindIndex(nil): err = %v, want ErrConfig", err)
	}
	if _, err := privacy.NewPseudonymizer(make([]byte, 8)); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("NewPseudonymizer(8 bytes): err = %v, want ErrConfig", err)
	}
	b, _ := privacy.NewBlindIndex(testKey(0x41), nil)
	p, _ := privacy.NewPseudonymizer(testKey(0x41))
	for _, out := range []string{fmt.Sprintf("%v %+v %#v %x %s", b, b, b, b, b), fmt.Sprintf("%v %+v %#v %x", p, p, p, p),
		fmt.Sprintf("%+v %#v", *b, *p)} {
		if want := string(testKey(0x41)[:8]); containsAny(out, want, fmt.Sprintf("%x", testKey(0x41)[:8]), fmt.Sprint(testKey(0x41)[:4])) {
			t.Errorf("output %q leaks the key", out)
		}
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if sub != "" && strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// Expected pseudonyms were computed independently with Python's hmac:
// partner key = HMAC(master, "clientele/privacy/pseudonym/v1\x00" + partner),
// pseudonym = HMAC(partner key, value)[:16].hex(), master = bytes(range(100, 132)).
func TestPseudonymKnownAnswer(t *testing.T) {
	p, err := privacy.NewPseudonymizer(testKey(100))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ partner, want string }{
		{"acme", "08c877b2e1981357128714ee273fd8ad"},
		{"globex", "5bca0ee16b495c188acc2e808c8f9e07"},
	}
	for _, tt := range tests {
		if got := p.Pseudonym(tt.partner, "13812345678"); got != tt.want {
			t.Errorf("Pseudonym(%q, phone) = %s, want %s", tt.partner, got, tt.want)
		}
		if got := p.Pseudonym(tt.partner, "13812345678"); got != tt.want {
			t.Errorf("Pseudonym(%q) not stable: %s", tt.partner, got)
		}
	}
	if p.Pseudonym("acme", "13812345678") == p.Pseudonym("acme", "13812345679") {
		t.Error("two values share a pseudonym")
	}
	// Past the partners whose keys it keeps (1024), a Pseudonymizer
	// derives the key for each call: the same answers.
	for i := range 1100 {
		p.Pseudonym(fmt.Sprint("partner-", i), "x")
	}
	fresh, err := privacy.NewPseudonymizer(testKey(100))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1100 {
		fresh.Pseudonym(fmt.Sprint("other-", i), "x")
	}
	for _, tt := range tests {
		if got := fresh.Pseudonym(tt.partner, "13812345678"); got != tt.want {
			t.Errorf("Pseudonym(%q, phone) with a full cache = %s, want %s", tt.partner, got, tt.want)
		}
	}
}

// TestDigestsConcurrent computes blind indexes and pseudonyms from many
// goroutines at once (run with -race): the pooled HMAC states must give
// every caller the digest of its own value.
func TestDigestsConcurrent(t *testing.T) {
	ix, err := privacy.NewBlindIndex(testKey(0), privacy.NormalizePhone)
	if err != nil {
		t.Fatal(err)
	}
	pz, err := privacy.NewPseudonymizer(testKey(100))
	if err != nil {
		t.Fatal(err)
	}
	phone := func(i int) string { return fmt.Sprintf("138%08d", i) }
	wantIx := make([]string, 200)
	wantPz := make([]string, 200)
	for i := range wantIx {
		wantIx[i] = ix.Hex(phone(i))
		wantPz[i] = pz.Pseudonym(fmt.Sprint("partner-", i%3), phone(i))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 2000 {
				i := (k*7 + g*13) % len(wantIx)
				if got := ix.Hex(phone(i)); got != wantIx[i] {
					t.Errorf("goroutine %d: Hex(phone %d) = %s, want %s", g, i, got, wantIx[i])
					return
				}
				if got := pz.Pseudonym(fmt.Sprint("partner-", i%3), phone(i)); got != wantPz[i] {
					t.Errorf("goroutine %d: Pseudonym(phone %d) = %s, want %s", g, i, got, wantPz[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}
