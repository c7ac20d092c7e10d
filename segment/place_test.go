package segment_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

func TestLocateCity(t *testing.T) {
	tests := []struct {
		city string
		tier string // "" when unknown
		rank int
	}{
		{"上海", "一线", 1},
		{"杭州", "新一线", 2},
		{"杭州市", "新一线", 2},
		{" 佛山市 ", "新一线", 2},
		{"无锡", "二线", 3}, // dropped out of 新一线 in 2025
		{"潍坊", "二线", 3},
		{"恩施", "四线", 5},
		{"恩施土家族苗族自治州", "四线", 5},
		{"延边朝鲜族自治州", "五线", 6},
		{"锡林郭勒盟", "五线", 6},
		{"大兴安岭地区", "五线", 6},
		{"香港", "", 0},
		{"火星", "", 0},
		{"", "", 0},
		{"\xff", "", 0},
	}
	for _, tt := range tests {
		p := segment.Locate(tt.city, "")
		if p.Tier != tt.tier || p.TierRank != tt.rank || (p.City != "") != (tt.tier != "") {
			t.Errorf("Locate(%q) = %+v; want tier %q (%d)", tt.city, p, tt.tier, tt.rank)
		}
	}
	if p := segment.Locate("海南", ""); p.Province != "青海" {
		t.Errorf("Locate(海南).Province = %q; the ranking's 海南 is 青海's prefecture", p.Province)
	}
}

func TestLocateProvince(t *testing.T) {
	tests := []struct {
		province string
		region   string
		side     string
	}{
		{"浙江", "华东", "南方"},
		{"浙江省", "华东", "南方"},
		{"33", "华东", "南方"},
		{"内蒙古自治区", "华北", "北方"},
		{"广西壮族自治区", "华南", "南方"},
		{"山东", "华东", "北方"},
		{"江苏", "华东", "南方"},
		{"河南", "华中", "北方"},
		{"陕西", "西北", "北方"},
		{"四川", "西南", "南方"},
		{"黑龙江省", "东北", "北方"},
		{"北京市", "华北", "北方"},
		{"香港", "华南", "南方"},
	}
	for _, tt := range tests {
		p := segment.Locate("", tt.province)
		if p.Region != tt.region || p.Side != tt.side {
			t.Errorf("%s: region %q, side %q; want %q, %q", tt.province, p.Region, p.Side, tt.region, tt.side)
		}
	}
	if p := segment.Locate("", "火星省"); p.Region != "" || p.Province != "" {
		t.Errorf("unknown province located: %+v", p)
	}
	// The record's province wins over the city's; an unknown one falls
	// back to the city's.
	if p := segment.Locate("杭州", "江苏"); p.Province != "江苏" || p.Tier != "新一线" {
		t.Errorf("Locate(杭州, 江苏) = %+v", p)
	}
	if p := segment.Locate("杭州", "火星"); p.Province != "浙江" || p.Region != "华东" {
		t.Errorf("Locate(杭州, 火星) = %+v", p)
	}
}

// referenceRows reads a CSV of the shared reference data, or skips.
func referenceRows(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "datasets", "cn", name))
	if err != nil {
		t.Skipf("reference data not available (%v); CI has it", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func TestCityTableMatchesReferenceData(t *testing.T) {
	rows := referenceRows(t, "city_tiers.csv")
	if len(rows) != 337 {
		t.Fatalf("reference has %d cities, want 337", len(rows))
	}
	counts := map[string]int{}
	for _, r := range rows {
		city, province, tier := r[0], r[1], r[2]
		p := segment.Locate(city, "")
		if p.Tier != tier {
			t.Errorf("Locate(%s).Tier = %q; reference says %s", city, p.Tier, tier)
		}
		if p.Province != province {
			t.Errorf("Locate(%s).Province = %s; reference says %s", city, p.Province, province)
		}
		counts[tier]++
	}
	want := map[string]int{"一线": 4, "新一线": 15, "二线": 30, "三线": 70, "四线": 90, "五线": 128}
	for tier, n := range want {
		if counts[tier] != n {
			t.Errorf("%s: %d cities, want %d", tier, counts[tier], n)
		}
	}
}

func TestProvinceTableMatchesReferenceData(t *testing.T) {
	rows := referenceRows(t, "provinces.csv")
	for _, r := range rows {
		code, short, full, region, side := r[0], r[1], r[2], r[3], r[4]
		for _, name := range []string{code, short, full} {
			p := segment.Locate("", name)
			if p.Region != region || p.Side != side {
				t.Errorf("%s: %v, %v; reference says %s, %s", name, p.Region, p.Side, region, side)
			}
		}
	}
}

// TestMemberPlace checks that a member is placed by its own record's city
// and province, person or company, and nowhere without a record.
func TestMemberPlace(t *testing.T) {
	m := smallMembers()
	for i, want := range []segment.Place{
		segment.Locate("杭州市", ""), // the person: 杭州, 新一线, 浙江
		segment.Locate("潍坊", ""),
		segment.Locate("火星", ""),    // a city outside the ranking: nothing known
		segment.Locate("苏州", "江苏省"), // the company: its province as written
		{},                          // neither person nor company
		segment.Locate("上海市", ""),
	} {
		if got := m[i].Place(); got != want {
			t.Errorf("member %d: Place() = %+v, want %+v", i, got, want)
		}
	}
	if p := m[3].Place(); p.Tier != "新一线" || p.Province != "江苏" || p.Region != "华东" || p.Side != "南方" {
		t.Errorf("company in 苏州, 江苏省: Place() = %+v, want 新一线, 江苏, 华东, 南方", p)
	}
	if p := m[0].Place(); p.Tier != "新一线" || p.Province != "浙江" {
		t.Errorf("person in 杭州市: Place() = %+v, want 新一线, 浙江", p)
	}
}
