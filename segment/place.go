package segment

import "strings"

// Place is where a customer is, as the reference tables compiled into the
// package see it. Empty fields are unknown.
type Place struct {
	// City is the short name of the city in the 2025 新一线 city ranking
	// (杭州, 恩施, 延边); "" for a city outside it.
	City string
	// Province is the short name of the province (浙江, 内蒙古, 香港).
	Province string
	// Tier is the city's tier in the ranking: 一线, 新一线, 二线, 三线, 四线
	// or 五线; TierRank is its position, 1 for 一线 to 6 for 五线, for
	// comparing tiers (0 when unknown).
	Tier     string
	TierRank int
	// Region is the province's region among the seven of China
	// (七大地理分区): 华北, 东北, 华东, 华中, 华南, 西南 or 西北.
	Region string
	// Side is the province's side of the Qinling–Huaihe line (秦岭—淮河),
	// the usual north/south divide: 北方 or 南方.
	Side string
}

// Locate returns what the reference tables know of a city and a
// province, either of which may be "":
//
//   - the city's tier in the 2025 edition of the 新一线 city ranking
//     (第一财经·新一线城市研究所), which covers the 337 prefecture-level-and-
//     above cities of mainland China. Cities are found by the ranking's
//     short names (杭州, 恩施, 延边), the same with 市, 地区 or 盟, and
//     autonomous prefectures' full names. Note the homonym 海南, which in
//     the ranking is 青海's 海南藏族自治州, not the province; and that cities
//     outside the ranking (Hong Kong, Macao, county-level cities) have no
//     tier.
//   - the province, by short name (浙江), full name (浙江省, 广西壮族自治区) or
//     GB/T 2260 two-digit code (33); when province is "" or unknown, the
//     city's province. Its region follows the common seven-region
//     convention (内蒙古 in 华北, 江西 and 山东 in 华东, 河南 in 华中); its side
//     of the Qinling–Huaihe line is that of its capital (the line crosses
//     四川, 甘肃, 陕西, 湖北, 河南, 安徽 and 江苏; at province granularity 江苏,
//     安徽, 湖北 and 四川 are 南方, 河南, 陕西 and 甘肃 北方).
//
// Locate is safe for concurrent use.
func Locate(city, province string) Place {
	var pl Place
	c := lookupCity(city)
	if c != nil {
		pl.City, pl.Province, pl.Tier, pl.TierRank = c.name, c.province, c.tier.String(), int(c.tier)
	}
	p := lookupProvince(province)
	if p == nil && c != nil {
		p = lookupProvince(c.province)
	}
	if p != nil {
		pl.Province, pl.Region, pl.Side = p.name, p.region.String(), p.side.String()
	}
	return pl
}

// Place returns where the member is: [Locate] of its city and province.
func (m *Member) Place() Place {
	switch {
	case m.Person != nil:
		return Locate(m.Person.City, m.Person.Province)
	case m.Company != nil:
		return Locate(m.Company.City, m.Company.Province)
	}
	return Place{}
}

// tier is a city's tier in the 新一线 city ranking, from tier1 (一线, the
// largest markets) to tier5.
type tier uint8

const (
	tierUnknown tier = iota
	tier1            // 一线
	newTier1         // 新一线
	tier2            // 二线
	tier3            // 三线
	tier4            // 四线
	tier5            // 五线
)

var tierNames = [...]string{"", "一线", "新一线", "二线", "三线", "四线", "五线"}

// String returns the tier's Chinese name, or "" when unknown.
func (t tier) String() string {
	if int(t) < len(tierNames) {
		return tierNames[t]
	}
	return ""
}

type cityRow struct {
	name, province string
	tier           tier
}

type provinceRow struct {
	code, name, fullName string
	region               region
	side                 side
}

// cityIndex maps a city's short name to its row.
var cityIndex = func() map[string]*cityRow {
	m := make(map[string]*cityRow, len(cityTable))
	for i := range cityTable {
		m[cityTable[i].name] = &cityTable[i]
	}
	return m
}()

// lookupCity looks a city up by its short name, its name with 市, 地区 or
// 盟, or an autonomous prefecture's full name (恩施土家族苗族自治州 → 恩施).
func lookupCity(city string) *cityRow {
	city = strings.TrimSpace(city)
	if r := cityIndex[city]; r != nil {
		return r
	}
	for _, suffix := range []string{"市", "地区", "盟"} {
		if name, ok := strings.CutSuffix(city, suffix); ok {
			if r := cityIndex[name]; r != nil {
				return r
			}
		}
	}
	if strings.HasSuffix(city, "自治州") {
		// Short names are the first two or three characters (延边, 恩施, 克孜勒苏).
		runes := []rune(city)
		for n := min(len(runes), 5); n >= 2; n-- {
			if r := cityIndex[string(runes[:n])]; r != nil {
				return r
			}
		}
	}
	return nil
}

// region is one of the seven geographical regions of China (七大地理分区).
type region uint8

const (
	regionUnknown region = iota
	northChina           // 华北: 京 津 冀 晋 内蒙古
	northeast            // 东北: 辽 吉 黑
	eastChina            // 华东: 沪 苏 浙 皖 闽 赣 鲁 台
	centralChina         // 华中: 豫 鄂 湘
	southChina           // 华南: 粤 桂 琼 港 澳
	southwest            // 西南: 渝 川 黔 滇 藏
	northwest            // 西北: 陕 甘 青 宁 新
)

var regionNames = [...]string{"", "华北", "东北", "华东", "华中", "华南", "西南", "西北"}

// String returns the region's Chinese name, e.g. 华东, or "" when unknown.
func (r region) String() string {
	if int(r) < len(regionNames) {
		return regionNames[r]
	}
	return ""
}

// side is the side of the Qinling–Huaihe line.
type side uint8

const (
	sideUnknown side = iota
	north            // 北方
	south            // 南方
)

// String returns 北方, 南方 or "".
func (s side) String() string {
	switch s {
	case north:
		return "北方"
	case south:
		return "南方"
	}
	return ""
}

var provinceIndex = func() map[string]*provinceRow {
	m := make(map[string]*provinceRow, 3*len(provinceTable))
	for i := range provinceTable {
		r := &provinceTable[i]
		m[r.name] = r
		m[r.fullName] = r
		m[r.code] = r
	}
	return m
}()

func lookupProvince(province string) *provinceRow {
	province = strings.TrimSpace(province)
	if province == "" {
		return nil
	}
	if r := provinceIndex[province]; r != nil {
		return r
	}
	for _, suffix := range []string{"省", "市"} {
		if name, ok := strings.CutSuffix(province, suffix); ok {
			if r := provinceIndex[name]; r != nil {
				return r
			}
		}
	}
	return nil
}
