// B2b segments business customers: it merges companies the CRM holds
// twice (by unified social credit code), classifies each company's size
// by the National Bureau of Statistics 2017 rules, segments the companies
// by industry, and reports the profiles and the completeness of the
// company records.
//
//	go run ./examples/b2b
//
// To use your own data, replace the synth sample with
// customer.ReadCompanies and customer.ReadOrders.
package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
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
	// negative headcounts).
	ds := synth.Generate(synth.Config{People: 100, Companies: 1500, Seed: 23, Defects: 0.02})
	companies := slices.Clone(ds.Companies)

	// The CRM holds every 15th company a second time, keyed in again by
	// another sales office: the credit code with spaces and full-width
	// characters, no contacts, a later update. Half of the company's
	// orders were booked on the second record.
	moved := map[string]customer.ID{}
	for i, c := range ds.Companies {
		if i%15 != 7 {
			continue
		}
		d := c
		d.ID = "D" + c.ID
		d.CreditCode = toFullWidth(c.CreditCode[:9]) + " " + c.CreditCode[9:]
		d.Contacts = nil
		d.UpdatedAt = c.UpdatedAt.AddDate(0, 1, 0)
		companies = append(companies, d)
		moved[string(c.ID)] = d.ID
	}
	var orders []customer.Order
	odd := map[customer.ID]bool{}
	for _, o := range ds.Orders {
		if dup, ok := moved[string(o.CustomerID)]; ok {
			if odd[o.CustomerID] {
				o.CustomerID = dup
			}
			odd[o.CustomerID] = !odd[o.CustomerID]
		}
		orders = append(orders, o)
	}

	// 2. Merge the duplicates by credit code, and count their orders for
	// the surviving record.
	dd, err := customer.DedupCompanies(ctx, companies, customer.CompanyDedupOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Companies: %d records, %d merged into %d, %d after dedup\n",
		dd.Stats.Records, dd.Stats.Absorbed+dd.Stats.Clusters, dd.Stats.Clusters, len(dd.Companies))
	sums, skipped, err := customer.Summarize(ctx, customer.RepointOrders(slices.Values(orders), dd.Survivor), ds.AsOf,
		customer.SummaryOptions{Known: func(id customer.ID) bool { return strings.HasPrefix(string(id), "C") }})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Orders: %d company orders used (%d orders of persons skipped)\n\n", len(orders)-skipped.Total(), skipped.Unknown)
	byID := make(map[customer.ID]*customer.Summary, len(sums))
	for i := range sums {
		byID[sums[i].CustomerID] = &sums[i]
	}

	// 3. Size classes by industry (NBS 2017: every metric the industry
	// uses must reach a class's bounds). A negative headcount is treated
	// as unknown, so those companies are sized by revenue alone.
	industries := map[string]*[5]int{}
	for i := range dd.Companies {
		c := &dd.Companies[i]
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

	// 4. Industry segments, with the built-in tags (decision cycle,
	// spend, activity) in the profiles.
	members := make([]segment.Member, len(dd.Companies))
	for i := range dd.Companies {
		members[i] = segment.Member{Profile: tagging.Profile{Company: &dd.Companies[i], Summary: byID[dd.Companies[i].ID], AsOf: ds.AsOf}}
	}
	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
	if err != nil {
		return err
	}
	profiles := func(yield func(tagging.Profile) bool) {
		for i := range members {
			if !yield(members[i].Profile) {
				return
			}
		}
	}
	for r, err := range tagging.Apply(ctx, profiles, taggers, tagging.Options{}) {
		if err != nil {
			return err
		}
		members[r.Index].Tags = r.Tags
	}
	rs, err := industrySegments().Compile()
	if err != nil {
		return err
	}
	res, err := segment.Run(ctx, members, rs, segment.Options{MinShare: 0.05, Top: 3})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nIndustry segments")
	fmt.Fprintln(w)
	if err := res.WriteMarkdown(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n| segment | companies | size classes | top industries |\n|---|---:|---|---|")
	for _, p := range res.Portraits {
		fmt.Fprintf(w, "| %s | %d | %s | %s |\n", p.Segment.DisplayName(), p.Companies, counts(p.Sizes), counts(p.Industries))
	}

	// 5. Data quality of the company records after dedup.
	q, err := customer.Completeness{}.Companies(slices.Values(dd.Companies))
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
