package customer_test

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func ddAt(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// ddMergeInputs are three records of one person. A and B share the phone
// (in two formats); C has it masked, no city and the same name, which is
// enough (0.35 + 0.5 = 0.85) to match either.
func ddMergeInputs() []customer.Person {
	return []customer.Person{
		{ID: "A", Name: "张伟", Gender: customer.Male, Phone: "13812345678", City: "杭州", Interests: []string{"tea"},
			AcquisitionChannel: "store", Source: "poster", CreatedAt: ddAt(2024, 1, 1), UpdatedAt: ddAt(2024, 2, 1),
			Attributes: map[string]string{"vip": "gold"}},
		{ID: "B", Name: "张 伟", Phone: "+86 138 1234 5678", Email: "ZW@example.com", City: "杭州市", Occupation: "engineer",
			Interests: []string{"tea", "travel"}, AcquisitionChannel: "mini_program", Source: "wechat", DeviceIDs: []string{"d1"},
			CreatedAt: ddAt(2024, 3, 1), UpdatedAt: ddAt(2024, 6, 1), Attributes: map[string]string{"vip": "silver", "level": "3"}},
		{ID: "C", Name: "张伟", Phone: "138****5678", Email: "bad@@x", IDNumber: "11010519491231002X", IncomeBand: "10k-20k",
			Interests: []string{"travel"}, CreatedAt: ddAt(2023, 6, 1), UpdatedAt: ddAt(2024, 9, 1)},
	}
}

// TestMergeDefaults works the default rules out by hand. Completeness
// (weights name 2, phone 2, gender, birth date, city, e-mail, occupation,
// income 1 each): A 6/10, B 7/10, C 6/10, so B survives, then C (updated
// later than A), then A. Newest first is C, B, A; oldest created first is
// C, A, B.
func TestMergeDefaults(t *testing.T) {
	in := ddMergeInputs()
	res, err := customer.Dedup(t.Context(), in, customer.DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := customer.Person{
		ID:                 "B",
		Name:               "张伟",                 // newest: C
		Gender:             customer.Male,        // only A knows
		IDNumber:           "11010519491231002X", // C
		City:               "杭州市",                // newest non-empty: B
		Phone:              "+86 138 1234 5678",  // valid beats masked; newest valid: B
		Email:              "ZW@example.com",     // valid beats invalid
		Occupation:         "engineer",
		IncomeBand:         "10k-20k",
		Interests:          []string{"tea", "travel"}, // union in survivor order B, C, A
		AcquisitionChannel: "store",                   // oldest: C has none, then A
		Source:             "poster",
		DeviceIDs:          []string{"d1"},
		CreatedAt:          ddAt(2023, 6, 1),
		UpdatedAt:          ddAt(2024, 9, 1),
		Attributes:         map[string]string{"vip": "silver", "level": "3"},
	}
	if diff := cmp.Diff([]customer.Person{want}, res.People); diff != "" {
		t.Errorf("merged person mismatch (-want +got):\n%s", diff)
	}
	fv := func(field string, v any, src customer.ID) customer.FieldValue {
		return customer.FieldValue{Field: field, Value: v, Source: src}
	}
	wantProv := []customer.Provenance{{
		ID:       "B",
		Absorbed: []customer.ID{"A", "C"},
		Replaced: []customer.FieldValue{
			fv("name", "张 伟", "B"),
			fv("city", "杭州", "A"),
			fv("phone", "138****5678", "C"), fv("phone", "13812345678", "A"),
			fv("email", "bad@@x", "C"),
			fv("acquisition_channel", "mini_program", "B"),
			fv("source", "wechat", "B"),
			fv("created_at", ddAt(2024, 1, 1), "A"), fv("created_at", ddAt(2024, 3, 1), "B"),
			fv("updated_at", ddAt(2024, 6, 1), "B"), fv("updated_at", ddAt(2024, 2, 1), "A"),
			fv("attributes.vip", "gold", "A"),
		},
		Repeated: []customer.FieldValue{
			fv("name", "张伟", "A"),
			fv("interests", "travel", "C"), fv("interests", "tea", "A"),
		},
	}}
	if diff := cmp.Diff(wantProv, res.Merged); diff != "" {
		t.Errorf("provenance mismatch (-want +got):\n%s", diff)
	}
	wantSurv := map[customer.ID]customer.ID{"A": "B", "B": "B", "C": "B"}
	if diff := cmp.Diff(wantSurv, res.Survivor); diff != "" {
		t.Errorf("Survivor mismatch (-want +got):\n%s", diff)
	}
	// The inputs are untouched.
	if diff := cmp.Diff(ddMergeInputs(), in); diff != "" {
		t.Errorf("Dedup modified its input (-want +got):\n%s", diff)
	}
}

func TestMergeOverrides(t *testing.T) {
	res, err := customer.Dedup(t.Context(), ddMergeInputs(), customer.DedupOptions{
		Fields: map[string]customer.MergeRule{
			"name":                customer.MergeSurvivor, // B's spelling
			"city":                customer.MergeOldest,   // C has none; A is next
			"interests":           customer.MergeNewest,   // C's list only
			"acquisition_channel": customer.MergeNewest,   // C none, then B
			"attributes":          customer.MergeOldest,   // A's vip
		},
		// The survivor is the record with the smallest ID.
		Survivor: func(a, b *customer.Person) int { return 0 },
	})
	if err != nil {
		t.Fatal(err)
	}
	got := res.People[0]
	if got.ID != "A" || got.Name != "张伟" || got.City != "杭州" || !cmp.Equal(got.Interests, []string{"travel"}) ||
		got.AcquisitionChannel != "mini_program" || got.Attributes["vip"] != "gold" || got.Attributes["level"] != "3" {
		t.Errorf("merged person = %+v", got)
	}
	// With MergeNewest on interests, A's and B's lists lost element by element.
	var lost []string
	for _, v := range res.Merged[0].Replaced {
		if v.Field == "interests" {
			lost = append(lost, fmt.Sprint(v.Value, "/", v.Source))
		}
	}
	for _, v := range res.Merged[0].Repeated {
		if v.Field == "interests" {
			lost = append(lost, fmt.Sprint(v.Value, "/", v.Source, "=")) // equal to a kept element
		}
	}
	if diff := cmp.Diff([]string{"tea/B", "tea/A", "travel/B="}, lost); diff != "" {
		t.Errorf("interests provenance (-want +got):\n%s", diff)
	}
}

func TestMergeRuleErrors(t *testing.T) {
	for _, rules := range []map[string]customer.MergeRule{
		{"nickname": customer.MergeNewest},
		{"name": customer.MergeUnion},
		{"name": customer.MergeRule(9)},
	} {
		_, err := customer.Dedup(t.Context(), ddMergeInputs(), customer.DedupOptions{Fields: rules})
		if !errors.Is(err, customer.ErrConfig) {
			t.Errorf("Dedup with rules %v: error %v, want ErrConfig", rules, err)
		}
	}
}

func TestMergeCompanies(t *testing.T) {
	const code = "91350100M000100Y43"
	in := []customer.Company{
		{ID: "C1", Name: "福州某某科技有限公司", CreditCode: code, Employees: -5, Revenue: decimal.RequireFromString("-1"),
			Contacts: []customer.Contact{{Name: "李娜", Phone: "13912345678"}}, Products: []string{"ERP"}, UpdatedAt: ddAt(2025, 1, 1)},
		{ID: "C2", Name: "福州某某科技有限公司", CreditCode: strings.ToLower(code), Employees: 120, Revenue: decimal.RequireFromString("3000000"),
			Contacts: []customer.Contact{{Name: "李娜", Phone: "13912345678"}, {Name: "王强", Email: "wq@example.com"}},
			Products: []string{"CRM", "ERP"}, UpdatedAt: ddAt(2024, 1, 1)},
		{ID: "C3", Name: "另一家公司", CreditCode: "9135020026015919XW"},
	}
	res, err := customer.DedupCompanies(t.Context(), in, customer.CompanyDedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Companies) != 2 || res.Survivor["C1"] != res.Survivor["C2"] || res.Survivor["C3"] != "C3" {
		t.Fatalf("clusters: %v", res.Survivor)
	}
	got := res.Companies[0]
	// Both are 8/11 complete (name, credit code and contacts 2 each,
	// employees and revenue 1 each: negative numbers count as filled) and
	// C1 was updated later, so C1 survives. Positive counts and amounts
	// beat negative ones, and the strictly valid code beats the lower-case
	// one.
	if got.ID != "C1" || got.Employees != 120 || !got.Revenue.Equal(decimal.RequireFromString("3000000")) || got.CreditCode != code {
		t.Errorf("merged company = %v, employees %d, revenue %v", got, got.Employees, got.Revenue)
	}
	wantContacts := []customer.Contact{{Name: "李娜", Phone: "13912345678"}, {Name: "王强", Email: "wq@example.com"}}
	if diff := cmp.Diff(wantContacts, got.Contacts); diff != "" {
		t.Errorf("contacts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ERP", "CRM"}, got.Products); diff != "" {
		t.Errorf("products (-want +got):\n%s", diff)
	}
}

func TestFieldValueMasked(t *testing.T) {
	tests := []struct {
		v    customer.FieldValue
		want string
	}{
		{customer.FieldValue{Field: "phone", Value: "13812345678", Source: "A"}, "phone 138****5678 (from A)"},
		{customer.FieldValue{Field: "email", Value: "zhangsan@example.com", Source: "A"}, "email z***@example.com (from A)"},
		{customer.FieldValue{Field: "id_number", Value: "11010519491231002X", Source: "A"}, "id_number 1101**********002X (from A)"},
		{customer.FieldValue{Field: "name", Value: "张三", Source: "A"}, "name 张* (from A)"},
		{customer.FieldValue{Field: "birth_date", Value: ddDate(1990, 5, 6), Source: "A"}, "birth_date 1990 (from A)"},
		{customer.FieldValue{Field: "city", Value: "杭州", Source: "A"}, "city 杭州 (from A)"},
		{customer.FieldValue{Field: "gender", Value: customer.Female, Source: "A"}, "gender female (from A)"},
		{customer.FieldValue{Field: "employees", Value: 12, Source: "A"}, "employees 12 (from A)"},
		{customer.FieldValue{Field: "contacts", Value: customer.Contact{Name: "张三", Phone: "13812345678"}, Source: "A"},
			"contacts Contact{Name:张* Phone:138****5678} (from A)"},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
		if got := fmt.Sprintf("%v|%+v|%#v", tt.v, tt.v, tt.v); strings.Contains(got, "13812345678") || strings.Contains(got, "zhangsan@") {
			t.Errorf("formatted value leaks: %s", got)
		}
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("x", "v", customer.FieldValue{Field: "phone", Value: "13812345678", Source: "A"})
	if strings.Contains(b.String(), "13812345678") || !strings.Contains(b.String(), "138****5678") {
		t.Errorf("log line: %s", b.String())
	}
}
