package segment_test

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/shopspring/decimal"
)

func ExampleCityTier() {
	for _, city := range []string{"杭州市", "潍坊", "恩施土家族苗族自治州", "香港"} {
		tier, ok := segment.CityTier(city)
		fmt.Println(city, tier, ok)
	}
	// Output:
	// 杭州市 新一线 true
	// 潍坊 二线 true
	// 恩施土家族苗族自治州 四线 true
	// 香港 未知 false
}

func ExampleProvinceRegion() {
	region, _ := segment.ProvinceRegion("浙江省")
	side, _ := segment.ProvinceSide("浙江省")
	fmt.Println(region, side)
	// Output: 华东 南方
}

func ExampleSizeClass() {
	// 1,500 employees and 50 million yuan revenue: large on headcount, but
	// large industrial firms need 400 million yuan too, so one class down.
	fmt.Println(segment.SizeClass("工业", 1500, decimal.NewFromInt(50_000_000)))
	// An industry outside the NBS table is judged by headcount alone.
	fmt.Println(segment.SizeClass("金融业", 80, decimal.Decimal{}))
	// Output:
	// 中型
	// 小型
}
