package customer

import (
	"strings"
	"unicode"
)

// provinces maps the two-digit provincial prefix of GB/T 2260 division
// codes (the first two characters of a resident ID number) to the short
// province name. Source: GB/T 2260 as tabulated in the project's reference
// data (shared/datasets/cn/provinces.csv, checked against
// khaeru/gb2260 gbt_2260-2007.csv), plus 83, the prefix of residence
// permits for Taiwan residents, which share the 18-character format.
var provinces = map[string]string{
	"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
	"21": "辽宁", "22": "吉林", "23": "黑龙江",
	"31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
	"41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
	"50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
	"61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
	"71": "台湾", "81": "香港", "82": "澳门", "83": "台湾",
}

// provinceNames is provinces indexed by the number the two digits spell,
// for the validators: an array load instead of a map lookup, which
// hashes the key (about 15 ns of ParseIDNumber's 70).
var provinceNames = func() (a [100]string) {
	for code, name := range provinces {
		a[atoi(code)] = name
	}
	return a
}()

// provinceName returns the short name of the province whose two-digit
// code is hi, lo, or "" for an unknown code. Both must be ASCII digits.
func provinceName(hi, lo byte) string {
	i := uint(hi-'0')*10 + uint(lo-'0')
	if i >= uint(len(provinceNames)) {
		return ""
	}
	return provinceNames[i]
}

// normCity trims a city name, folds width and case and drops a final 市,
// so 杭州, 杭州市 and " 杭州市 " agree. It returns s, or a part of it,
// without allocating when no folding is needed.
func normCity(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	for _, r := range s {
		if foldCase(foldWidth(r)) != r {
			var b strings.Builder
			for _, r := range s {
				b.WriteRune(foldCase(foldWidth(r)))
			}
			s = strings.TrimFunc(b.String(), unicode.IsSpace)
			break
		}
	}
	for strings.HasSuffix(s, "市") {
		s = strings.TrimFunc(strings.TrimSuffix(s, "市"), unicode.IsSpace)
	}
	return s
}
