// Package tagging labels customers: spending level, activity, needs,
// lifecycle stage, category and channel preference, loyalty and, for
// companies, decision cycle, plus whatever rules the host adds, run over
// millions of customers at a time.
//
// It sits above package customer, whose Person, Company and Summary it
// reads, and below package segment, which consumes its [Profile] and
// tags. It uses nothing else of this module.
//
// # Concepts
//
// A [Tag] is a value in a group (spend=high). A group is exclusive (one
// value per customer) or multi-valued (any number), as declared by a
// [Group]. A [Tagger] reads a [Profile] (a person or company, its
// customer.Summary, an as-of date and manual tags) and appends tags; it is
// one method in append style, so the common case allocates nothing.
// [TaggerFunc] adapts a function; [Namer] and [Grouper] are optional
// extras.
//
// The built-in taggers ([Builtin] returns them all) take a config struct
// whose zero value gives documented defaults, and a constructor that
// rejects bad settings (for example [NewSpend] with High below Low returns
// an error wrapping [ErrThresholds]):
//
//   - [Spend]: AOV above 500 high, 100–500 mid, below 100 low;
//   - [Activity]: 3+ purchases a month high, 1–3 mid, below 1 low;
//   - [Needs]: price-sensitive, quality-oriented, and feature needs from
//     declared interests through a host keyword table;
//   - [Lifecycle]: prospect, new, active, at-risk, dormant, churned;
//   - [CategoryPreference] and [ChannelPreference];
//   - [Loyalty] by repeat-purchase rate; [DecisionCycle] for companies.
//
// Hosts add their own as a [Rule] (a predicate, optionally on tags given
// earlier, and the tag it gives) or a [Thresholds] table.
//
// # Pipelines and conflicts
//
// Taggers run in order in a [Pipeline]. When several give different
// values in one exclusive group, the [Policy] keeps the last (default) or
// the first, and the Result lists the [Conflict]. Manual tags
// (Profile.Manual, each an [Assignment] with its source and date) are
// kept apart from computed ones and never overwritten; [Result.Merged]
// lays them over the computed tags when a combined view is wanted.
//
// # Usage
//
//	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
//	stats := tagging.Stats{Cross: []tagging.Pair{{Row: "spend", Col: "activity"}}}
//	for r, err := range tagging.Apply(ctx, slices.Values(profiles), taggers, tagging.Options{}) {
//		if err != nil {
//			// a *ProfileError for one profile; or ctx's error, which ends the run
//		}
//		stats.Add(r) // and store r.Tags
//	}
//	fmt.Print(stats.String())
//
// [Apply] tags in parallel over Options.Workers goroutines and yields
// results in input order, identical whatever the number of workers, with
// memory bounded by a few batches of profiles, a progress callback and
// cancellation. [Stats] counts tags, shares per group and cross-tabs.
//
// Package [github.com/clientele-go/clientele/tagging/taggingtest] checks
// that a Tagger keeps its contract.
//
// # Errors
//
// Bad settings are errors from the constructors and [NewPipeline],
// wrapping [ErrConfig] or [ErrThresholds]. Bad profiles (neither person
// nor company, a summary of another customer, no as-of date, manual tags
// without source or date, or in a group nobody declared) are reported
// per profile as a [*ProfileError] while the run goes on. Customers
// without purchases, refund-only customers and zero or negative average
// order values are ordinary input, tagged as each tagger documents.
// Errors never contain personal data.
package tagging
