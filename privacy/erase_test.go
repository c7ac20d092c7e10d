package privacy_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/privacy"
)

func TestErase(t *testing.T) {
	c := sampleCustomer()
	c.Work.Line = "广东省深圳市南山区科技园"
	work := c.Work
	rep, err := privacy.Erase(&privacy.Redactor{}, &c)
	if err != nil {
		t.Fatal(err)
	}
	want := testCustomer{
		ID: "C001", Home: testAddress{City: "北京"}, Work: work,
		Contacts: []testContact{{Kind: "mobile"}}, Notes: nil,
		Orders: 12, Since: time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC),
		secret: "unexported",
	}
	if diff := cmp.Diff(want, c, cmpCustomer); diff != "" {
		t.Errorf("Erase result mismatch (-want +got):\n%s", diff)
	}
	if *work != (testAddress{City: "深圳"}) {
		t.Errorf("Erase left %+v behind the Work pointer", *work)
	}
	wantRep := privacy.ErasureReport{
		Erased: []string{"Name", "Phone", "Email", "IDNumber", "Emails", "Home.Line", "Work.Line",
			"Contacts[0].Value", "Notes", "Birthday"},
		Kept: []string{"ID", "Home.City", "Work.City", "Contacts[0].Kind", "Orders", "Since"},
	}
	if diff := cmp.Diff(wantRep, rep); diff != "" {
		t.Errorf("Erase report mismatch (-want +got):\n%s", diff)
	}
	// Erasing again erases nothing more.
	rep, err = privacy.Erase(nil, &c)
	if err != nil || len(rep.Erased) != 0 {
		t.Errorf("second Erase = %v, %v; want nothing erased", rep.Erased, err)
	}
}

func TestEraseMapOfStructs(t *testing.T) {
	type rec struct {
		ByChannel map[string]testContact
	}
	v := rec{ByChannel: map[string]testContact{"a": {Kind: "m", Value: "13812345678"}, "b": {Kind: "w", Value: "010-12345678"}}}
	rep, err := privacy.Erase(nil, &v)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]testContact{"a": {Kind: "m"}, "b": {Kind: "w"}}, v.ByChannel); diff != "" {
		t.Errorf("Erase map mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ByChannel[].Value"}, rep.Erased); diff != "" {
		t.Errorf("Erase map report mismatch (-want +got):\n%s", diff)
	}
}

func TestEraseErrors(t *testing.T) {
	c := sampleCustomer()
	for _, v := range []any{c, (*testCustomer)(nil), nil, new(int)} {
		if _, err := privacy.Erase(nil, v); !errors.Is(err, privacy.ErrConfig) {
			t.Errorf("Erase(%T): err = %v, want ErrConfig", v, err)
		}
	}
	c.Next = &c
	if _, err := privacy.Erase(nil, &c); !errors.Is(err, privacy.ErrTooDeep) {
		t.Errorf("Erase(cycle): err = %v, want ErrTooDeep", err)
	}
}
