package privacy_test

import (
	"testing"

	"github.com/clientele-go/clientele/privacy"
)

func TestMaskAddress(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"issue example", "北京市海淀区中关村大街27号", "北京市**区****"},
		{"province city district", "广东省深圳市南山区科技园南区8栋", "广东省深圳市**区****"},
		{"short province and city names", "广东深圳南山区科技园", "广东深圳**区****"},
		{"autonomous region", "新疆维吾尔自治区乌鲁木齐市天山区解放路", "新疆维吾尔自治区乌鲁木齐市**区****"},
		{"autonomous prefecture", "吉林省延边朝鲜族自治州延吉市公园路", "吉林省延边朝鲜族自治州**市****"},
		{"prefecture 地区", "黑龙江省大兴安岭地区漠河市北极村", "黑龙江省大兴安岭地区**市****"},
		{"league 盟", "内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路", "内蒙古自治区锡林郭勒盟****市****"},
		{"city named like its province", "吉林省吉林市船营区北京路", "吉林省吉林市**区****"},
		{"city without province", "吉林市船营区北京路", "吉林市**区****"},
		{"new district suffix kept", "上海市浦东新区世纪大道100号", "上海市**新区****"},
		{"municipality repeated", "上海市上海市浦东新区世纪大道", "上海市上海市**新区****"},
		{"county", "河北省保定市涞源县城关镇", "河北省保定市**县****"},
		{"autonomous county", "云南省昆明市石林彝族自治县鹿阜街道", "云南省昆明市****自治县****"},
		{"district named with 市", "山东省济南市市中区经七路", "山东省济南市**区****"},
		{"county named like a city", "吉林省通化县快大茂镇", "吉林省**县****"},
		{"spaces kept", "北京市 海淀区 中关村大街", "北京市 **区****"},
		{"district only", "海淀区中关村大街27号", "**区****"},
		{"no structure", "中关村大街27号", "****"},
		{"latin", "1600 Amphitheatre Pkwy", "****"},
		{"province only", "北京市", "北京市"},
		{"empty", "", ""},
		{"spaces only", "   ", "   "},
		{"invalid utf-8", "北京市海\xff区中关村", "北京市**区****"},
		{"already masked", "北京市**区****", "北京市**区****"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := privacy.MaskAddress(tt.in); got != tt.want {
				t.Errorf("MaskAddress(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
