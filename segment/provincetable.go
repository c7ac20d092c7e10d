package segment

// provinceTable lists the 34 provincial-level divisions with their GB/T 2260
// code, short and full names, the common seven-region split (七大地理分区)
// and the side of the Qinling–Huaihe line their capital lies on. Source:
// the project's reference data (shared/datasets/cn/provinces.csv, checked
// against GB/T 2260-2007; see its README for the region convention and the
// seven provinces the north/south line divides).
var provinceTable = [...]provinceRow{
	{"11", "北京", "北京市", northChina, north},
	{"12", "天津", "天津市", northChina, north},
	{"13", "河北", "河北省", northChina, north},
	{"14", "山西", "山西省", northChina, north},
	{"15", "内蒙古", "内蒙古自治区", northChina, north},
	{"21", "辽宁", "辽宁省", northeast, north},
	{"22", "吉林", "吉林省", northeast, north},
	{"23", "黑龙江", "黑龙江省", northeast, north},
	{"31", "上海", "上海市", eastChina, south},
	{"32", "江苏", "江苏省", eastChina, south},
	{"33", "浙江", "浙江省", eastChina, south},
	{"34", "安徽", "安徽省", eastChina, south},
	{"35", "福建", "福建省", eastChina, south},
	{"36", "江西", "江西省", eastChina, south},
	{"37", "山东", "山东省", eastChina, north},
	{"41", "河南", "河南省", centralChina, north},
	{"42", "湖北", "湖北省", centralChina, south},
	{"43", "湖南", "湖南省", centralChina, south},
	{"44", "广东", "广东省", southChina, south},
	{"45", "广西", "广西壮族自治区", southChina, south},
	{"46", "海南", "海南省", southChina, south},
	{"50", "重庆", "重庆市", southwest, south},
	{"51", "四川", "四川省", southwest, south},
	{"52", "贵州", "贵州省", southwest, south},
	{"53", "云南", "云南省", southwest, south},
	{"54", "西藏", "西藏自治区", southwest, south},
	{"61", "陕西", "陕西省", northwest, north},
	{"62", "甘肃", "甘肃省", northwest, north},
	{"63", "青海", "青海省", northwest, north},
	{"64", "宁夏", "宁夏回族自治区", northwest, north},
	{"65", "新疆", "新疆维吾尔自治区", northwest, north},
	{"71", "台湾", "台湾省", eastChina, south},
	{"81", "香港", "香港特别行政区", southChina, south},
	{"82", "澳门", "澳门特别行政区", southChina, south},
}
