package segment

// provinceTable lists the 34 provincial-level divisions with their GB/T 2260
// code, short and full names, the common seven-region split (七大地理分区)
// and the side of the Qinling–Huaihe line their capital lies on. Source:
// the project's reference data (shared/datasets/cn/provinces.csv, checked
// against GB/T 2260-2007; see its README for the region convention and the
// seven provinces the north/south line divides).
var provinceTable = [...]provinceRow{
	{"11", "北京", "北京市", NorthChina, North},
	{"12", "天津", "天津市", NorthChina, North},
	{"13", "河北", "河北省", NorthChina, North},
	{"14", "山西", "山西省", NorthChina, North},
	{"15", "内蒙古", "内蒙古自治区", NorthChina, North},
	{"21", "辽宁", "辽宁省", Northeast, North},
	{"22", "吉林", "吉林省", Northeast, North},
	{"23", "黑龙江", "黑龙江省", Northeast, North},
	{"31", "上海", "上海市", EastChina, South},
	{"32", "江苏", "江苏省", EastChina, South},
	{"33", "浙江", "浙江省", EastChina, South},
	{"34", "安徽", "安徽省", EastChina, South},
	{"35", "福建", "福建省", EastChina, South},
	{"36", "江西", "江西省", EastChina, South},
	{"37", "山东", "山东省", EastChina, North},
	{"41", "河南", "河南省", CentralChina, North},
	{"42", "湖北", "湖北省", CentralChina, South},
	{"43", "湖南", "湖南省", CentralChina, South},
	{"44", "广东", "广东省", SouthChina, South},
	{"45", "广西", "广西壮族自治区", SouthChina, South},
	{"46", "海南", "海南省", SouthChina, South},
	{"50", "重庆", "重庆市", Southwest, South},
	{"51", "四川", "四川省", Southwest, South},
	{"52", "贵州", "贵州省", Southwest, South},
	{"53", "云南", "云南省", Southwest, South},
	{"54", "西藏", "西藏自治区", Southwest, South},
	{"61", "陕西", "陕西省", Northwest, North},
	{"62", "甘肃", "甘肃省", Northwest, North},
	{"63", "青海", "青海省", Northwest, North},
	{"64", "宁夏", "宁夏回族自治区", Northwest, North},
	{"65", "新疆", "新疆维吾尔自治区", Northwest, North},
	{"71", "台湾", "台湾省", EastChina, South},
	{"81", "香港", "香港特别行政区", SouthChina, South},
	{"82", "澳门", "澳门特别行政区", SouthChina, South},
}
