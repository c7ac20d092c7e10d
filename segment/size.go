package segment

import (
	"strings"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// Size is an enterprise size class of the National Bureau of Statistics
// (统计上大中小微型企业划分办法(2017)). The zero value is SizeUnknown.
type Size uint8

// Size classes.
const (
	SizeUnknown Size = iota
	Large            // 大型
	Medium           // 中型
	Small            // 小型
	Micro            // 微型
)

var sizeNames = [...]string{"未知", "大型", "中型", "小型", "微型"}

// String returns the class's Chinese name: 大型, 中型, 小型, 微型 or 未知.
func (s Size) String() string {
	if int(s) < len(sizeNames) {
		return sizeNames[s]
	}
	return sizeNames[0]
}

// sizeRule holds one industry's lower bounds for 大型, 中型 and 小型, per
// metric; -1 means the industry does not use the metric.
type sizeRule struct {
	industry                   string
	employees, revenue, assets [3]int64 // persons; 万元; 万元
}

// otherIndustry is the NBS row for industries the table does not list.
const otherIndustry = "其他未列明行业"

var sizeIndex = func() map[string]*sizeRule {
	m := make(map[string]*sizeRule, len(sizeTable)+len(industryAliases))
	for i := range sizeTable {
		m[sizeTable[i].industry] = &sizeTable[i]
	}
	for alias, name := range industryAliases {
		m[alias] = m[name]
	}
	return m
}()

// industryAliases maps GB/T 4754-2017 names that belong to exactly one row
// of the NBS table to that row. Names that span rows (批发和零售业,
// 住宿和餐饮业, 交通运输、仓储和邮政业, 房地产业, 信息传输、软件和信息技术服务业)
// are not aliased: the caller must say which part applies.
var industryAliases = map[string]string{
	"农、林、牧、渔业": "农林牧渔业", "农林牧渔": "农林牧渔业",
	"采矿业": "工业", "制造业": "工业", "电力、热力、燃气及水生产和供应业": "工业",
	"道路运输业": "交通运输业", "水上运输业": "交通运输业", "航空运输业": "交通运输业", "管道运输业": "交通运输业",
	"多式联运和运输代理业": "交通运输业", "装卸搬运和运输代理业": "交通运输业",
	"电信、广播电视和卫星传输服务": "信息传输业", "互联网和相关服务": "信息传输业",
	"软件业":   "软件和信息技术服务业",
	"房地产开发": "房地产开发经营",
	"租赁业":   "租赁和商务服务业", "商务服务业": "租赁和商务服务业",
}

// NBSIndustry returns the row of the NBS 2017 table that industry falls
// into: one of the 16 row names (工业, 零售业, 软件和信息技术服务业, …),
// found directly or through an unambiguous GB/T 4754 name (制造业 → 工业), and
// otherwise 其他未列明行业, as the method's rules say.
func NBSIndustry(industry string) string {
	if r := sizeIndex[strings.TrimSpace(industry)]; r != nil {
		return r.industry
	}
	return otherIndustry
}

// SizeClass returns the size class of an enterprise per the National
// Bureau of Statistics 2017 rules, applied exactly, from its industry,
// employees (从业人员, persons), annual revenue (营业收入) and total assets
// (资产总额), both in yuan: the enterprise is the first of 大型, 中型, 小型
// whose lower bounds it meets on every metric its industry uses (AND;
// "否则下划一档"), and 微型 otherwise (below any one bound, OR). The
// table's bounds are in 万元 (× 10,000 yuan) and inclusive. Assets only
// matter in three industries (建筑业, 房地产开发经营, 租赁和商务服务业).
//
// Zero employees, revenue or assets mean unknown and are left out of the
// rule, so a company with only revenue known (as customer.Company holds
// no assets: pass a zero) is classified by revenue alone; SizeUnknown
// means none of the metrics the industry uses is known. An industry not
// in the table is classified under 其他未列明行业 (employees only); see
// [NBSIndustry].
func SizeClass(industry string, employees int, revenue, assets decimal.Decimal) Size {
	r := sizeIndex[strings.TrimSpace(industry)]
	if r == nil {
		r = sizeIndex[otherIndustry]
	}
	// Each known metric meets the bounds of some classes; since every
	// class needs all metrics (AND), the worst metric decides.
	worst, known := -1, false
	consider := func(level int) {
		known = true
		worst = max(worst, level)
	}
	if r.employees[0] >= 0 && employees > 0 {
		consider(levelOf(&r.employees, func(b int64) bool { return int64(employees) >= b }))
	}
	if r.revenue[0] >= 0 && revenue.Sign() > 0 {
		consider(levelOf(&r.revenue, func(b int64) bool { return atLeastWan(revenue, b) }))
	}
	if r.assets[0] >= 0 && assets.Sign() > 0 {
		consider(levelOf(&r.assets, func(b int64) bool { return atLeastWan(assets, b) }))
	}
	if !known {
		return SizeUnknown
	}
	return Large + Size(worst) // level 3 (no bound met) is Micro
}

// levelOf returns the index of the first class (0 大型, 1 中型, 2 小型) whose
// lower bound meets accepts, or 3 when none does.
func levelOf(bounds *[3]int64, meets func(bound int64) bool) int {
	for i, b := range bounds {
		if meets(b) {
			return i
		}
	}
	return 3
}

// atLeastWan reports whether yuan ≥ wan × 10,000, exactly.
func atLeastWan(yuan decimal.Decimal, wan int64) bool {
	const unitsPerWan = 10_000 * 10_000 // money units (1e-4 yuan) per 万元
	if u, ok := money.Units(yuan); ok && wan <= 1<<62/unitsPerWan {
		return u >= wan*unitsPerWan
	}
	return yuan.Cmp(decimal.New(wan, 4)) >= 0
}
