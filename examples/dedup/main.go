// Dedup merges a messy multi-channel customer sample: the same people
// keyed in by stores, the web shop, the mini program, a marketplace and
// the service desk, with phones in every format, typos in names, missing
// fields and masked numbers. It prints the counts before and after, a few
// merged clusters with their provenance (personal data masked), how the
// merge compares with the injected truth, and the completeness of the
// basic information before and after.
//
//	go run ./examples/dedup
//
// To use your own data, replace the sample with customer.ReadPeople and
// customer.ReadOrders.
package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/sample"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "dedup:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	ctx := context.Background()

	// 1. Sample: 2,000 persons, 2% of them with a defect (a landline in
	// the phone field, a bad ID check character, …), plus duplicates that
	// make up 12% of the records, and three years of orders booked on
	// whichever record the channel knew.
	data := sample.Generate(sample.Config{People: 2000, Seed: 42, Defects: 0.02, DuplicatePeople: 0.12})
	people := data.People
	// A store that keys in its default number for walk-in customers.
	for i := range 120 {
		people = append(people, customer.Person{
			ID: customer.ID(fmt.Sprintf("W%04d", i)), Name: "顾客", Phone: "13800000000", AcquisitionChannel: "store",
		})
	}
	fmt.Fprintf(w, "Records in: %d (%s)\n", len(people), channels(people))

	// 2. Dedup with the defaults: phone, e-mail, ID number, device and
	// phone suffix + name as keys; strong identifiers match, weak evidence
	// is scored; different ID numbers never merge.
	res, err := customer.Dedup(ctx, people, customer.DedupOptions{})
	if err != nil {
		return err
	}
	printStats(w, res)

	// 3. Against the injected truth.
	p, r, missed := score(people, data.Duplicates, res.Survivor)
	fmt.Fprintf(w, "Against the truth: precision %.3f, recall %.3f of merged pairs; missed duplicates by source: %s\n", p, r, missed)

	// 4. A few merged clusters, the largest first, with their provenance.
	printLargestClusters(w, res, 3)

	// 5. Orders follow their customers.
	printRepointed(w, data.Orders, res.Survivor)

	// 6. Completeness of the basic information, before and after.
	var c customer.Completeness
	before, err := c.People(slices.Values(people))
	if err != nil {
		return err
	}
	after, err := c.People(slices.Values(res.People))
	if err != nil {
		return err
	}
	printCompleteness(w, before, after)
	return nil
}

// printStats prints what the dedup did.
func printStats(w io.Writer, res customer.DedupResult) {
	s := res.Stats
	fmt.Fprintf(w, "Customers out: %d (%d records merged into %d customers)\n", len(res.People), s.Absorbed+s.Clusters, s.Clusters)
	fmt.Fprintf(w, "Work: %d comparisons, %d matches, %d refused for different ID numbers, %d rounds\n",
		s.Comparisons, s.Matches, s.Conflicts, s.Rounds)
	fmt.Fprintf(w, "Kept as they are: records without any key %d, phones neither valid nor masked %d\n", s.NoKey, s.InvalidPhone)
	for _, c := range s.Capped {
		fmt.Fprintf(w, "Not compared: %d records share one %s (first %s), too many to be one person\n", c.Size, c.Key, c.First)
	}
}

// printLargestClusters prints the n merged customers that absorbed the
// most records (ties by ID), masked, with what the merge replaced.
func printLargestClusters(w io.Writer, res customer.DedupResult, n int) {
	merged := slices.Clone(res.Merged)
	slices.SortStableFunc(merged, func(a, b customer.Provenance) int { return cmp.Compare(len(b.Absorbed), len(a.Absorbed)) })
	fmt.Fprintln(w, "\nMerged clusters (masked)")
	for _, pv := range merged[:min(n, len(merged))] {
		i := slices.IndexFunc(res.People, func(p customer.Person) bool { return p.ID == pv.ID })
		fmt.Fprintf(w, "\n%v\n  absorbed %v\n", res.People[i], pv.Absorbed)
		for _, v := range pv.Replaced {
			fmt.Fprintf(w, "  replaced %v\n", v)
		}
		if n := len(pv.Repeated); n > 0 {
			fmt.Fprintf(w, "  %d repeated values (the same value on another record)\n", n)
		}
	}
}

// printRepointed moves the orders to their surviving customers and checks
// that no money is lost on the way.
func printRepointed(w io.Writer, orders []customer.Order, survivor map[customer.ID]customer.ID) {
	moved, before, after := 0, decimal.Zero, decimal.Zero
	for _, o := range orders {
		before = before.Add(o.Amount)
		if s, ok := survivor[o.CustomerID]; ok && s != o.CustomerID {
			moved++
		}
	}
	for o := range customer.RepointOrders(slices.Values(orders), survivor) {
		after = after.Add(o.Amount)
	}
	fmt.Fprintf(w, "\nOrders: %d of %d moved to their surviving customer; total %s before and %s after\n",
		moved, len(orders), before.StringFixed(2), after.StringFixed(2))
}

// printCompleteness prints the completeness reports before and after the
// dedup side by side.
func printCompleteness(w io.Writer, before, after customer.CompletenessReport) {
	fmt.Fprintf(w, "\nCompleteness of basic information (target %.0f%%)\n\n", 100*customer.CompletenessTarget)
	fmt.Fprintln(w, "| field | weight | before | after |")
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	for i, f := range before.Fields {
		fmt.Fprintf(w, "| %s | %g | %.1f%% | %.1f%% |\n", f.Field, f.Weight, 100*f.Rate, 100*after.Fields[i].Rate)
	}
	fmt.Fprintf(w, "| score | | %.1f%% | %.1f%% |\n", 100*before.Score, 100*after.Score)
	fmt.Fprintf(w, "| complete records | | %d of %d | %d of %d |\n", before.Complete, before.Records, after.Complete, after.Records)
}

// channels counts records by acquisition channel.
func channels(people []customer.Person) string {
	n := map[string]int{}
	for _, p := range people {
		n[cmp.Or(p.AcquisitionChannel, "unknown")]++
	}
	keys := slices.Sorted(maps.Keys(n))
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(n[b], n[a]) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, n[k])
	}
	return strings.Join(parts, ", ")
}

// score compares the merged pairs with the truth (original maps each
// duplicate's ID to its original's) and counts the duplicates left
// unmerged, by the source of their record.
func score(people []customer.Person, original, survivor map[customer.ID]customer.ID) (precision, recall float64, missed string) {
	real := func(id customer.ID) customer.ID { return cmp.Or(original[id], id) }
	clusters := map[customer.ID][]customer.ID{}
	for _, id := range slices.Sorted(maps.Keys(survivor)) {
		clusters[survivor[id]] = append(clusters[survivor[id]], id)
	}
	tp, fp := 0, 0
	for _, ms := range clusters {
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if real(ms[i]) == real(ms[j]) {
					tp++
				} else {
					fp++
				}
			}
		}
	}
	sizes := map[customer.ID]int{}
	for _, o := range original {
		sizes[o]++
	}
	all := 0
	for _, n := range sizes {
		all += (n + 1) * n / 2
	}
	sources := map[string]int{}
	for _, p := range people {
		if orig, ok := original[p.ID]; ok && survivor[p.ID] != survivor[orig] {
			sources[cmp.Or(p.Source, "unknown")]++
		}
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(sources)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, sources[k]))
	}
	return float64(tp) / float64(max(tp+fp, 1)), float64(tp) / float64(max(all, 1)), cmp.Or(strings.Join(parts, ", "), "none")
}
