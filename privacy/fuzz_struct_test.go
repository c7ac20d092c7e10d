package privacy_test

import (
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

// FuzzMasked fills a tagged struct with arbitrary strings: Masked must not
// panic, must leave its input alone, and must give every field what the
// single-value masker gives; Apply under a masking policy must agree too.
func FuzzMasked(f *testing.F) {
	f.Add("王小明", "13812345678", "zhangsan@example.com", "11010519491231002X", "北京市海淀区中关村大街27号", "\xff")
	f.Add("", "", "", "", "", "")
	f.Add("欧阳娜娜", "+86 10 12345678", "@", "E12345678", "广东深圳南山区", "a")
	var r privacy.Redactor
	f.Fuzz(func(t *testing.T, name, phone, email, id, addr, note string) {
		in := testCustomer{
			Name: name, Phone: phone, Email: email, IDNumber: id,
			Emails:   []string{email, note},
			Home:     testAddress{Line: addr, City: note},
			Work:     &testAddress{Line: addr},
			Contacts: []testContact{{Kind: note, Value: phone}},
			Notes:    map[string]string{note: note},
		}
		got, err := privacy.Masked(&r, in)
		if err != nil {
			t.Fatal(err)
		}
		checks := []struct{ field, got, want string }{
			{"Name", got.Name, privacy.MaskName(name)},
			{"Phone", got.Phone, privacy.MaskPhone(phone)},
			{"Email", got.Email, privacy.MaskEmail(email)},
			{"IDNumber", got.IDNumber, privacy.MaskIDNumber(id)},
			{"Emails[1]", got.Emails[1], privacy.MaskEmail(note)},
			{"Home.Line", got.Home.Line, privacy.MaskAddress(addr)},
			{"Home.City", got.Home.City, note},
			{"Work.Line", got.Work.Line, privacy.MaskAddress(addr)},
			{"Contacts[0].Value", got.Contacts[0].Value, privacy.MaskPhone(phone)},
			{"Notes[note]", got.Notes[note], privacy.MaskMiddle(note, 1, 1)},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("Masked %s = %q, want %q", c.field, c.got, c.want)
			}
		}
		if in.Name != name || in.Work.Line != addr || in.Emails[0] != email || in.Notes[note] != note {
			t.Fatal("Masked modified its input")
		}
		pol := privacy.Policy{Sensitive: privacy.ActionMask, General: privacy.ActionMask, Public: privacy.ActionKeep}
		applied, err := privacy.Apply(&r, pol, in)
		if err != nil {
			t.Fatal(err)
		}
		if applied.Phone != got.Phone || applied.Name != got.Name || applied.Home.Line != got.Home.Line {
			t.Errorf("Apply(mask all) = %+v, differs from Masked %+v", applied, got)
		}
	})
}
