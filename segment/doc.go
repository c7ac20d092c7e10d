// Package segment divides customers into market segments by dimensions —
// geography, demographics, firmographics, behaviour and psychographic tags
// — describes the segments, attaches strategies and reviews the results
// from one period to the next.
//
// It is the package that composes the others: it reads customer records
// and summaries, tags from tagging, RFM scores from rfm and cluster labels
// from cluster, behind one small interface.
//
// # Usage
//
// From customer.Summarize's summaries, rfm scores and tagging.Apply's
// results (see [Members] for the whole flow from orders):
//
//	members, unmatched, err := segment.Members{AsOf: asOf, People: people, Summaries: sums, Scores: scores, Tags: results}.Join()
//	rs, err := segment.Personas().Compile()
//	res, err := segment.Run(ctx, members, rs, segment.Options{MinShare: 0.05})
//	res.WriteMarkdown(os.Stdout) // or WriteCSV, WriteJSON
//	for _, w := range res.Warnings { ... } // small segments, unassigned members
//
// [Run] segments the members in parallel (Options.Workers, identical
// results for every count) and builds a [Portrait] per segment: size and
// share, age, gender, tier, city, industry and size-class distributions,
// AOV and purchase frequency (mean and median), top tags, top categories
// and channel mix, with the segment's [Strategy]. [Compare] reviews two
// periods: conversion and repurchase rates, AOV change and campaign ROI
// per segment, the migration matrix of customers between segments, and
// the completeness KPI of the records.
//
// # Members and segmenters
//
// A [Member] is a tagging.Profile (the person or company, its
// customer.Summary, the as-of date) plus its tags and RFM scores.
// [Members] builds them: it joins people and companies with their
// summaries (customer.Summarize's output), RFM scores and tagging results
// by customer ID, and reports what it could not pair. A [Segmenter]
// assigns a member to segments with one append-style method; three
// adapters cover the usual ways:
//
//   - a rule [Table], compiled to a [RuleSet]: named conjunctions of
//     conditions tried in order, first match wins (or every match, with
//     Table.Multi), with a catch-all; [Personas] is the seeds' four
//     example personas as a ready table;
//   - [NewRFM]: the segments of an rfm.SegmentTable, from Member.RFM;
//   - [NewClusters]: the nearest centroid of a fitted *cluster.Model, from a
//     feature vector the host builds and an optional scaler.
//
// [SegmenterFunc] adapts any function.
//
// # Dimensions
//
// Conditions are written as text, "field operator value", and parsed by
// [ParseCondition]: "age between 18 and 30", "tier in 一线, 新一线",
// "online_share >= 60%", "size = 大型", "tag = need=price-sensitive". Each
// field belongs to a dimension: "geography", "demographics",
// "firmographics", "behaviour" or "psychographics" (for tags, see
// [TagDimension]). The seeds advise segmenting by one or two, so a rule
// that combines more is reported (Table.MaxDimensions).
//
// The reference facts the dimensions need are compiled into the package,
// with their sources named beside the tables:
//
//   - [Locate]: the tier (一线 … 五线) of each of the 337 cities of the
//     2025 新一线 city ranking, accepting names with or without 市, and the
//     seven-region split and the Qinling–Huaihe north/south divide for
//     every province, as a [Place];
//   - [SizeClass]: the National Bureau of Statistics 2017 enterprise size
//     classes (大型, 中型, 小型, 微型) with its AND/OR rules, by industry.
//
// # Bad input
//
// Nothing in this package panics on data. Members with neither or both of
// Person and Company, or without an as-of date, are skipped and listed
// (Result.Invalid). A condition on data a member lacks is false: a person
// without a birth date has no age and falls in no age band (portraits show
// 未知 and Result.MissingBirthDates counts them); a city outside the
// ranking has no tier and is counted (Result.UnknownCities). A company
// with revenue but no headcount is sized by revenue alone; an industry
// outside the NBS table is sized and matched as 其他未列明行业. With
// first-match rules, overlapping rules are decided by order
// ([RuleSet.Overlaps] counts the members several rules match); a rule
// after an unconditional one is reported as unreachable. A table without
// rules is an error wrapping [ErrConfig], as is a condition that does not
// parse (a [*RuleError] naming the rule and condition). [Members.Join]
// lists the summaries, scores and tags of customers it does not know in
// [Unmatched], and rejects repeated customer IDs ([ErrDuplicateID]).
package segment
