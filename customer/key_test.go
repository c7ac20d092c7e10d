package customer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func ddPersonKeys(k customer.Keyer[customer.Person], p customer.Person) []customer.Key {
	return k.Keys(nil, &p)
}

func TestPersonKeys(t *testing.T) {
	const mobile = 13812345678
	tests := []struct {
		name  string
		keyer customer.Keyer[customer.Person]
		p     customer.Person
		want  []customer.Key
	}{
		{"phone plain", customer.PhoneKey(), customer.Person{Phone: "13812345678"}, []customer.Key{{Num: mobile}}},
		{"phone +86 dashes", customer.PhoneKey(), customer.Person{Phone: "+86 138-1234-5678"}, []customer.Key{{Num: mobile}}},
		{"phone full-width", customer.PhoneKey(), customer.Person{Phone: "１３８１２３４５６７８"}, []customer.Key{{Num: mobile}}},
		{"phone 0086", customer.PhoneKey(), customer.Person{Phone: "008613812345678"}, []customer.Key{{Num: mobile}}},
		{"phone landline", customer.PhoneKey(), customer.Person{Phone: "010-65551234"}, nil},
		{"phone masked", customer.PhoneKey(), customer.Person{Phone: "138****5678"}, nil},
		{"phone garbage", customer.PhoneKey(), customer.Person{Phone: "n/a"}, nil},
		{"email case", customer.EmailKey(), customer.Person{Email: " Zhang.San@Example.COM "}, []customer.Key{{Text: "zhang.san@example.com"}}},
		{"email invalid", customer.EmailKey(), customer.Person{Email: "zhang@@example.com"}, nil},
		{"id number lower x", customer.IDNumberKey(), customer.Person{IDNumber: "11010519491231002x"}, []customer.Key{{Text: "11010519491231002X"}}},
		{"id number full-width", customer.IDNumberKey(), customer.Person{IDNumber: "１１０１０５１９４９１２３１００２Ｘ"}, []customer.Key{{Text: "11010519491231002X"}}},
		{"id number bad check", customer.IDNumberKey(), customer.Person{IDNumber: "110105194912310021"}, nil},
		{"devices", customer.DeviceKey(), customer.Person{DeviceIDs: []string{" dev-1 ", "", "00000000-0000-0000-0000-000000000000", "dev-2"}},
			[]customer.Key{{Text: "dev-1"}, {Text: "dev-2"}}},
		{"phone+device", customer.PhoneDeviceKey(), customer.Person{Phone: "138 1234 5678", DeviceIDs: []string{"dev-1", "dev-2"}},
			[]customer.Key{{Num: mobile, Text: "dev-1"}, {Num: mobile, Text: "dev-2"}}},
		{"phone+device no phone", customer.PhoneDeviceKey(), customer.Person{DeviceIDs: []string{"dev-1"}}, nil},
		{"suffix+name full", customer.PhoneSuffixKey(0), customer.Person{Name: "张 伟", Phone: "13812345678"}, []customer.Key{{Num: 5678, Text: "张伟"}}},
		{"suffix+name masked", customer.PhoneSuffixKey(0), customer.Person{Name: "张伟", Phone: "138****5678"}, []customer.Key{{Num: 5678, Text: "张伟"}}},
		{"suffix+name masked +86", customer.PhoneSuffixKey(0), customer.Person{Name: "张伟", Phone: "+86 138 **** 5678"}, []customer.Key{{Num: 5678, Text: "张伟"}}},
		{"suffix+name masked x", customer.PhoneSuffixKey(0), customer.Person{Name: "张伟", Phone: "138xxxx5678"}, []customer.Key{{Num: 5678, Text: "张伟"}}},
		{"suffix masked within suffix", customer.PhoneSuffixKey(0), customer.Person{Name: "张伟", Phone: "1381234****"}, nil},
		{"suffix 6 digits", customer.PhoneSuffixKey(6), customer.Person{Name: "张伟", Phone: "13812345678"}, []customer.Key{{Num: 345678, Text: "张伟"}}},
		{"suffix 6 digits masked", customer.PhoneSuffixKey(6), customer.Person{Name: "张伟", Phone: "138****5678"}, nil},
		{"suffix no name", customer.PhoneSuffixKey(0), customer.Person{Phone: "13812345678"}, nil},
		{"suffix+city", customer.PhoneSuffixCityKey(0), customer.Person{City: " 杭州市 ", Phone: "13812345678"}, []customer.Key{{Num: 5678, Text: "杭州"}}},
		{"suffix+city latin", customer.PhoneSuffixCityKey(0), customer.Person{City: "HANGZHOU", Phone: "13812345678"}, []customer.Key{{Num: 5678, Text: "hangzhou"}}},
		{"suffix landline", customer.PhoneSuffixKey(0), customer.Person{Name: "张伟", Phone: "010-65555678"}, nil},
		{"suffix masked too few digits", customer.PhoneSuffixKey(0), customer.Person{Name: "张伟", Phone: "1*********8"}, nil},
		{"suffix masked wrong prefix", customer.PhoneSuffixKey(0), customer.Person{Name: "张伟", Phone: "128****5678"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ddPersonKeys(tt.keyer, tt.p)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Keys mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompanyKeys(t *testing.T) {
	tests := []struct {
		name  string
		keyer customer.Keyer[customer.Company]
		c     customer.Company
		want  []customer.Key
	}{
		// 91350100M000100Y43 is the GB 32100 sample code used in customer's own tests.
		{"credit code lower case", customer.CreditCodeKey(false), customer.Company{CreditCode: " 91350100m000100y43 "}, []customer.Key{{Text: "91350100M000100Y43"}}},
		{"credit code bad check", customer.CreditCodeKey(false), customer.Company{CreditCode: "91350211M0000XUF46"}, nil},
		{"credit code lenient", customer.CreditCodeKey(true), customer.Company{CreditCode: "91350211M0000XUF46"}, []customer.Key{{Text: "91350211M0000XUF46"}}},
		{"name brackets", customer.CompanyNameKey(), customer.Company{Name: "阿里巴巴（中国）有限公司"}, []customer.Key{{Text: "阿里巴巴中国有限公司"}}},
		{"name latin", customer.CompanyNameKey(), customer.Company{Name: "ACME Co., Ltd."}, []customer.Key{{Text: "acmecoltd"}}},
		{"name empty", customer.CompanyNameKey(), customer.Company{Name: " （） "}, nil},
		{"contact phones", customer.ContactPhoneKey(), customer.Company{Contacts: []customer.Contact{{Phone: "138-1234-5678"}, {Phone: "x"}}}, []customer.Key{{Num: 13812345678}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.keyer.Keys(nil, &tt.c)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Keys mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeysAppend(t *testing.T) {
	dst := []customer.Key{{Text: "kept"}}
	got := customer.EmailKey().Keys(dst, &customer.Person{Email: "a@example.com"})
	want := []customer.Key{{Text: "kept"}, {Text: "a@example.com"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Keys did not append (-want +got):\n%s", diff)
	}
	f := customer.Keyer[customer.Person]{Keys: func(dst []customer.Key, p *customer.Person) []customer.Key {
		return append(dst, customer.Key{Text: p.Occupation})
	}}
	if got := f.Keys(nil, &customer.Person{Occupation: "x"}); len(got) != 1 || got[0].Text != "x" {
		t.Errorf("host Keyer.Keys = %v", got)
	}
}

// TestPhoneSuffixKeyDigits checks that Dedup rejects suffix lengths
// outside 0..10 and accepts 10.
func TestPhoneSuffixKeyDigits(t *testing.T) {
	people := []customer.Person{{ID: "1", Name: "张伟", Phone: "13812345678"}}
	for _, k := range []customer.Keyer[customer.Person]{customer.PhoneSuffixKey(-1), customer.PhoneSuffixKey(11), customer.PhoneSuffixCityKey(11)} {
		_, err := customer.Dedup(t.Context(), people, customer.DedupOptions{Keys: []customer.Keyer[customer.Person]{k}})
		if !errors.Is(err, customer.ErrConfig) {
			t.Errorf("Dedup with %s: %v, want ErrConfig", k.Name, err)
		} else if want := "customer: invalid configuration: Keys[0]: " + k.Name + ": digits is "; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Dedup with %s: %q, want it to start %q", k.Name, err, want)
		}
	}
	for _, k := range []customer.Keyer[customer.Person]{customer.PhoneSuffixKey(10), customer.PhoneSuffixCityKey(10)} {
		if _, err := customer.Dedup(t.Context(), people, customer.DedupOptions{Keys: []customer.Keyer[customer.Person]{k}}); err != nil {
			t.Errorf("Dedup with %s(10): %v", k.Name, err)
		}
	}
}

func TestNormalizeCompanyName(t *testing.T) {
	for in, want := range map[string]string{
		"阿里巴巴(中国)有限公司":    "阿里巴巴中国有限公司",
		"阿里巴巴（中国）有限公司":    "阿里巴巴中国有限公司",
		" 杭州 某某 科技 有限公司 ": "杭州某某科技有限公司",
		"ＡＣＭＥ　Ｃｏ．，Ｌｔｄ．":   "acmecoltd",
		"股份有限公司":          "股份有限公司",
	} {
		if got := customer.NormalizeCompanyName(in); got != want {
			t.Errorf("NormalizeCompanyName(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzKey checks that every built-in key builder gives a normalised input
// the same keys as the raw one: phones through NormalizePhone, e-mail
// addresses through NormalizeEmail, ID numbers through NormalizeIDNumber,
// names through NormalizeName, cities trimmed and without a final 市,
// device IDs trimmed, credit codes through NormalizeCreditCode and company
// names through NormalizeCompanyName. It also checks that key builders do
// not panic on any input.
func FuzzKey(f *testing.F) {
	f.Add("+86 138-1234-5678", "Zhang.San@Example.COM", "11010519491231002x", "张 伟", "杭州市", " dev-1 ", "91350100m000100y43", "阿里巴巴（中国）有限公司")
	f.Add("138****5678", "a@b.cn", "１１０１０５１９４９１２３１００２Ｘ", "O'Brien, Mary", "HANGZHOU ", "0000", "91350211M0000XUF46", "ACME Co., Ltd.")
	f.Add("+86 138 **** 5678", "", "", "阿依古丽·买买提", "杭州市市", "", "", "")
	f.Add("\xff", "\xff@\xff", "\xff", "\xff", "\xff", "\xff", "\xff", "\xff")
	f.Add("０086 (138) 1234.5678", "x@例子.中国", "110105194912310021", "Ｌｉ小龙", "市", "dev", "", "（）")
	f.Fuzz(func(t *testing.T, phone, email, idn, name, city, device, code, company string) {
		raw := customer.Person{Phone: phone, Email: email, IDNumber: idn, Name: name, City: city, DeviceIDs: []string{device}}
		norm := raw
		if n, err := customer.NormalizePhone(phone); err == nil {
			norm.Phone = n
		}
		norm.Email = customer.NormalizeEmail(email)
		norm.IDNumber = customer.NormalizeIDNumber(idn)
		norm.Name = customer.NormalizeName(name)
		norm.City = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(city), "市"))
		norm.DeviceIDs = []string{strings.TrimSpace(device)}
		keyers := []customer.Keyer[customer.Person]{
			customer.PhoneKey(), customer.EmailKey(), customer.IDNumberKey(), customer.DeviceKey(), customer.PhoneDeviceKey(),
			customer.PhoneSuffixKey(0), customer.PhoneSuffixKey(6), customer.PhoneSuffixCityKey(0),
		}
		for _, k := range keyers {
			a, b := k.Keys(nil, &raw), k.Keys(nil, &norm)
			if !cmp.Equal(a, b, cmpopts.EquateEmpty()) {
				t.Fatalf("%s: raw %v, normalised %v", k.Name, a, b)
			}
		}
		rc := customer.Company{CreditCode: code, Name: company}
		nc := customer.Company{CreditCode: customer.NormalizeCreditCode(code), Name: customer.NormalizeCompanyName(company)}
		for _, k := range []customer.Keyer[customer.Company]{customer.CreditCodeKey(false), customer.CreditCodeKey(true), customer.CompanyNameKey()} {
			a, b := k.Keys(nil, &rc), k.Keys(nil, &nc)
			if !cmp.Equal(a, b, cmpopts.EquateEmpty()) {
				t.Fatalf("%s: raw %v, normalised %v", k.Name, a, b)
			}
		}
	})
}
