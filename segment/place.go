package segment

import "strings"

// Tier is a city's tier in the 新一线 city ranking. The zero value is
// TierUnknown. Tiers order from Tier1 (一线, the largest markets) to Tier5.
type Tier uint8

// City tiers.
const (
	TierUnknown Tier = iota
	Tier1            // 一线
	NewTier1         // 新一线
	Tier2            // 二线
	Tier3            // 三线
	Tier4            // 四线
	Tier5            // 五线
)

var tierNames = [...]string{"未知", "一线", "新一线", "二线", "三线", "四线", "五线"}

// String returns the tier's Chinese name: 一线, 新一线, 二线 … 五线, or 未知.
func (t Tier) String() string {
	if int(t) < len(tierNames) {
		return tierNames[t]
	}
	return tierNames[0]
}

type cityRow struct {
	name, province string
	tier           Tier
}

type provinceRow struct {
	code, name, fullName string
	region               Region
	side                 Side
}

// cityIndex maps a city's short name to its row.
var cityIndex = func() map[string]*cityRow {
	m := make(map[string]*cityRow, len(cityTable))
	for i := range cityTable {
		m[cityTable[i].name] = &cityTable[i]
	}
	return m
}()

// cityRow looks a city up by its short name, its name with 市, 地区 or
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

// CityTier returns the tier of a mainland city in the 2025 edition of the
// 新一线 city ranking (第一财经·新一线城市研究所), and false for a name it does
// not know. It accepts the ranking's short names (杭州, 恩施, 延边), the same
// with 市, 地区 or 盟, and autonomous prefectures' full names. Note the
// homonym 海南, which in the ranking is 青海's 海南藏族自治州, not the
// province; and that cities outside the ranking (Hong Kong, Macao, county-
// level cities) have no tier. CityTier is safe for concurrent use.
func CityTier(city string) (Tier, bool) {
	if r := lookupCity(city); r != nil {
		return r.tier, true
	}
	return TierUnknown, false
}

// CityProvince returns the short name of the province of a city CityTier
// knows, and false otherwise.
func CityProvince(city string) (string, bool) {
	if r := lookupCity(city); r != nil {
		return r.province, true
	}
	return "", false
}

// Region is one of the seven geographical regions of China (七大地理分区).
// The zero value is RegionUnknown.
type Region uint8

// Regions.
const (
	RegionUnknown Region = iota
	NorthChina           // 华北: 京 津 冀 晋 内蒙古
	Northeast            // 东北: 辽 吉 黑
	EastChina            // 华东: 沪 苏 浙 皖 闽 赣 鲁 台
	CentralChina         // 华中: 豫 鄂 湘
	SouthChina           // 华南: 粤 桂 琼 港 澳
	Southwest            // 西南: 渝 川 黔 滇 藏
	Northwest            // 西北: 陕 甘 青 宁 新
)

var regionNames = [...]string{"未知", "华北", "东北", "华东", "华中", "华南", "西南", "西北"}

// String returns the region's Chinese name, e.g. 华东, or 未知.
func (r Region) String() string {
	if int(r) < len(regionNames) {
		return regionNames[r]
	}
	return regionNames[0]
}

// Side is the side of the Qinling–Huaihe line (秦岭—淮河), the usual
// north/south divide. The zero value is SideUnknown.
type Side uint8

// Sides.
const (
	SideUnknown Side = iota
	North            // 北方
	South            // 南方
)

// String returns 北方, 南方 or 未知.
func (s Side) String() string {
	switch s {
	case North:
		return "北方"
	case South:
		return "南方"
	}
	return "未知"
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

// ProvinceRegion returns the region of a province, given by its short name
// (浙江), full name (浙江省, 广西壮族自治区) or GB/T 2260 two-digit code (33),
// and false for an unknown province. The split is the common seven-region
// convention: 内蒙古 in 华北, 江西 and 山东 in 华东, 河南 in 华中.
func ProvinceRegion(province string) (Region, bool) {
	if r := lookupProvince(province); r != nil {
		return r.region, true
	}
	return RegionUnknown, false
}

// ProvinceSide returns the side of the Qinling–Huaihe line a province is
// on, by the location of its capital (the line crosses 四川, 甘肃, 陕西, 湖北,
// 河南, 安徽 and 江苏; at province granularity 江苏, 安徽, 湖北 and 四川 are
// South, 河南, 陕西 and 甘肃 North), and false for an unknown province.
func ProvinceSide(province string) (Side, bool) {
	if r := lookupProvince(province); r != nil {
		return r.side, true
	}
	return SideUnknown, false
}
