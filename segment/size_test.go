package segment_test

import (
	"strconv"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/shopspring/decimal"
)

// wan returns n 万元 in yuan.
func wan(n float64) decimal.Decimal { return decimal.NewFromFloat(n).Shift(4) }

func TestSizeClass(t *testing.T) {
	tests := []struct {
		name      string
		industry  string
		employees int
		revenue   decimal.Decimal
		want      segment.Size
	}{
		// The NBS Q&A's example: fails 大型 on revenue, meets 中型 on both.
		{"industry steps down", "工业", 1500, wan(5000), segment.Medium},
		{"bounds are inclusive", "工业", 1000, wan(40000), segment.Large},
		{"one person short of large", "工业", 999, wan(40000), segment.Medium},
		{"below any micro bound", "工业", 10, wan(50000), segment.Micro},
		{"one fen short of medium", "工业", 500, wan(2000).Sub(decimal.RequireFromString("0.01")), segment.Small},
		{"retail: worst metric decides", "零售业", 60, wan(400), segment.Small},
		{"software by revenue alone", "软件和信息技术服务业", 0, wan(20000), segment.Large},
		{"revenue without employees", "工业", 0, wan(100), segment.Micro},
		{"agriculture ignores employees", "农林牧渔业", 5, wan(600), segment.Medium},
		{"alias 制造业", "制造业", 300, wan(2000), segment.Medium},
		{"unlisted industry falls to 其他未列明行业", "金融业", 150, wan(1e6), segment.Medium},
		{"其他未列明行业 micro", "", 9, decimal.Decimal{}, segment.Micro},
		{"construction without assets", "建筑业", 0, wan(10000), segment.Medium},
		{"nothing known", "工业", 0, decimal.Decimal{}, segment.SizeUnknown},
		{"negative employees are unknown", "软件和信息技术服务业", -5, decimal.Decimal{}, segment.SizeUnknown},
		{"huge revenue", "工业", 2000, decimal.RequireFromString("1e30"), segment.Large},
	}
	for _, tt := range tests {
		if got := segment.SizeClass(tt.industry, tt.employees, tt.revenue, decimal.Decimal{}); got != tt.want {
			t.Errorf("%s: SizeClass(%s, %d, %s) = %v, want %v", tt.name, tt.industry, tt.employees, tt.revenue, got, tt.want)
		}
	}
	// With assets the construction rule is exact: revenue says 中型, assets
	// (300 ≤ 4000 < 5000 万元) say 小型.
	if got := segment.SizeClass("建筑业", 0, wan(10000), wan(4000)); got != segment.Small {
		t.Errorf("建筑业 with assets = %v, want 小型", got)
	}
	if got := segment.NBSIndustry("电力、热力、燃气及水生产和供应业"); got != "工业" {
		t.Errorf("NBSIndustry = %s", got)
	}
	if s := segment.Micro.String(); s != "微型" {
		t.Errorf("Micro.String() = %s", s)
	}
}

// TestSizeClassBoundaries walks every bound of the reference table: a firm
// exactly at a class's lower bounds is in that class, and one unit below
// on any single metric drops it one class.
func TestSizeClassBoundaries(t *testing.T) {
	rows := referenceRows(t, "enterprise_size_2017.csv")
	type key struct{ industry, size string }
	bounds := map[key]map[string]int64{}
	var industries []string
	for _, r := range rows {
		industry, size, symbol, lower := r[0], r[1], r[3], r[4]
		if size == "微型" {
			continue
		}
		k := key{industry, size}
		if bounds[k] == nil {
			bounds[k] = map[string]int64{}
			if size == "大型" {
				industries = append(industries, industry)
			}
		}
		v, err := strconv.ParseInt(lower, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		bounds[k][symbol] = v
	}
	if len(industries) != 16 {
		t.Fatalf("%d industries in the reference table, want 16", len(industries))
	}
	sizes := []string{"大型", "中型", "小型", "微型"}
	class := func(industry string, b map[string]int64, lower string) segment.Size {
		var employees int
		var revenue, assets decimal.Decimal
		for sym, v := range b {
			if sym == lower {
				v-- // one person or one 万元 short; still above the next bound
			}
			switch sym {
			case "X":
				employees = int(v)
			case "Y":
				revenue = wan(float64(v))
			case "Z":
				assets = wan(float64(v))
			}
		}
		return segment.SizeClass(industry, employees, revenue, assets)
	}
	for _, ind := range industries {
		for i, size := range sizes[:3] {
			b := bounds[key{ind, size}]
			if got := class(ind, b, ""); got.String() != size {
				t.Errorf("%s at the %s bounds %v: got %v", ind, size, b, got)
			}
			for sym := range b {
				if got := class(ind, b, sym); got.String() != sizes[i+1] {
					t.Errorf("%s just below the %s bound on %s: got %v, want %s", ind, size, sym, got, sizes[i+1])
				}
			}
		}
	}
}

func FuzzSizeClass(f *testing.F) {
	f.Add("工业", 300, "20000000")
	f.Add("", 0, "")
	f.Add("建筑业", -1, "-5")
	f.Fuzz(func(t *testing.T, industry string, employees int, revenue string) {
		rev, err := decimal.NewFromString(revenue)
		if err != nil {
			rev = decimal.Decimal{}
		}
		got := segment.SizeClass(industry, employees, rev, decimal.Decimal{})
		if got > segment.Micro {
			t.Fatalf("SizeClass = %d", got)
		}
		// More of everything never makes a firm smaller.
		if employees > 0 && employees < 1<<30 && rev.Sign() > 0 {
			bigger := segment.SizeClass(industry, employees*2, rev.Mul(decimal.NewFromInt(2)), decimal.Decimal{})
			if got != segment.SizeUnknown && bigger > got {
				t.Fatalf("doubling made %v into %v", got, bigger)
			}
		}
	})
}
