// B2b segments business customers: it merges companies the CRM holds
// twice (by unified social credit code), classifies each company's size
// by the National Bureau of Statistics 2017 rules, segments the companies
// by industry, and reports the profiles and the completeness of the
// company records.
//
//	go run ./examples/b2b
//
// To use your own data, replace the sample with customer.ReadCompanies and
// customer.ReadOrders.
package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "b2b:", err)
		os.Exit(1)
	}
}

// industrySegments groups the NBS industries into six segments, with a
// catch-all for the rest (agriculture and 其他未列明行业).
func industrySegments() segment.Table {
	seg := func(id, name, industries string) segment.Rule {
		return segment.Rule{Segment: segment.Segment{ID: id, Name: name}, When: []string{"industry in " + industries}}
	}
	return segment.Table{
		Rules: []segment.Rule{
			seg("manufacturing", "制造", "工业"),
			seg("technology", "信息技术", "信息传输业, 软件和信息技术服务业"),
			seg("trade", "批发零售", "批发业, 零售业"),
			seg("services", "生活与商务服务", "住宿业, 餐饮业, 租赁和商务服务业, 物业管理"),
			seg("construction", "建筑与地产", "建筑业, 房地产开发经营"),
			seg("logistics", "交通物流", "交通运输业, 仓储业, 邮政业"),
		},
		CatchAll: segment.Segment{ID: "other-industries", Name: "其他行业"},
	}
}

func run(w io.Writer) error {
	ctx := context.Background()

	// 1. Sample: 1,500 companies with three years of orders, 2% of the
	// records damaged (lower-case credit codes, wrong check characters,
	// negative headcounts), some of them held twice.
	data := sample.Generate(sample.Config{People: 100, Companies: 1500, Seed: 23, Defects: 0.02})
	companies, orders := keyInTwice(data.Companies, data.Orders)

	// 2. Merge the duplicates by credit code, and summarise the companies'
	// orders for the surviving records.
	dd, err := customer.DedupCompanies(ctx, companies, customer.CompanyDedupOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Companies: %d records, %d merged into %d, %d after dedup\n",
		dd.Stats.Records, dd.Stats.Absorbed+dd.Stats.Clusters, dd.Stats.Clusters, len(dd.Companies))
	sums, skipped, err := customer.Summarize(ctx, customer.RepointOrders(slices.Values(orders), dd.Survivor), data.AsOf,
		customer.SummaryOptions{Known: isOneOf(dd.Companies)})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Orders: %d company orders used (%d orders of persons skipped)\n\n", len(orders)-skipped.Total(), skipped.Unknown)

	// 3. Size classes by industry (NBS 2017: every metric the industry
	// uses must reach a class's bounds). A negative headcount is treated
	// as unknown, so those companies are sized by revenue alone.
	printSizeClasses(w, dd.Companies)

	// 4. Industry segments, with the built-in tags (decision cycle,
	// spend, activity) in the portraits.
	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
	if err != nil {
		return err
	}
	tags, err := tagAll(ctx, tagging.Profiles(dd.Companies, sums, data.AsOf), taggers)
	if err != nil {
		return err
	}
	members, _, err := segment.Members{AsOf: data.AsOf, Companies: dd.Companies, Summaries: sums, Tags: tags}.Join()
	if err != nil {
		return err
	}
	rs, err := industrySegments().Compile()
	if err != nil {
		return err
	}
	res, err := segment.Run(ctx, members, rs, segment.Options{MinShare: 0.05, Top: 3})
	if err != nil {
		return err
	}
	if err := printSegments(w, res); err != nil {
		return err
	}

	// 5. Data quality of the company records after dedup.
	return printCompleteness(w, dd.Companies)
}

// keyInTwice returns the companies with every 15th held a second time,
// keyed in again by another sales office: the credit code with spaces and
// full-width characters, no contacts, a later update. Every second order
// of such a company is booked on the second record.
func keyInTwice(companies []customer.Company, orders []customer.Order) ([]customer.Company, []customer.Order) {
	companies = slices.Clone(companies)
	second := map[customer.ID]customer.ID{}
	for i, c := range companies {
		if i%15 != 7 {
			continue
		}
		d := c
		d.ID = "D" + c.ID
		d.CreditCode = toFullWidth(c.CreditCode[:9]) + " " + c.CreditCode[9:]
		d.Contacts = nil
		d.UpdatedAt = c.UpdatedAt.AddDate(0, 1, 0)
		companies = append(companies, d)
		second[c.ID] = d.ID
	}
	orders = slices.Clone(orders)
	odd := map[customer.ID]bool{}
	for i, o := range orders {
		if dup, ok := second[o.CustomerID]; ok {
			if odd[o.CustomerID] {
				orders[i].CustomerID = dup
			}
			odd[o.CustomerID] = !odd[o.CustomerID]
		}
	}
	return companies, orders
}

// tagAll tags every profile with the taggers and returns the results,
// stopping at the first error.
func tagAll(ctx context.Context, profiles iter.Seq[tagging.Profile], taggers []tagging.Tagger) ([]tagging.Result, error) {
	var results []tagging.Result
	for r, err := range tagging.Apply(ctx, profiles, taggers, tagging.Options{}) {
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	return results, nil
}

// isOneOf reports whether an ID is one of the companies'.
func isOneOf(companies []customer.Company) func(customer.ID) bool {
	ids := make(map[customer.ID]bool, len(companies))
	for _, c := range companies {
		ids[c.ID] = true
	}
	return func(id customer.ID) bool { return ids[id] }
}

// printSizeClasses prints a table of the companies' NBS size classes by
// industry.
func printSizeClasses(w io.Writer, companies []customer.Company) {
	industries := map[string]*[5]int{}
	for i := range companies {
		c := &companies[i]
		row := segment.NBSIndustry(c.Industry)
		if industries[row] == nil {
			industries[row] = new([5]int)
		}
		industries[row][segment.SizeClass(c.Industry, c.Employees, c.Revenue, decimal.Decimal{})]++
	}
	fmt.Fprintln(w, "Size classes by industry")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| industry | 大型 | 中型 | 小型 | 微型 | 未知 |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, row := range slices.Sorted(maps.Keys(industries)) {
		n := industries[row]
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d |\n", row, n[segment.Large], n[segment.Medium], n[segment.Small], n[segment.Micro], n[segment.SizeUnknown])
	}
}

// printSegments prints the segment report and each segment's size classes
// and top industries.
func printSegments(w io.Writer, res *segment.Result) error {
	fmt.Fprintln(w, "\nIndustry segments")
	fmt.Fprintln(w)
	if err := res.WriteMarkdown(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n| segment | companies | size classes | top industries |\n|---|---:|---|---|")
	for _, p := range res.Portraits {
		fmt.Fprintf(w, "| %s | %d | %s | %s |\n", p.Segment.DisplayName(), p.Companies, counts(p.Sizes), counts(p.Industries))
	}
	return nil
}

// printCompleteness prints how complete the company records are and the
// fields not always filled in.
func printCompleteness(w io.Writer, companies []customer.Company) error {
	q, err := customer.Completeness{}.Companies(slices.Values(companies))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCompleteness of company records: %.3f (target %.2f), %d of %d complete\n",
		q.Score, customer.CompletenessTarget, q.Complete, q.Records)
	for _, f := range q.Fields {
		if f.Rate < 1 {
			fmt.Fprintf(w, "  %s filled in %.1f%%\n", f.Field, 100*f.Rate)
		}
	}
	return nil
}

// counts lists value counts as "value n, …".
func counts(cs []segment.Count) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s %d", c.Value, c.Count)
	}
	return strings.Join(parts, ", ")
}

// toFullWidth writes ASCII letters and digits in their full-width forms,
// as some input methods do.
func toFullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}
