// Personas segments a sample customer base into the seeds' four example
// personas (young quality seekers, family pragmatists, industry leaders,
// SMB growth companies) with a rule table, prints each persona's profile
// and strategy with the guard-rail warnings, and reviews the consumer
// personas from one half-year to the next: conversion, repurchase, AOV
// change, campaign ROI, migration between personas and data quality.
//
//	go run ./examples/personas
//
// To use your own data, replace the synth sample with customer.ReadPeople,
// customer.ReadCompanies and customer.ReadOrders, and adapt the rules of
// segment.Personas to your thresholds.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
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
	// orders.
	ds := synth.Generate(synth.Config{People: 4000, Companies: 1000, Seed: 11})
	sums, _, err := customer.Summarize(ctx, slices.Values(ds.Orders), ds.AsOf, customer.SummaryOptions{})
	if err != nil {
		return err
	}
	byID := make(map[customer.ID]*customer.Summary, len(sums))
	for i := range sums {
		byID[sums[i].CustomerID] = &sums[i]
	}

	// 2. One member per customer: the record, its summary (nil without
	// orders) and the built-in tags. Sales notes flag some companies as
	// price-sensitive by hand; manual tags count as much as computed ones.
	members := make([]segment.Member, 0, len(ds.People)+len(ds.Companies))
	for i := range ds.People {
		members = append(members, segment.Member{Profile: tagging.Profile{Person: &ds.People[i], Summary: byID[ds.People[i].ID], AsOf: ds.AsOf}})
	}
	for i := range ds.Companies {
		m := segment.Member{Profile: tagging.Profile{Company: &ds.Companies[i], Summary: byID[ds.Companies[i].ID], AsOf: ds.AsOf}}
		if i%3 == 0 { // illustrative sales notes
			m.Manual = []tagging.Assignment{{
				Tag:    tagging.Tag{Group: tagging.GroupNeed, Value: "price-sensitive"},
				Source: "sales-note", AsOf: ds.AsOf,
			}}
		}
		members = append(members, m)
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
		members[r.Index].Tags = r.Merged()
	}

	// 3. The seeds' personas, first match wins, with a catch-all: the two
	// consumer personas for persons and the two business personas for
	// companies, so that shares and the size guard are relative to each
	// customer base.
	all := segment.Personas()
	b2c, b2b := all, all
	b2c.Rules, b2b.Rules = all.Rules[:2], all.Rules[2:]
	fmt.Fprintf(w, "Personas as of %s: %d persons, %d companies\n\n", ds.AsOf.Format("2006-01-02"), len(ds.People), len(ds.Companies))
	for _, base := range []struct {
		name    string
		table   segment.Table
		members []segment.Member
	}{{"Persons", b2c, members[:len(ds.People)]}, {"Companies", b2b, members[len(ds.People):]}} {
		rs, err := base.table.Compile()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "## %s\n\n", base.name)
		for i, r := range base.table.Rules {
			fmt.Fprintf(w, "%s (%s), dimensions %v:\n", r.Segment.Name, r.Segment.ID, rs.Dimensions(i))
			for _, c := range r.When {
				fmt.Fprintf(w, "    %s\n", c)
			}
		}
		fmt.Fprintln(w)

		// 4. Segment, profile, and report with the strategies.
		res, err := segment.Run(ctx, base.members, rs, segment.Options{MinShare: 0.03})
		if err != nil {
			return err
		}
		if err := res.WriteMarkdown(w); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}

	// 5. Review: the consumer personas in the second half of 2025 against
	// the first half of 2026, each half summarised on its own orders, with
	// a campaign budget spent on each persona in 2026.
	rs, err := b2c.Compile()
	if err != nil {
		return err
	}
	h2 := time.Date(2025, 7, 1, 0, 0, 0, 0, synth.CST)
	h1 := time.Date(2026, 1, 1, 0, 0, 0, 0, synth.CST)
	period := func(from, to time.Time) (segment.Period, error) {
		asOf := to.Add(-time.Second)
		sums, _, err := customer.Summarize(ctx, segment.Between(slices.Values(ds.Orders), from, to), asOf, customer.SummaryOptions{})
		if err != nil {
			return segment.Period{}, err
		}
		byID := make(map[customer.ID]*customer.Summary, len(sums))
		for i := range sums {
			byID[sums[i].CustomerID] = &sums[i]
		}
		ms := make([]segment.Member, len(ds.People))
		for i := range ds.People {
			ms[i] = segment.Member{Profile: tagging.Profile{Person: &ds.People[i], Summary: byID[ds.People[i].ID], AsOf: asOf}}
		}
		res, err := segment.Run(ctx, ms, rs, segment.Options{})
		return segment.Period{Members: ms, Result: res}, err
	}
	before, err := period(h2, h1)
	if err != nil {
		return err
	}
	after, err := period(h1, h1.AddDate(0, 6, 0))
	if err != nil {
		return err
	}
	rev, err := segment.Compare(before, after, segment.ReviewOptions{Costs: map[string]decimal.Decimal{
		"young-quality-seekers": decimal.NewFromInt(20_000),
		"family-pragmatists":    decimal.NewFromInt(5_000),
	}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "## Review: 2025 H2 cohorts in 2026 H1")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| persona | members | conversion | repurchase | AOV H2 | AOV H1 | change | revenue | cost | ROI | completeness |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range rev.Segments {
		roi := "–"
		if s.HasROI {
			roi = s.ROI.StringFixed(2)
		}
		fmt.Fprintf(w, "| %s | %d | %.1f%% | %.1f%% | %s | %s | %s | %s | %s | %s | %.2f |\n",
			s.Segment.DisplayName(), s.Members, 100*s.ConversionRate, 100*s.RepurchaseRate,
			s.AOVBefore.StringFixed(2), s.AOVAfter.StringFixed(2), s.AOVChange.StringFixed(2),
			s.Revenue.StringFixed(2), s.Cost.StringFixed(2), roi, s.Completeness)
	}
	mg := rev.Migration
	fmt.Fprintf(w, "\nMigration (rows: 2025 H2, columns: 2026 H1):\n\n| | %s |\n|---|%s\n", strings.Join(mg.To, " | "), strings.Repeat("---:|", len(mg.To)))
	for i, row := range mg.Counts {
		cells := make([]string, len(row))
		for j, n := range row {
			cells[j] = strconv.Itoa(n)
		}
		fmt.Fprintf(w, "| %s | %s |\n", mg.From[i], strings.Join(cells, " | "))
	}
	fmt.Fprintf(w, "\nStability: %.1f%% of the customers in a persona in both halves kept it.\n", 100*mg.Stability)
	fmt.Fprintf(w, "Data quality: completeness %.2f (target %.2f, met: %v)\n", rev.After.Score, customer.CompletenessTarget, rev.After.MeetsTarget)
	return nil
}
