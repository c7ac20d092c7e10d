package privacy_test

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/privacy"
)

func TestZeroLevelAndAction(t *testing.T) {
	if privacy.Level(0) != privacy.Sensitive || privacy.Action(0) != privacy.ActionDrop {
		t.Error("zero Level/Action must be the most protective")
	}
}

// Pseudonyms below were computed independently with Python's hmac (see
// TestPseudonymKnownAnswer for the construction), partner "acme".
func TestApplyPolicy(t *testing.T) {
	pz, err := privacy.NewPseudonymizer(testKey(100))
	if err != nil {
		t.Fatal(err)
	}
	pol := privacy.Policy{
		Purpose: "partner-export", Public: privacy.ActionKeep, General: privacy.ActionMask,
		Sensitive: privacy.ActionPseudonymize, Pseudonyms: pz, Partner: "acme",
	}
	var r privacy.Redactor
	in := sampleCustomer()
	got, err := privacy.Apply(&r, pol, in)
	if err != nil {
		t.Fatal(err)
	}
	want := sampleCustomer()
	want.Name = "王**"                                         // general: masked
	want.Email = "z***@example.com"                           // general: masked
	want.Phone = "08c877b2e1981357128714ee273fd8ad"           // sensitive: pseudonym
	want.IDNumber = "bf865e49a98dcef73228aa7c21507bd7"        // sensitive: pseudonym
	want.Emails[0] = "ee6a2128bc7e68459b8a6c582f404621"       // untagged = sensitive
	want.Emails[1] = pz.Pseudonym("acme", "wang@example.com") //
	want.Home.Line = "0c9436e9aa24d8b9deef3ef3d3084fda"       // untagged inside a struct = sensitive
	want.Work = &testAddress{Line: pz.Pseudonym("acme", "广东省深圳市南山区科技园"), City: "深圳"}
	// Contacts is tagged public, but its untagged Value stays sensitive.
	want.Contacts = []testContact{{Kind: "mobile", Value: pz.Pseudonym("acme", "13987654321")}}
	want.Notes = map[string]string{"vip": pz.Pseudonym("acme", "likes tea")}
	want.Birthday = time.Time{} // sensitive non-string: dropped
	if diff := cmp.Diff(want, got, cmpCustomer); diff != "" {
		t.Errorf("Apply mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sampleCustomer(), in, cmpCustomer); diff != "" {
		t.Errorf("Apply modified its input (-want +got):\n%s", diff)
	}

	// The zero policy drops everything exported.
	dropped, err := privacy.Apply(&r, privacy.Policy{}, in)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(testCustomer{Work: &testAddress{}, Contacts: []testContact{{}}, secret: "unexported"}, dropped, cmpCustomer); diff != "" {
		t.Errorf("Apply(zero policy) mismatch (-want +got):\n%s", diff)
	}
}

func TestApplyPolicyErrors(t *testing.T) {
	var r privacy.Redactor
	_, err := privacy.Apply(&r, privacy.Policy{Sensitive: privacy.ActionPseudonymize}, sampleCustomer())
	if !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("Apply without pseudonymizer: err = %v, want ErrConfig", err)
	}
	_, err = privacy.Apply(&r, privacy.Policy{Public: privacy.Action(9)}, sampleCustomer())
	if !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("Apply with a bad action: err = %v, want ErrConfig", err)
	}
}

type exportRow struct {
	ID      string    `json:"id" sensitivity:"public"`
	Name    string    `json:"name" mask:"name" sensitivity:"general"`
	Phone   string    `json:"phone" mask:"phone"`
	Orders  int       `json:"orders" sensitivity:"public"`
	Spent   float64   `json:"spent" sensitivity:"public"`
	VIP     bool      `json:"vip" sensitivity:"general"`
	Since   time.Time `json:"since" sensitivity:"public"`
	Address struct {
		Province string `json:"province" sensitivity:"public"`
		Line     string `json:"line" mask:"address"`
	} `json:"address"`
}

func TestFieldsAndColumns(t *testing.T) {
	var r privacy.Redactor
	row := exportRow{ID: "C001", Name: "王小明", Phone: "13812345678", Orders: 3, Spent: 99.5, VIP: true,
		Since: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	row.Address.Province = "北京"
	row.Address.Line = "北京市海淀区中关村大街27号"
	pol := privacy.Policy{Public: privacy.ActionKeep, General: privacy.ActionMask, Sensitive: privacy.ActionMask}
	got, err := r.Fields(pol, &row)
	if err != nil {
		t.Fatal(err)
	}
	// VIP is a general non-string under ActionMask: dropped.
	want := []privacy.Field{
		{"id", "C001"}, {"name", "王**"}, {"phone", "138****5678"}, {"orders", "3"}, {"spent", "99.5"},
		{"since", "2024-01-02T03:04:05Z"}, {"address.province", "北京"}, {"address.line", "北京市**区****"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Fields mismatch (-want +got):\n%s", diff)
	}
	cols, err := r.Columns(pol, (*exportRow)(nil))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"id", "name", "phone", "orders", "spent", "since", "address.province", "address.line"}, cols); diff != "" {
		t.Errorf("Columns mismatch (-want +got):\n%s", diff)
	}
	if row.Phone != "13812345678" {
		t.Error("Fields modified its input")
	}
	if _, err := r.Fields(pol, (*exportRow)(nil)); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("Fields(nil pointer): err = %v, want ErrConfig", err)
	}
	if _, err := r.Fields(pol, 42); !errors.Is(err, privacy.ErrConfig) {
		t.Errorf("Fields(int): err = %v, want ErrConfig", err)
	}
}

// failingText is a TextMarshaler that fails, for Fields' error path.
type failingText struct{}

func (failingText) MarshalText() ([]byte, error) { return nil, errors.New("no text") }

// TestFieldsValueKinds checks how Fields writes each kind of public
// value: unsigned and narrow numbers with strconv, float32 at its own
// precision (0.1, not 0.10000000149011612), nil pointers as "", a pointer
// as its target, a TextMarshaler (netip.Addr) by its text, a slice with
// %v, and a failing
// TextMarshaler as an error that names the field.
func TestFieldsValueKinds(t *testing.T) {
	type kinds struct {
		U    uint8      `json:"u" sensitivity:"public"`
		I    int16      `json:"i" sensitivity:"public"`
		F    float32    `json:"f" sensitivity:"public"`
		B    bool       `json:"b" sensitivity:"public"`
		Nil  *string    `json:"nil" sensitivity:"public"`
		Ptr  *int       `json:"ptr" sensitivity:"public"`
		Addr netip.Addr `json:"addr" sensitivity:"public"`
		Tags []string   `json:"tags" sensitivity:"public"`
	}
	seven := 7
	var r privacy.Redactor
	pol := privacy.Policy{Public: privacy.ActionKeep}
	got, err := r.Fields(pol, kinds{U: 255, I: -3, F: 0.1, B: true, Ptr: &seven, Addr: netip.MustParseAddr("2001:db8::1"), Tags: []string{"a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []privacy.Field{
		{"u", "255"}, {"i", "-3"}, {"f", "0.1"}, {"b", "true"}, {"nil", ""}, {"ptr", "7"}, {"addr", "2001:db8::1"}, {"tags", "[a b]"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Fields mismatch (-want +got):\n%s", diff)
	}
	type bad struct {
		T failingText `json:"t" sensitivity:"public"`
	}
	if _, err := r.Fields(pol, bad{}); err == nil || !strings.Contains(err.Error(), "field T") || !strings.Contains(err.Error(), "no text") {
		t.Errorf("Fields with a failing MarshalText: err = %v, want it to name field T and wrap the cause", err)
	}
}
