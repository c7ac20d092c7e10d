package segment_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var asOf = time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// fixturePerson is a 27-year-old woman in 杭州 (新一线, 浙江, 华东, 南方)
// with four purchases, 250 yuan AOV, 3 of 4 online, 2 discounted.
func fixturePerson() segment.Member {
	p := &customer.Person{
		ID: "P1", Gender: customer.Female, BirthDate: time.Date(1998, 7, 1, 0, 0, 0, 0, time.UTC),
		City: "杭州市", IncomeBand: "10k-20k", Occupation: "Engineer",
	}
	s := &customer.Summary{
		CustomerID: "P1", AsOf: asOf, Orders: 4, Net: dec("1000"), Gross: dec("1000"), AvgOrderValue: dec("250.00"),
		First: asOf.AddDate(-1, 0, 0), Last: asOf.AddDate(0, 0, -10), RecentOrders: 3, PurchasesPerMonth: 1.5,
		Discounted: 2, Online: 3, Offline: 1,
		Categories: []customer.CategoryStat{{Category: "apparel", Orders: 2, Spend: dec("600")}, {Category: "books", Orders: 2, Spend: dec("400")}},
		Channels:   []customer.ChannelStat{{Channel: customer.ChannelOnline, Orders: 3, Spend: dec("800")}, {Channel: customer.ChannelOffline, Orders: 1, Spend: dec("200")}},
	}
	return segment.Member{
		Profile: tagging.Profile{Person: p, Summary: s, AsOf: asOf},
		Tags:    tagging.SetOf(tagging.Tag{Group: "need", Value: "quality"}, tagging.Tag{Group: "spend", Value: "mid"}),
		RFM:     &rfm.Scores{R: 5, F: 3, M: 4},
	}
}

// fixtureCompany is a 26-year-old manufacturer in 苏州 with 6,000
// employees, 500 million yuan revenue and a 120-day decision cycle, and no
// orders.
func fixtureCompany() segment.Member {
	c := &customer.Company{
		ID: "C1", Industry: "制造业", Employees: 6000, Revenue: dec("500000000"),
		Founded: time.Date(2000, 3, 1, 0, 0, 0, 0, time.UTC), City: "苏州", Province: "江苏省", DecisionCycleDays: 120,
	}
	return segment.Member{Profile: tagging.Profile{Company: c, AsOf: asOf}}
}

func TestConditionMatch(t *testing.T) {
	person, company := fixturePerson(), fixtureCompany()
	tests := []struct {
		cond            string
		person, company bool
	}{
		{"age = 27", true, false},
		{"age between 18 and 27", true, false},
		{"age between 28 and 30", false, false},
		{"age < 27", false, false},
		{"age != 30", true, false}, // unknown for the company: false whatever the operator
		{"age>=18", true, false},
		{"gender = 女", true, false},
		{"gender in male", false, false},
		{"gender != male", true, false},
		{"gender = 女性", true, false},
		{"gender in 男性", false, false},
		{"income = 10K-20K", true, false},
		{"occupation in engineer, teacher", true, false},
		{"occupation not in engineer", false, false},
		{"city = 杭州", true, false},
		{"city in 苏州市，杭州", true, true},
		{"tier = 新一线", true, true},
		{"tier in 一线, 二线", false, false},
		{"tier not in 一线", true, true},
		{"province = 浙江省", true, false},
		{"province = 32", false, true},
		{"region = 华东", true, true},
		{"side = 南方", true, true},
		{"industry = 工业", false, true},  // 制造业's NBS row
		{"industry = 制造业", false, true}, // as written
		{"industry = 金融业", false, false},
		{"company_age >= 26", false, true},
		{"employees >= 5000", false, true},
		{"revenue between 400000000 and 500000000", false, true},
		{"size = 大型", false, true},
		{"decision_cycle > 90", false, true},
		{"orders = 4", true, false},
		{"orders = 0", false, true}, // no summary: no purchases
		{"frequency >= 1.5", true, false},
		{"recency <= 10", true, false},
		{"recency < 10", false, false},
		{"aov = 250", true, false},
		{"aov >= 250.0001", false, false},
		{"aov between 100 and 500", true, false},
		{"spend >= 1000", true, false},
		{"spend = 0", false, true},
		{"online_share >= 75%", true, false},
		{"online_share > 0.75", false, false},
		{"offline_share = 0.25", true, false},
		{"discount_share >= 0.5", true, false},
		{"repeat_rate = 0.75", true, false},
		{"category = apparel", true, false},
		{"category = books", false, false},
		{"channel = online", true, false},
		{"r = 5", true, false},
		{"m between 3 and 4", true, false},
		{"tag = need=quality", true, false},
		{"tag in spend=high, spend=mid", true, false},
		{"tag != need=quality", false, true}, // tags' absence is known
		{"tag not in lifecycle=churned", true, true},
	}
	for _, tt := range tests {
		c, err := segment.ParseCondition(tt.cond)
		if err != nil {
			t.Errorf("ParseCondition(%q): %v", tt.cond, err)
			continue
		}
		if got := c.Match(&person); got != tt.person {
			t.Errorf("%q on the person = %v, want %v", tt.cond, got, tt.person)
		}
		if got := c.Match(&company); got != tt.company {
			t.Errorf("%q on the company = %v, want %v", tt.cond, got, tt.company)
		}
	}
}

func TestConditionMissingData(t *testing.T) {
	// A person without birth date, city or summary: every condition on
	// those is false, both ways.
	m := segment.Member{Profile: tagging.Profile{Person: &customer.Person{ID: "P2", City: "火星"}, AsOf: asOf}}
	for _, cond := range []string{
		"age < 200", "age >= 0", "tier in 一线, 新一线, 二线, 三线, 四线, 五线", "tier != 一线",
		"region != 华北", "aov >= 0", "aov < 0", "online_share >= 0", "recency >= 0", "category != x",
		"r >= 1", "size != 大型", "employees >= 0", "gender != male",
	} {
		c, err := segment.ParseCondition(cond)
		if err != nil {
			t.Fatal(err)
		}
		if c.Match(&m) {
			t.Errorf("%q matched a member without the data", cond)
		}
	}
	// An unranked city still compares by name, without 市.
	c, _ := segment.ParseCondition("city = 火星市")
	if !c.Match(&m) {
		t.Error("city = 火星市 did not match 火星")
	}
	// Revenue without employees: the size class comes from revenue alone.
	co := segment.Member{Profile: tagging.Profile{Company: &customer.Company{ID: "C2", Industry: "零售业", Revenue: dec("300000000")}, AsOf: asOf}}
	c, _ = segment.ParseCondition("size = 大型")
	if !c.Match(&co) {
		t.Error("a retailer with 300 million yuan revenue and unknown headcount is not 大型")
	}
	// An industry outside the NBS table falls to 其他未列明行业.
	co.Company.Industry = "金融业"
	c, _ = segment.ParseCondition("industry = 其他未列明行业")
	if !c.Match(&co) {
		t.Error("金融业 did not fall to 其他未列明行业")
	}
}

func TestParseConditionCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  AGE   between 18 AND 30 ", "age between 18 and 30"},
		{"online_share>=60%", "online_share >= 0.6"},
		{"tier in 二线、一线, tier1", "tier in 一线, 二线"},
		{"gender = 男", "gender = male"},
		{"city in 杭州市, 火星市", "city in 杭州, 火星"},
		{"province = 33", "province = 浙江"},
		{"aov between 99.90 and 500.0000", "aov between 99.9 and 500"},
		{"side in north", "side in 北方"},
		{"tag = need = quality", "tag = need=quality"},
		{"size not in large, 微型", "size not in 大型, 微型"},
	}
	for _, tt := range tests {
		c, err := segment.ParseCondition(tt.in)
		if err != nil {
			t.Errorf("ParseCondition(%q): %v", tt.in, err)
			continue
		}
		if got := c.String(); got != tt.want {
			t.Errorf("ParseCondition(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseConditionErrors(t *testing.T) {
	for _, in := range []string{
		"", "   ", "age", "agee >= 3", "age ~ 3", "age >= ", "age >= x", "age >= NaN", "age >= Inf",
		"age >= 0x10", "age in 1, 2", "age between 3", "age between 30 and 18", "aov >= 1e3",
		"aov >= 0.00001", "aov >= 12abc", "tier >= 一线", "tier = 七线", "tier = 一线, 二线",
		"tier in 一线,,二线", "tier in 一线,", "region = 华夏", "province = 火星", "gender = x",
		"tag = quality", "tag = =x", "tag in need=, spend=mid", "city = 市", "income in ",
		"size = huge", "side = east", "tier inside",
	} {
		_, err := segment.ParseCondition(in)
		if err == nil {
			t.Errorf("ParseCondition(%q) succeeded", in)
			continue
		}
		var ce *segment.ConditionError
		if !errors.Is(err, segment.ErrConfig) || !errors.As(err, &ce) || ce.Text != in {
			t.Errorf("ParseCondition(%q) = %v; want a *ConditionError wrapping ErrConfig", in, err)
		}
	}
}

func TestConditionDimensions(t *testing.T) {
	tests := []struct {
		cond string
		want []string
	}{
		{"age > 3", []string{"demographics"}},
		{"tier = 一线", []string{"geography"}},
		{"size = 大型", []string{"firmographics"}},
		{"aov > 3", []string{"behaviour"}},
		{"tag in need=quality, lifestyle=outdoor", []string{"psychographics"}},
		{"tag in need=quality, spend=high", []string{"behaviour", "psychographics"}},
	}
	for _, tt := range tests {
		c, err := segment.ParseCondition(tt.cond)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, c.Dimensions()); diff != "" {
			t.Errorf("%q dimensions mismatch (-want +got):\n%s", tt.cond, diff)
		}
	}
}

// TestTagDimension checks the exported rule that TestConditionDimensions
// relies on: tagging's behavioural groups are behaviour, every other
// group psychographics.
func TestTagDimension(t *testing.T) {
	for group, want := range map[string]string{
		"spend": "behaviour", "activity": "behaviour", "lifecycle": "behaviour", "category": "behaviour",
		"channel": "behaviour", "loyalty": "behaviour", "decision-cycle": "behaviour",
		"need": "psychographics", "lifestyle": "psychographics", "": "psychographics", "Spend": "psychographics",
	} {
		if got := segment.TagDimension(group); got != want {
			t.Errorf("TagDimension(%q) = %q, want %q", group, got, want)
		}
	}
}

// FuzzParseCondition checks that parsing never panics, that the canonical
// form parses back to the same condition, and that a parsed condition
// evaluates on members with and without data without panicking, with
// negation consistent on members that have the value.
func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{
		"age between 18 and 30", "tier in 一线, 新一线", "online_share >= 60%", "aov between 200 and 2000",
		"tag = need=price-sensitive", "industry in 工业, 软件和信息技术服务业", "city in 杭州市，苏州",
		"gender != 男", "province = 33", "revenue > 1.5", "size not in 大型", "r = 5", "age>=1e2",
		"tag not in a=b、c=d", "spend <= -3.25", "frequency < 0.5%", "", "in in in", "between between and and",
	} {
		f.Add(s)
	}
	person, company := fixturePerson(), fixtureCompany()
	empty := segment.Member{Profile: tagging.Profile{Person: &customer.Person{ID: "x"}, AsOf: asOf}}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := segment.ParseCondition(s)
		if err != nil {
			if !errors.Is(err, segment.ErrConfig) {
				t.Fatalf("error %v does not wrap ErrConfig", err)
			}
			return
		}
		text := c.String()
		c2, err := segment.ParseCondition(text)
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", text, s, err)
		}
		if text2 := c2.String(); text2 != text {
			t.Fatalf("canonical form not stable: %q -> %q -> %q", s, text, text2)
		}
		for _, m := range []*segment.Member{&person, &company, &empty} {
			if c.Match(m) != c2.Match(m) {
				t.Fatalf("%q and its canonical form %q disagree", s, text)
			}
		}
		if len(c.Dimensions()) == 0 || slices.Contains(c.Dimensions(), "") {
			t.Fatalf("%q has no dimension", s)
		}
	})
}

// TestConditionMatchExactAmounts checks money conditions on values that
// do not fit money units: an average order value of 100/3 (more than
// four decimal places, as customer.Summarize gives for 100 yuan over
// three orders) and a revenue beyond int64 ten-thousandths of a yuan.
// They compare exactly: 33.333… is above 33.3333 and below 33.3334.
func TestConditionMatchExactAmounts(t *testing.T) {
	aov := decimal.NewFromInt(100).DivRound(decimal.NewFromInt(3), 16) // 33.3333333333333333
	person := fixturePerson()
	person.Summary.AvgOrderValue = aov
	company := fixtureCompany()
	company.Company.Revenue = dec("1000000000000000.5") // 1e15 yuan: 1e19 units, beyond int64
	tests := []struct {
		cond   string
		member *segment.Member
		want   bool
	}{
		{"aov = 33.3333", &person, false},
		{"aov != 33.3333", &person, true},
		{"aov > 33.3333", &person, true},
		{"aov >= 33.3333", &person, true},
		{"aov < 33.3334", &person, true},
		{"aov <= 33.3333", &person, false},
		{"aov between 33.3333 and 33.3334", &person, true},
		{"aov between 33.3334 and 40", &person, false},
		{"aov between 30 and 33.3333", &person, false},
		// Bounds themselves must fit units (up to about 9.2e14 yuan).
		{"revenue > 900000000000000", &company, true},
		{"revenue <= 900000000000000", &company, false},
		{"revenue = 900000000000000", &company, false},
		{"revenue between 0 and 900000000000000", &company, false},
	}
	for _, tt := range tests {
		c, err := segment.ParseCondition(tt.cond)
		if err != nil {
			t.Errorf("ParseCondition(%q): %v", tt.cond, err)
			continue
		}
		if got := c.Match(tt.member); got != tt.want {
			t.Errorf("%q = %v, want %v", tt.cond, got, tt.want)
		}
	}
}
