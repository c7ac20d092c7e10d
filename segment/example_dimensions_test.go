package segment_test

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/shopspring/decimal"
)

func ExampleLocate() {
	for _, city := range []string{"杭州市", "潍坊", "恩施土家族苗族自治州", "香港"} {
		p := segment.Locate(city, "")
		fmt.Printf("%s %q %d %q\n", city, p.Tier, p.TierRank, p.Province)
	}
	p := segment.Locate("", "浙江省")
	fmt.Println(p.Region, p.Side)
	// Output:
	// 杭州市 "新一线" 2 "浙江"
	// 潍坊 "二线" 3 "山东"
	// 恩施土家族苗族自治州 "四线" 5 "湖北"
	// 香港 "" 0 ""
	// 华东 南方
}

func ExampleSizeClass() {
	// 1,500 employees and 50 million yuan revenue: large on headcount, but
	// large industrial firms need 400 million yuan too, so one class down.
	fmt.Println(segment.SizeClass("工业", 1500, decimal.NewFromInt(50_000_000), decimal.Decimal{}))
	// An industry outside the NBS table is judged by headcount alone.
	fmt.Println(segment.SizeClass("金融业", 80, decimal.Decimal{}, decimal.Decimal{}))
	// Output:
	// 中型
	// 小型
}
