package customer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
)

// Real published codes (company registrations). Their check characters
// were recomputed independently of this package.
var realCreditCodes = []string{
	"914403001922038216", // 华为技术有限公司
	"91110108795101314G", // 谷歌信息技术（中国）有限公司
	"9135010557098120XJ", // 福建百度博瑞网络科技有限公司
	"91120222MA06DG3067", // 天津云上畅游科技合伙企业（有限合伙）
	"91310000MA1K35Y38P", // 锤子科贸（上海）有限公司
	"91330000704202479R", // 浙江小王子食品有限公司
	"9135020026015919XW", // 厦门象屿集团有限公司
	"913502006120495420", // 厦门中骏集团有限公司
	"91350100M000100Y43", // sample code published with pilot-region notes
}

// Codes from the early pilot regions that fail the mod-31 check but pass
// the organisation-code check.
var pilotCreditCodes = []string{
	"91350211M0000XUF46", // 厦门云上晴空航空科技有限公司: computed check R
	"91350100M0001TGQXM", // 福建恒跃柳工机械销售有限公司: computed check 1
	"91350203M0001FUE2P", // 厦门黑脉网络科技有限公司: computed check J
}

func TestValidateCreditCodeReal(t *testing.T) {
	for _, code := range realCreditCodes {
		if err := validateCreditCode(code); err != nil {
			t.Errorf("ParseCreditCode(%s) = %v, want nil", code, err)
		}
	}
	for _, code := range pilotCreditCodes {
		err := validateCreditCode(code)
		if !errors.Is(err, customer.ErrCheckCharacter) {
			t.Errorf("strict ParseCreditCode(%s) = %v, want ErrCheckCharacter", code, err)
		}
		cc, err := customer.ParseCreditCode(code, true)
		if err != nil || !cc.CheckMismatch {
			t.Errorf("lenient ParseCreditCode(%s) = %+v, %v; want accepted with CheckMismatch", code, cc, err)
		}
	}
}

func TestParseCreditCodeParts(t *testing.T) {
	// Synthetic code built by hand: authority 9, type 1, division 110105,
	// organisation body 12345678 → GB 11714 check 8, GB 32100 check 3.
	cc, err := customer.ParseCreditCode("911101051234567883", false)
	if err != nil {
		t.Fatal(err)
	}
	if cc.Authority != '9' || cc.Type != '1' || cc.Division != "110105" || cc.Organization != "123456788" ||
		cc.AuthorityName != "工商" || cc.TypeName != "企业" || cc.Province != "北京" || cc.CheckMismatch {
		t.Fatalf("ParseCreditCode parts = %+v", cc)
	}
}

// TestCreditCodeAuthorities checks table 1 and 2 of GB 32100-2015 and the
// codes assigned since, on synthetic codes built on the hand-made body
// 110105/123456788 (organisation check 8); the final characters were
// computed by hand with the mod-31 weights 3^(i-1).
func TestCreditCodeAuthorities(t *testing.T) {
	known := []struct{ code, authority, typ string }{
		{"911101051234567883", "工商", "企业"},
		{"311101051234567889", "司法行政", "律师执业机构"},
		{"81440300123456788N", "工会", "基层工会"},
		{"N2110105123456788J", "农业", "村级集体经济组织"},
		{"A11101051234567882", "中央军委改革和编制办公室", "军队事业单位"},
	}
	for _, tt := range known {
		cc, err := customer.ParseCreditCode(tt.code, false)
		if err != nil || cc.AuthorityName != tt.authority || cc.TypeName != tt.typ {
			t.Errorf("ParseCreditCode(%s) = %q %q, %v; want %q %q", tt.code, cc.AuthorityName, cc.TypeName, err, tt.authority, tt.typ)
		}
	}
	unknown := []string{
		"B11101051234567881", // no authority B
		"94110105123456788R", // 工商 has types 1-3 only
		"54110105123456788X", // 民政 has 1, 2, 3 and 9
		"Y2110105123456788A", // 其他 has type 1 only
	}
	for _, code := range unknown {
		for _, lenient := range []bool{false, true} {
			_, err := customer.ParseCreditCode(code, lenient)
			if !errors.Is(err, customer.ErrInvalidCreditCode) || !errors.Is(err, customer.ErrInvalidValue) {
				t.Errorf("ParseCreditCode(%s, %v) = %v, want an unknown code", code, lenient, err)
			}
		}
	}
}

func TestValidateCreditCodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		reason error
	}{
		{"empty", "", customer.ErrEmpty},
		{"17 characters", "91440300192203821", customer.ErrLength},
		{"lower case", "91110108795101314g", customer.ErrCharacter},
		{"letter I not in alphabet", "9111010879510131IG", customer.ErrCharacter},
		{"full width", "９１４４０３００１９２２０３８２１６", customer.ErrCharacter},
		{"wrong check character", "914403001922038217", customer.ErrCheckCharacter},
		{"organisation check broken", "914403001922038226", customer.ErrOrganizationCode},
		{"letter in division", "91A403001922038216", customer.ErrCharacter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validateCreditCode(tt.in)
			if !errors.Is(err, customer.ErrInvalidCreditCode) || !errors.Is(err, tt.reason) {
				t.Fatalf("ParseCreditCode(%q) = %v, want %v", tt.in, err, tt.reason)
			}
		})
	}
	// Lenient mode does not relax anything but the final check character.
	if _, err := customer.ParseCreditCode("914403001922038226", true); !errors.Is(err, customer.ErrOrganizationCode) {
		t.Fatalf("lenient accepted a broken organisation code: %v", err)
	}
}

func TestNormalizeCreditCode(t *testing.T) {
	if got := customer.NormalizeCreditCode(" ９１１１０１０８７９５１０１３１４ｇ "); got != "91110108795101314G" {
		t.Fatalf("NormalizeCreditCode = %q", got)
	}
}

func FuzzParseCreditCode(f *testing.F) {
	for _, s := range append(append([]string{"", "911101051234567883", "91110108795101314g", "311101051234567889", "B11101051234567881", "94110105123456788R"}, realCreditCodes...), pilotCreditCodes...) {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, lenient bool) {
		cc, err := customer.ParseCreditCode(s, lenient)
		if err != nil {
			if !errors.Is(err, customer.ErrInvalidCreditCode) {
				t.Fatalf("error %v does not wrap ErrInvalidCreditCode", err)
			}
			return
		}
		if cc.Code != s || len(s) != 18 || strings.ContainsAny(s, "IOSVZ") || s != strings.ToUpper(s) {
			t.Fatalf("accepted %q as %+v", s, cc)
		}
		if cc.CheckMismatch != (validateCreditCode(s) != nil) {
			t.Fatalf("CheckMismatch = %v disagrees with strict validation of %q", cc.CheckMismatch, s)
		}
	})
}

// validateCreditCode is strict ParseCreditCode without the parts.
func validateCreditCode(s string) error {
	_, err := customer.ParseCreditCode(s, false)
	return err
}
