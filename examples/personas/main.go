// Personas segments a sample customer base into the seeds' four example
// personas (young quality seekers, family pragmatists, industry leaders,
// SMB growth companies) with a rule table, prints each persona's profile
// and strategy with the guard-rail warnings, and reviews the consumer
// personas from one half-year to the next: conversion, repurchase, AOV
// change, campaign ROI, migration between personas and data quality.
//
//	go run ./examples/personas
//
// To use your own data, replace the sample with customer.ReadPeople,
// customer.ReadCompanies and customer.ReadOrders, and adapt the rules of
// segment.Personas to your thresholds.
package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/report"
	"github.com/clientele-go/clientele/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "personas:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	ctx := context.Background()

	// 1. Sample: 4,000 persons and 1,000 companies with three years of
	// orders, summarised per customer.
	data := sample.Generate(sample.Config{People: 4000, Companies: 1000, Seed: 11})
	people, companies, asOf := data.People, data.Companies, data.AsOf
	sums, _, err := customer.Summarize(ctx, slices.Values(data.Orders), asOf, customer.SummaryOptions{})
	if err != nil {
		return err
	}

	// 2. The built-in tags of every customer. Sales notes flag some
	// companies as price-sensitive by hand; manual tags count as much as
	// computed ones.
	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
	if err != nil {
		return err
	}
	tags, err := tagAll(ctx, taggers, tagging.Profiles(people, sums, asOf), withSalesNotes(tagging.Profiles(companies, sums, asOf)))
	if err != nil {
		return err
	}

	// 3. One member per customer (persons first), joined by ID with its
	// summary and tags.
	members, _, err := segment.Members{AsOf: asOf, People: people, Companies: companies, Summaries: sums, Tags: tags}.Join()
	if err != nil {
		return err
	}

	// 4. The seeds' personas, first match wins, with a catch-all: the two
	// consumer personas for persons and the two business personas for
	// companies, so that shares and the size guard are relative to each
	// customer base.
	all := segment.Personas()
	b2c, b2b := all, all
	b2c.Rules, b2b.Rules = all.Rules[:2], all.Rules[2:]
	fmt.Fprintf(w, "Personas as of %s: %d persons, %d companies\n\n", asOf.Format("2006-01-02"), len(people), len(companies))
	if err := segmentAndReport(ctx, w, "Persons", b2c, members[:len(people)]); err != nil {
		return err
	}
	if err := segmentAndReport(ctx, w, "Companies", b2b, members[len(people):]); err != nil {
		return err
	}

	// 5. Review: the consumer personas in the second half of 2025 against
	// the first half of 2026, each half summarised on its own orders, with
	// a campaign budget spent on each persona in 2026.
	rev, err := reviewHalves(ctx, b2c, people, data.Orders, map[string]decimal.Decimal{
		"young-quality-seekers": decimal.NewFromInt(20_000),
		"family-pragmatists":    decimal.NewFromInt(5_000),
	})
	if err != nil {
		return err
	}
	printReview(w, rev)
	return nil
}

// tagAll tags the profiles of each sequence with taggers and returns the
// results, stopping at the first error.
func tagAll(ctx context.Context, taggers []tagging.Tagger, profiles ...iter.Seq[tagging.Profile]) ([]tagging.Result, error) {
	var results []tagging.Result
	for _, seq := range profiles {
		for r, err := range tagging.Apply(ctx, seq, taggers, tagging.Options{}) {
			if err != nil {
				return nil, err
			}
			results = append(results, r)
		}
	}
	return results, nil
}

// withSalesNotes adds a manual need=price-sensitive tag, as a sales note
// would, to every third profile (an illustration).
func withSalesNotes(profiles iter.Seq[tagging.Profile]) iter.Seq[tagging.Profile] {
	return func(yield func(tagging.Profile) bool) {
		i := 0
		for p := range profiles {
			if i%3 == 0 {
				p.Manual = []tagging.Assignment{{
					Tag:    tagging.Tag{Group: tagging.GroupNeed, Value: "price-sensitive"},
					Source: "sales-note", AsOf: p.Date(),
				}}
			}
			i++
			if !yield(p) {
				return
			}
		}
	}
}

// segmentAndReport prints the rules of table, segments the members with
// it and prints the portraits, strategies and warnings.
func segmentAndReport(ctx context.Context, w io.Writer, title string, table segment.Table, members []segment.Member) error {
	rs, err := table.Compile()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "## %s\n\n", title)
	for i, r := range table.Rules {
		fmt.Fprintf(w, "%s (%s), dimensions %v:\n", r.Segment.Name, r.Segment.ID, rs.Dimensions(i))
		for _, c := range r.When {
			fmt.Fprintf(w, "    %s\n", c)
		}
	}
	fmt.Fprintln(w)
	res, err := segment.Run(ctx, members, rs, segment.Options{MinShare: 0.03})
	if err != nil {
		return err
	}
	if err := res.WriteMarkdown(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return nil
}

// reviewHalves compares the people's personas in 2025 H2 with those in
// 2026 H1, with the campaign costs per persona in 2026 H1.
func reviewHalves(ctx context.Context, table segment.Table, people []customer.Person, orders []customer.Order, costs map[string]decimal.Decimal) (*segment.Review, error) {
	cst := time.FixedZone("CST", 8*3600)
	h2, h1 := time.Date(2025, 7, 1, 0, 0, 0, 0, cst), time.Date(2026, 1, 1, 0, 0, 0, 0, cst)
	before, err := period(ctx, table, people, orders, h2, h1)
	if err != nil {
		return nil, err
	}
	after, err := period(ctx, table, people, orders, h1, h1.AddDate(0, 6, 0))
	if err != nil {
		return nil, err
	}
	return segment.Compare(before, after, segment.ReviewOptions{Costs: costs})
}

// period segments the people by table on their orders from from to to
// (the end excluded), summarised as of the last second of the period.
func period(ctx context.Context, table segment.Table, people []customer.Person, orders []customer.Order, from, to time.Time) (segment.Period, error) {
	rs, err := table.Compile()
	if err != nil {
		return segment.Period{}, err
	}
	asOf := to.Add(-time.Second)
	sums, _, err := customer.Summarize(ctx, segment.Between(slices.Values(orders), from, to), asOf, customer.SummaryOptions{})
	if err != nil {
		return segment.Period{}, err
	}
	members, _, err := segment.Members{AsOf: asOf, People: people, Summaries: sums}.Join()
	if err != nil {
		return segment.Period{}, err
	}
	res, err := segment.Run(ctx, members, rs, segment.Options{})
	return segment.Period{Members: members, Result: res}, err
}

// printReview prints the review of each persona, the migration between
// personas and the data quality.
func printReview(w io.Writer, rev *segment.Review) {
	fmt.Fprintln(w, "## Review: 2025 H2 cohorts in 2026 H1")
	fmt.Fprintln(w)
	tw := report.NewTabWriter(w, 0, false) // pads cells with Chinese names correctly
	markdownRow(tw, "persona", "members", "conversion", "repurchase", "AOV H2", "AOV H1", "change", "revenue", "cost", "ROI", "completeness")
	markdownRow(tw, "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:")
	for _, s := range rev.Segments {
		roi := "–"
		if s.HasROI {
			roi = s.ROI.StringFixed(2)
		}
		markdownRow(tw, s.Segment.DisplayName(), strconv.Itoa(s.Members),
			fmt.Sprintf("%.1f%%", 100*s.ConversionRate), fmt.Sprintf("%.1f%%", 100*s.RepurchaseRate),
			s.AOVBefore.StringFixed(2), s.AOVAfter.StringFixed(2), s.AOVChange.StringFixed(2),
			s.Revenue.StringFixed(2), s.Cost.StringFixed(2), roi, fmt.Sprintf("%.2f", s.Completeness))
	}
	tw.Flush()
	mg := rev.Migration
	fmt.Fprint(w, "\nMigration (rows: 2025 H2, columns: 2026 H1):\n\n")
	markdownRow(tw, append([]string{""}, mg.To...)...)
	markdownRow(tw, append([]string{"---"}, slices.Repeat([]string{"---:"}, len(mg.To))...)...)
	for i, row := range mg.Counts {
		cells := []string{mg.From[i]}
		for _, n := range row {
			cells = append(cells, strconv.Itoa(n))
		}
		markdownRow(tw, cells...)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nStability: %.1f%% of the customers in a persona in both halves kept it.\n", 100*mg.Stability)
	fmt.Fprintf(w, "Data quality: completeness %.2f (target %.2f, met: %v)\n", rev.After.Score, customer.CompletenessTarget, rev.After.MeetsTarget)
}

// markdownRow writes cells as a row of a Markdown table through tw, which
// pads every cell to its column's display width.
func markdownRow(tw io.Writer, cells ...string) {
	for _, c := range cells {
		fmt.Fprintf(tw, "| %s \t", c)
	}
	fmt.Fprintln(tw, "|")
}
