package segment_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

func TestCityTier(t *testing.T) {
	tests := []struct {
		city string
		want segment.Tier
		ok   bool
	}{
		{"上海", segment.Tier1, true},
		{"杭州", segment.NewTier1, true},
		{"杭州市", segment.NewTier1, true},
		{" 佛山市 ", segment.NewTier1, true},
		{"无锡", segment.Tier2, true}, // dropped out of 新一线 in 2025
		{"潍坊", segment.Tier2, true},
		{"恩施", segment.Tier4, true},
		{"恩施土家族苗族自治州", segment.Tier4, true},
		{"延边朝鲜族自治州", segment.Tier5, true},
		{"锡林郭勒盟", segment.Tier5, true},
		{"大兴安岭地区", segment.Tier5, true},
		{"香港", segment.TierUnknown, false},
		{"火星", segment.TierUnknown, false},
		{"", segment.TierUnknown, false},
		{"\xff", segment.TierUnknown, false},
	}
	for _, tt := range tests {
		got, ok := segment.CityTier(tt.city)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CityTier(%q) = %v, %v; want %v, %v", tt.city, got, ok, tt.want, tt.ok)
		}
	}
	if p, ok := segment.CityProvince("海南"); !ok || p != "青海" {
		t.Errorf("CityProvince(海南) = %q, %v; the ranking's 海南 is 青海's prefecture", p, ok)
	}
	if s := segment.NewTier1.String(); s != "新一线" {
		t.Errorf("NewTier1.String() = %q", s)
	}
}

func TestProvinceRegionAndSide(t *testing.T) {
	tests := []struct {
		province string
		region   segment.Region
		side     segment.Side
	}{
		{"浙江", segment.EastChina, segment.South},
		{"浙江省", segment.EastChina, segment.South},
		{"33", segment.EastChina, segment.South},
		{"内蒙古自治区", segment.NorthChina, segment.North},
		{"广西壮族自治区", segment.SouthChina, segment.South},
		{"山东", segment.EastChina, segment.North},
		{"江苏", segment.EastChina, segment.South},
		{"河南", segment.CentralChina, segment.North},
		{"陕西", segment.Northwest, segment.North},
		{"四川", segment.Southwest, segment.South},
		{"黑龙江省", segment.Northeast, segment.North},
		{"北京市", segment.NorthChina, segment.North},
		{"香港", segment.SouthChina, segment.South},
	}
	for _, tt := range tests {
		r, ok1 := segment.ProvinceRegion(tt.province)
		s, ok2 := segment.ProvinceSide(tt.province)
		if r != tt.region || s != tt.side || !ok1 || !ok2 {
			t.Errorf("%s: region %v (%v), side %v (%v); want %v, %v", tt.province, r, ok1, s, ok2, tt.region, tt.side)
		}
	}
	if _, ok := segment.ProvinceRegion("火星省"); ok {
		t.Error("unknown province has a region")
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
		got, ok := segment.CityTier(city)
		if !ok || got.String() != tier {
			t.Errorf("CityTier(%s) = %v, %v; reference says %s", city, got, ok, tier)
		}
		if p, _ := segment.CityProvince(city); p != province {
			t.Errorf("CityProvince(%s) = %s; reference says %s", city, p, province)
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
			gr, _ := segment.ProvinceRegion(name)
			gs, _ := segment.ProvinceSide(name)
			if gr.String() != region || gs.String() != side {
				t.Errorf("%s: %v, %v; reference says %s, %s", name, gr, gs, region, side)
			}
		}
	}
}
