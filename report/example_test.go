package report_test

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/clientele-go/clientele/report"
	"github.com/clientele-go/clientele/rfm"
	"github.com/shopspring/decimal"
)

// A page from RFM results alone: the other charts are left out.
func ExamplePage_WriteHTML() {
	values := []rfm.Values{
		{CustomerID: "c1", Recency: 3, Frequency: 12, Monetary: decimal.RequireFromString("4200")},
		{CustomerID: "c2", Recency: 40, Frequency: 4, Monetary: decimal.RequireFromString("880.50")},
		{CustomerID: "c3", Recency: 200, Frequency: 1, Monetary: decimal.RequireFromString("99")},
		{CustomerID: "c4", Recency: 9, Frequency: 6, Monetary: decimal.RequireFromString("1299")},
	}
	scores, _ := rfm.MeanSplit{}.Score(values)
	rep, err := rfm.NewReport(values, scores, rfm.ValueSegments())
	if err != nil {
		fmt.Println(err)
		return
	}
	page := report.Page{
		Locale: "zh-CN",
		AsOf:   time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		RFM:    rep,
		Values: values,
	}
	var b bytes.Buffer // or an *os.File
	if err := page.WriteHTML(&b); err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range regexp.MustCompile(`<(h1|h2|h3|dd)>([^<]*)<`).FindAllStringSubmatch(b.String(), -1) {
		fmt.Println(m[1], m[2])
	}
	// Output:
	// h1 客户分析报告
	// dd 4
	// dd ¥6,478.50
	// dd 75.0%
	// h2 客户分群
	// h3 各分群规模与收入占比
	// h3 最近购买 × 购买频次
	// h2 购买行为
	// h3 最近购买、频次与消费分布
	// h3 按购买次数的客户分布
}

// TabWriter lines up columns that hold Chinese, which text/tabwriter
// misaligns: it counts 重要价值客户 as 6 columns, not 12.
func ExampleTabWriter() {
	tw := report.NewTabWriter(os.Stdout, 2, false)
	fmt.Fprintln(tw, "segment\tcustomers\tshare")
	fmt.Fprintln(tw, "重要价值客户\t310\t16.1%")
	fmt.Fprintln(tw, "Champions\t12\t0.6%")
	tw.Flush()
	// Output:
	// segment       customers  share
	// 重要价值客户  310        16.1%
	// Champions     12         0.6%
}
