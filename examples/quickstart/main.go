// Quickstart generates a sample of customers and orders, validates the
// records, summarises buying behaviour, tags and scores the customers,
// segments them into personas and prints a short report. Personal data in
// the output is masked.
//
//	go run ./examples/quickstart
//
// Copy it as a starting point: replace the sample with your own records
// (customer.ReadPeople, customer.ReadCompanies, customer.ReadOrders) and
// keep the rest.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/report"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) error {
	// 1. Sample data: 2,000 persons and 100 companies with three years of
	// orders, 3% of records damaged and 1% of orders replayed.
	data := sample.Generate(sample.Config{People: 2000, Seed: 42, Defects: 0.03, DuplicateOrders: 0.01})
	people, companies, asOf := data.People, data.Companies, data.AsOf
	fmt.Fprintf(w, "clientele quickstart: %d persons, %d companies, %d order rows, as of %s\n\n",
		len(people), len(companies), len(data.Orders), asOf.Format("2006-01-02"))

	// 2. Validate every record; count the problems by field and reason.
	v := customer.Validator{AsOf: asOf}
	v.Rules = append(v.Rules, customer.AgeCategoryRule{Categories: []string{"senior_nutrition"}, MinAge: 40}.Check)
	printValidation(w, v, people, companies)

	// 3. Summarise behaviour in one pass over the orders.
	sums, skipped, err := customer.Summarize(ctx, slices.Values(data.Orders), asOf, customer.SummaryOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nOrders\n  used %d, skipped %d (duplicate %d, future %d, unknown customer %d, invalid %d)\n",
		len(data.Orders)-skipped.Total(), skipped.Total(), skipped.Duplicate, skipped.Future, skipped.Unknown, skipped.Invalid)
	printBehaviour(w, tagging.Profiles(people, sums, asOf), tagging.Profiles(companies, sums, asOf), len(people))

	// 4. Review rules flag odd-looking records for a human, without
	// rejecting them.
	printReview(w, v, tagging.Profiles(people, sums, asOf))

	// 5. Tag every customer with the built-in taggers; show how the tags
	// are distributed, and spend against activity.
	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
	if err != nil {
		return err
	}
	tags, err := tagAndPrint(ctx, w, taggers, tagging.Profiles(people, sums, asOf), tagging.Profiles(companies, sums, asOf))
	if err != nil {
		return err
	}

	// 6. Value segments of the persons: the eight-class RFM value model
	// (八大客户价值模型), each dimension split at its mean.
	scores, err := printValueSegments(ctx, w, ordersOf(people, data.Orders), asOf)
	if err != nil {
		return err
	}

	// 7. Personas: the seeds' two consumer personas, on the persons joined
	// with their summaries, tags and scores (the companies' are left out).
	members, _, err := segment.Members{AsOf: asOf, People: people, Summaries: sums, Scores: scores, Tags: tags}.Join()
	if err != nil {
		return err
	}
	if err := printPersonas(ctx, w, members); err != nil {
		return err
	}

	// 8. Where the customers are, and a record as it prints in logs.
	printTopCities(w, people, 8)
	fmt.Fprintf(w, "\nA record as it prints in logs\n  %v\n", people[0])
	return nil
}

// printValidation validates every record with v and prints the problems
// counted by field and reason, and the first error as a host would log it.
func printValidation(w io.Writer, v customer.Validator, people []customer.Person, companies []customer.Company) {
	problems := map[string]int{}
	count := func(err error) {
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var fe *customer.FieldError
			if errors.As(e, &fe) {
				problems[fe.Field+": "+reasonOf(e)]++
			}
		}
	}
	var badPeople, badCompanies int
	var first error
	for i := range people {
		if err := v.ValidatePerson(&people[i]); err != nil {
			badPeople++
			count(err)
			if first == nil {
				first = err
			}
		}
	}
	for i := range companies {
		if err := v.ValidateCompany(&companies[i]); err != nil {
			badCompanies++
			count(err)
		}
	}
	fmt.Fprintln(w, "Validation")
	fmt.Fprintf(w, "  persons:   %d valid, %d with problems\n", len(people)-badPeople, badPeople)
	fmt.Fprintf(w, "  companies: %d valid, %d with problems\n", len(companies)-badCompanies, badCompanies)
	tw := report.NewTabWriter(w, 2, false)
	for _, k := range sortedByCount(problems) {
		fmt.Fprintf(tw, "    %s\t%d\n", k, problems[k])
	}
	tw.Flush()
	if first != nil {
		fmt.Fprintf(w, "  first error, as a host would log it (values masked):\n    %v\n", strings.SplitN(first.Error(), "\n", 2)[0])
	}
}

// reasons are the validation reasons the report groups problems by, most
// specific first.
var reasons = []error{
	customer.ErrEmpty, customer.ErrInvalidUTF8, customer.ErrFuture, customer.ErrMismatch,
	customer.ErrCheckCharacter, customer.ErrOrganizationCode, customer.ErrBirthDate, customer.ErrRegion,
	customer.ErrLength, customer.ErrCharacter, customer.ErrNegative, customer.ErrInvalidValue,
}

// reasonOf names the most specific reason err wraps.
func reasonOf(err error) string {
	for _, r := range reasons {
		if errors.Is(err, r) {
			return strings.TrimPrefix(r.Error(), "customer: ")
		}
	}
	return "other"
}

// printBehaviour prints what the persons bought, from their summaries, and
// the companies' totals.
func printBehaviour(w io.Writer, persons, companies iter.Seq[tagging.Profile], people int) {
	var buyers, oneTime, purchases, refunds, discounted, online, b2bOrders int
	net, b2bNet := decimal.Zero, decimal.Zero
	for p := range persons {
		if s := p.Summary; s != nil && s.Orders > 0 {
			buyers++
			if s.Orders == 1 {
				oneTime++
			}
			purchases, refunds = purchases+s.Orders, refunds+s.Refunds
			discounted, online = discounted+s.Discounted, online+s.Online
			net = net.Add(s.Net)
		}
	}
	for p := range companies {
		if s := p.Summary; s != nil {
			b2bOrders += s.Orders
			b2bNet = b2bNet.Add(s.Net)
		}
	}
	fmt.Fprintln(w, "\nBehaviour of persons")
	fmt.Fprintf(w, "  buyers: %d of %d (%.0f%% bought once only)\n", buyers, people, pct(oneTime, buyers))
	fmt.Fprintf(w, "  purchases: %d, refunds: %d, net spend: ¥%s\n", purchases, refunds, net.StringFixed(2))
	fmt.Fprintf(w, "  average order value: ¥%s\n", net.DivRound(decimal.NewFromInt(int64(max(purchases, 1))), 2).StringFixed(2))
	fmt.Fprintf(w, "  discounted: %.0f%%, online: %.0f%%\n", pct(discounted, purchases), pct(online, purchases))
	fmt.Fprintf(w, "  companies: %d purchases, net spend ¥%s\n", b2bOrders, b2bNet.StringFixed(2))
}

// printReview runs v's review rules on every person with orders and
// prints how many were flagged, with the first finding.
func printReview(w io.Writer, v customer.Validator, persons iter.Seq[tagging.Profile]) {
	var findings []customer.Finding
	for p := range persons {
		if p.Summary != nil {
			findings = append(findings, v.Review(p.Person, p.Summary)...)
		}
	}
	fmt.Fprintf(w, "\nReview: %d persons flagged", len(findings))
	if len(findings) > 0 {
		fmt.Fprintf(w, ", e.g. %s: %s", findings[0].CustomerID, findings[0].Message)
	}
	fmt.Fprintln(w)
}

// tagAndPrint tags the profiles of each sequence with taggers, prints the
// distribution of the tags and the spend × activity cross-tab, and returns
// the results.
func tagAndPrint(ctx context.Context, w io.Writer, taggers []tagging.Tagger, profiles ...iter.Seq[tagging.Profile]) ([]tagging.Result, error) {
	pl, err := tagging.NewPipeline(taggers, tagging.Options{})
	if err != nil {
		return nil, err
	}
	stats := tagging.Stats{Groups: pl.Groups(), Cross: []tagging.Pair{{Row: tagging.GroupSpend, Col: tagging.GroupActivity}}}
	var results []tagging.Result
	for _, seq := range profiles {
		for r, err := range tagging.Apply(ctx, seq, taggers, tagging.Options{}) {
			if err != nil {
				return nil, err
			}
			stats.Add(r)
			results = append(results, r)
		}
	}
	fmt.Fprintln(w, "\nTags")
	fmt.Fprint(w, stats.Report(tagging.GroupSpend, tagging.GroupActivity, tagging.GroupLifecycle, tagging.GroupChannel, tagging.GroupLoyalty))
	tab, err := stats.CrossTab(tagging.GroupSpend, tagging.GroupActivity)
	if err != nil {
		return nil, err
	}
	fmt.Fprint(w, "\n", tab)
	return results, nil
}

// printValueSegments scores the customers of orders on the value model and
// prints the segments; it returns the scores.
func printValueSegments(ctx context.Context, w io.Writer, orders iter.Seq[customer.Order], asOf time.Time) ([]rfm.Scores, error) {
	values, _, err := rfm.Compute(ctx, orders, asOf, rfm.Options{})
	if err != nil {
		return nil, err
	}
	scores, err := rfm.MeanSplit{}.Score(values)
	if err != nil {
		return nil, err
	}
	rep, err := rfm.NewReport(values, scores, rfm.ValueSegments())
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(w, "\nValue segments of persons (RFM mean split)")
	tw := report.NewTabWriter(w, 2, false)
	for _, sg := range rep.Segments {
		if sg.Customers > 0 {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%.1f%%\tspend share %.1f%%\n", sg.Label, sg.Name, sg.Customers, 100*sg.Share, 100*sg.MonetaryShare)
		}
	}
	tw.Flush()
	return scores, nil
}

// printPersonas segments the members into the seeds' two consumer
// personas, with the size guard, and prints the segments.
func printPersonas(ctx context.Context, w io.Writer, members []segment.Member) error {
	personas := segment.Personas()
	personas.Rules = personas.Rules[:2] // the two consumer personas
	rs, err := personas.Compile()
	if err != nil {
		return err
	}
	res, err := segment.Run(ctx, members, rs, segment.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nSegments (the seeds' consumer personas)")
	tw := report.NewTabWriter(w, 2, false)
	for _, p := range res.Portraits {
		fmt.Fprintf(tw, "  %s\t%d\t%.1f%%\tAOV median ¥%s\n", p.Segment.DisplayName(), p.Size, 100*p.Share, p.AOV.Median.StringFixed(2))
	}
	tw.Flush()
	for _, x := range res.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", x)
	}
	return nil
}

// printTopCities prints the n cities with the most persons.
func printTopCities(w io.Writer, people []customer.Person, n int) {
	cities := map[string]int{}
	for _, p := range people {
		cities[strings.TrimSuffix(p.City, "市")]++
	}
	fmt.Fprintln(w, "\nTop cities")
	tw := report.NewTabWriter(w, 2, false)
	for _, c := range sortedByCount(cities)[:n] {
		fmt.Fprintf(tw, "  %s\t%d\t%.1f%%\n", c, cities[c], pct(cities[c], len(people)))
	}
	tw.Flush()
}

// ordersOf returns the orders of the given customers.
func ordersOf(people []customer.Person, orders []customer.Order) iter.Seq[customer.Order] {
	ids := make(map[customer.ID]bool, len(people))
	for _, p := range people {
		ids[p.ID] = true
	}
	return func(yield func(customer.Order) bool) {
		for _, o := range orders {
			if ids[o.CustomerID] && !yield(o) {
				return
			}
		}
	}
}

// sortedByCount returns the keys of m by count descending, then key.
func sortedByCount(m map[string]int) []string {
	return slices.SortedFunc(maps.Keys(m), func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), strings.Compare(a, b))
	})
}

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}
