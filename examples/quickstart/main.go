// Quickstart generates a sample of customers and orders, validates the
// records, summarises buying behaviour and prints a short report. Personal
// data in the output is masked.
//
//	go run ./examples/quickstart
//
// Copy it as a starting point: replace the synth sample with your own
// records (customer.ReadPeople, customer.ReadOrders) and keep the rest.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
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

// reasons are the validation reasons the report groups problems by, most
// specific first.
var reasons = []error{
	customer.ErrEmpty, customer.ErrInvalidUTF8, customer.ErrFuture, customer.ErrMismatch,
	customer.ErrCheckCharacter, customer.ErrOrganizationCode, customer.ErrBirthDate, customer.ErrRegion,
	customer.ErrLength, customer.ErrCharacter, customer.ErrNegative, customer.ErrInvalidValue,
}

func run(ctx context.Context, w io.Writer) error {
	// 1. Sample data: 2,000 persons and 100 companies with three years of
	// orders, 3% of records damaged and 1% of orders replayed.
	ds := synth.Generate(synth.Config{People: 2000, Seed: 42, Defects: 0.03, DuplicateOrders: 0.01})
	asOf := ds.AsOf
	fmt.Fprintf(w, "clientele quickstart: %d persons, %d companies, %d order rows, as of %s\n\n",
		len(ds.People), len(ds.Companies), len(ds.Orders), asOf.Format("2006-01-02"))

	// 2. Validate every record and count the problems by field and reason.
	v := customer.Validator{AsOf: asOf}
	v.Rules = append(v.Rules, customer.AgeCategoryRule{Categories: []string{"senior_nutrition"}, MinAge: 40}.Check)
	problems := map[string]int{}
	var badPeople, badCompanies int
	var example error
	count := func(err error) {
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var fe *customer.FieldError
			if errors.As(e, &fe) {
				problems[fe.Field+": "+reasonOf(e)]++
			}
		}
	}
	for i := range ds.People {
		if err := v.ValidatePerson(&ds.People[i]); err != nil {
			badPeople++
			count(err)
			if example == nil {
				example = err
			}
		}
	}
	for i := range ds.Companies {
		if err := v.ValidateCompany(&ds.Companies[i]); err != nil {
			badCompanies++
			count(err)
		}
	}
	fmt.Fprintln(w, "Validation")
	fmt.Fprintf(w, "  persons:   %d valid, %d with problems\n", len(ds.People)-badPeople, badPeople)
	fmt.Fprintf(w, "  companies: %d valid, %d with problems\n", len(ds.Companies)-badCompanies, badCompanies)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range sortedByCount(problems) {
		fmt.Fprintf(tw, "    %s\t%d\n", k, problems[k])
	}
	tw.Flush()
	if example != nil {
		fmt.Fprintf(w, "  first error, as a host would log it (values masked):\n    %v\n", strings.SplitN(example.Error(), "\n", 2)[0])
	}

	// 3. Summarise behaviour in one pass over the orders.
	sums, skipped, err := customer.Summarize(ctx, slices.Values(ds.Orders), asOf, customer.SummaryOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nOrders")
	fmt.Fprintf(w, "  used %d, skipped %d (duplicate %d, future %d, unknown customer %d, invalid %d)\n",
		len(ds.Orders)-skipped.Total(), skipped.Total(), skipped.Duplicate, skipped.Future, skipped.Unknown, skipped.Invalid)

	isPerson := make(map[customer.ID]bool, len(ds.People))
	for _, p := range ds.People {
		isPerson[p.ID] = true
	}
	var buyers, oneTime, purchases, refunds, discounted, online, b2bOrders int
	net, b2bNet := decimal.Zero, decimal.Zero
	for _, s := range sums {
		if !isPerson[s.CustomerID] {
			b2bOrders += s.Orders
			b2bNet = b2bNet.Add(s.Net)
			continue
		}
		if s.Orders == 0 {
			continue
		}
		buyers++
		if s.Orders == 1 {
			oneTime++
		}
		purchases += s.Orders
		refunds += s.Refunds
		discounted += s.Discounted
		online += s.Online
		net = net.Add(s.Net)
	}
	fmt.Fprintln(w, "\nBehaviour of persons")
	fmt.Fprintf(w, "  buyers: %d of %d (%.0f%% bought once only)\n", buyers, len(ds.People), pct(oneTime, buyers))
	fmt.Fprintf(w, "  purchases: %d, refunds: %d, net spend: ¥%s\n", purchases, refunds, net.StringFixed(2))
	fmt.Fprintf(w, "  average order value: ¥%s\n", net.DivRound(decimal.NewFromInt(int64(max(purchases, 1))), 2).StringFixed(2))
	fmt.Fprintf(w, "  discounted: %.0f%%, online: %.0f%%\n", pct(discounted, purchases), pct(online, purchases))
	fmt.Fprintf(w, "  companies: %d purchases, net spend ¥%s\n", b2bOrders, b2bNet.StringFixed(2))

	// 4. Review rules flag odd-looking records for a human, without
	// rejecting them.
	byID := make(map[customer.ID]*customer.Summary, len(sums))
	for i := range sums {
		byID[sums[i].CustomerID] = &sums[i]
	}
	var findings []customer.Finding
	for i := range ds.People {
		if s := byID[ds.People[i].ID]; s != nil {
			findings = append(findings, v.Review(&ds.People[i], s)...)
		}
	}
	fmt.Fprintf(w, "\nReview: %d persons flagged", len(findings))
	if len(findings) > 0 {
		fmt.Fprintf(w, ", e.g. %s: %s", findings[0].CustomerID, findings[0].Message)
	}
	fmt.Fprintln(w)

	// 5. Tag every customer with the built-in taggers and show how the tags
	// are distributed, and spend against activity.
	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
	if err != nil {
		return err
	}
	pl, err := tagging.NewPipeline(taggers, tagging.Options{})
	if err != nil {
		return err
	}
	stats := tagging.Stats{Groups: pl.Groups(), Cross: []tagging.Pair{{Row: tagging.GroupSpend, Col: tagging.GroupActivity}}}
	profiles := func(yield func(tagging.Profile) bool) {
		for i := range ds.People {
			if !yield(tagging.Profile{Person: &ds.People[i], Summary: byID[ds.People[i].ID], AsOf: asOf}) {
				return
			}
		}
		for i := range ds.Companies {
			if !yield(tagging.Profile{Company: &ds.Companies[i], Summary: byID[ds.Companies[i].ID], AsOf: asOf}) {
				return
			}
		}
	}
	tags := make(map[customer.ID]tagging.Set, len(ds.People)+len(ds.Companies))
	for r, err := range tagging.Apply(ctx, profiles, taggers, tagging.Options{}) {
		if err != nil {
			return err
		}
		stats.Add(r)
		tags[r.ID] = r.Tags
	}
	fmt.Fprintln(w, "\nTags")
	fmt.Fprint(w, stats.Report(tagging.GroupSpend, tagging.GroupActivity, tagging.GroupLifecycle, tagging.GroupChannel, tagging.GroupLoyalty))
	tab, err := stats.CrossTab(tagging.GroupSpend, tagging.GroupActivity)
	if err != nil {
		return err
	}
	fmt.Fprint(w, "\n", tab)

	// 6. Segments: the seeds' consumer personas, with the size guard.
	members := make([]segment.Member, len(ds.People))
	for i := range ds.People {
		p := &ds.People[i]
		members[i] = segment.Member{Profile: tagging.Profile{Person: p, Summary: byID[p.ID], AsOf: asOf}, Tags: tags[p.ID]}
	}
	personas := segment.Personas()
	personas.Rules = personas.Rules[:2] // the two consumer personas
	rs, err := personas.Compile()
	if err != nil {
		return err
	}
	seg, err := segment.Run(ctx, members, rs, segment.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nSegments (the seeds' consumer personas)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range seg.Portraits {
		fmt.Fprintf(tw, "  %s\t%d\t%.1f%%\tAOV median ¥%s\n", p.Segment.DisplayName(), p.Size, 100*p.Share, p.AOV.Median.StringFixed(2))
	}
	tw.Flush()
	for _, x := range seg.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", x)
	}

	// 7. Value segments: the eight-class RFM value model (八大客户价值模型),
	// each dimension split at its mean.
	personOrders := func(yield func(customer.Order) bool) {
		for _, o := range ds.Orders {
			if isPerson[o.CustomerID] && !yield(o) {
				return
			}
		}
	}
	values, _, err := rfm.Compute(ctx, personOrders, asOf, rfm.Options{})
	if err != nil {
		return err
	}
	scores, err := rfm.MeanSplit{}.Score(values)
	if err != nil {
		return err
	}
	report, err := rfm.NewReport(values, scores, rfm.ValueSegments())
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nValue segments (RFM mean split)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, sg := range report.Segments {
		if sg.Customers > 0 {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%.1f%%\tspend share %.1f%%\n", sg.Label, sg.Name, sg.Customers, 100*sg.Share, 100*sg.MonetaryShare)
		}
	}
	tw.Flush()

	// 8. Where the customers are.
	cities := map[string]int{}
	for _, p := range ds.People {
		cities[strings.TrimSuffix(p.City, "市")]++
	}
	fmt.Fprintln(w, "\nTop cities")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range sortedByCount(cities)[:8] {
		fmt.Fprintf(tw, "  %s\t%d\t%.1f%%\n", c, cities[c], pct(cities[c], len(ds.People)))
	}
	tw.Flush()

	// 9. Records print masked, so they are safe in logs.
	fmt.Fprintln(w, "\nA record as it prints in logs")
	fmt.Fprintf(w, "  %v\n", ds.People[0])
	return nil
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

// sortedByCount returns the keys of m by count descending, then key.
func sortedByCount(m map[string]int) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys
}

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}
