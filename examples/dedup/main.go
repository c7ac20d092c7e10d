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
// To use your own data, replace the synth sample with customer.ReadPeople
// and customer.ReadOrders.
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
	"github.com/clientele-go/clientele/internal/synth"
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
	cfg := synth.Config{People: 2000, Seed: 42, Defects: 0.02}
	d := synth.PeopleWithDupes(cfg, 0.12)
	people := d.People
	// A store that keys in its default number for walk-in customers.
	for i := range 120 {
		people = append(people, customer.Person{
			ID: customer.ID(fmt.Sprintf("W%04d", i)), Name: "顾客", Phone: "13800000000", AcquisitionChannel: "store",
		})
	}
	orders := slices.Collect(d.Orders(cfg))

	fmt.Fprintf(w, "Records in: %d (%s)\n", len(people), channels(people))

	// 2. Dedup with the defaults: phone, e-mail, ID number, device and
	// phone suffix + name as keys; strong identifiers match, weak evidence
	// is scored; different ID numbers never merge.
	res, err := customer.Dedup(ctx, people, customer.DedupOptions{})
	if err != nil {
		return err
	}
	s := res.Stats
	fmt.Fprintf(w, "Customers out: %d (%d records merged into %d customers)\n", len(res.People), s.Absorbed+s.Clusters, s.Clusters)
	fmt.Fprintf(w, "Work: %d comparisons, %d matches, %d refused for different ID numbers, %d rounds\n",
		s.Comparisons, s.Matches, s.Conflicts, s.Rounds)
	fmt.Fprintf(w, "Kept as they are: records without any key %d, phones neither valid nor masked %d\n", s.NoKey, s.InvalidPhone)
	for _, c := range s.Capped {
		fmt.Fprintf(w, "Not compared: %d records share one %s (first %s), too many to be one person\n", c.Size, c.Key, c.First)
	}

	// 3. Against the injected truth.
	p, r, missed := score(d, res.Survivor)
	fmt.Fprintf(w, "Against the truth: precision %.3f, recall %.3f of merged pairs; missed duplicates: %s\n", p, r, missed)

	// 4. A few merged clusters: the largest, then by ID.
	merged := slices.Clone(res.Merged)
	slices.SortStableFunc(merged, func(a, b customer.Provenance) int { return cmp.Compare(len(b.Absorbed), len(a.Absorbed)) })
	byID := map[customer.ID]customer.Person{}
	for _, p := range res.People {
		byID[p.ID] = p
	}
	fmt.Fprintln(w, "\nMerged clusters (masked)")
	for _, pv := range merged[:3] {
		fmt.Fprintf(w, "\n%v\n  absorbed %v\n", byID[pv.ID], pv.Absorbed)
		for _, v := range pv.Replaced {
			fmt.Fprintf(w, "  replaced %v\n", v)
		}
		if n := len(pv.Repeated); n > 0 {
			fmt.Fprintf(w, "  %d repeated values (the same value on another record)\n", n)
		}
	}

	// 5. Orders follow their customers.
	moved, before, after := 0, decimal.Zero, decimal.Zero
	for o := range customer.RepointOrders(slices.Values(orders), res.Survivor) {
		after = after.Add(o.Amount)
	}
	for _, o := range orders {
		before = before.Add(o.Amount)
		if s, ok := res.Survivor[o.CustomerID]; ok && s != o.CustomerID {
			moved++
		}
	}
	fmt.Fprintf(w, "\nOrders: %d of %d moved to their surviving customer; total %s before and %s after\n",
		moved, len(orders), before.StringFixed(2), after.StringFixed(2))

	// 6. Completeness of the basic information, before and after.
	var c customer.Completeness
	pre, err := c.People(slices.Values(people))
	if err != nil {
		return err
	}
	post, err := c.People(slices.Values(res.People))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCompleteness of basic information (target %.0f%%)\n\n", 100*customer.CompletenessTarget)
	fmt.Fprintln(w, "| field | weight | before | after |")
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	for i, f := range pre.Fields {
		fmt.Fprintf(w, "| %s | %g | %.1f%% | %.1f%% |\n", f.Field, f.Weight, 100*f.Rate, 100*post.Fields[i].Rate)
	}
	fmt.Fprintf(w, "| score | | %.1f%% | %.1f%% |\n", 100*pre.Score, 100*post.Score)
	fmt.Fprintf(w, "| complete records | | %d of %d | %d of %d |\n", pre.Complete, pre.Records, post.Complete, post.Records)
	return nil
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

// score compares the merged pairs with the injected truth and counts the
// duplicates left unmerged, by kind.
func score(d *synth.Dupes, survivor map[customer.ID]customer.ID) (precision, recall float64, missed string) {
	real := func(id customer.ID) customer.ID { return cmp.Or(d.Original[id], id) }
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
	for _, o := range d.Original {
		sizes[o]++
	}
	all := 0
	for _, n := range sizes {
		all += (n + 1) * n / 2
	}
	kinds := map[string]int{}
	for dup, orig := range d.Original {
		if survivor[dup] != survivor[orig] {
			kinds[d.Kind[dup].String()]++
		}
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, kinds[k]))
	}
	return float64(tp) / float64(max(tp+fp, 1)), float64(tp) / float64(max(all, 1)), cmp.Or(strings.Join(parts, ", "), "none")
}
