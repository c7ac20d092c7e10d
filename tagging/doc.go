// Package tagging labels customers: spending level, activity, needs,
// lifecycle stage, category and channel preference, loyalty and, for
// companies, decision cycle, plus whatever rules the host adds, run over
// millions of customers at a time.
//
// It sits above package customer, whose Person, Company and Summary it
// reads, and below package segment, which consumes its [Profile] and
// tags. It uses nothing else of this module.
//
// # Usage
//
//	sums, _, err := customer.Summarize(ctx, orders, asOf, customer.SummaryOptions{})
//	taggers, err := tagging.Builtin(tagging.BuiltinConfig{})
//	stats := tagging.Stats{Cross: []tagging.Pair{{Row: "spend", Col: "activity"}}}
//	for r, err := range tagging.Apply(ctx, tagging.Profiles(people, sums, asOf), taggers, tagging.Options{}) {
//		if err != nil {
//			// a *ProfileError for one profile; or ctx's error, which ends the run
//		}
//		stats.Add(r) // and keep r for segment.Members
//	}
//	fmt.Print(stats.Report())
//
// [Profiles] joins persons or companies with their customer.Summary by
// customer ID. [Apply] tags in parallel over Options.Workers goroutines
// and yields results in input order, identical whatever the number of
// workers, with memory bounded by a few batches of profiles, a progress
// callback and cancellation. [Stats] counts tags, shares per group and
// cross-tabs. Package segment's Members joins the results with the
// records, summaries and RFM scores by customer ID.
//
// Package [github.com/clientele-go/clientele/tagging/taggingtest] checks
// that a Tagger keeps its contract.
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
// The built-in taggers are configured by their fields and used as they
// are: tagging.Spend{} tags with the documented defaults,
// tagging.Spend{High: decimal.NewFromInt(800)} moves one threshold. A bad
// setting (a Spend whose High is below its Low) is an error wrapping
// [ErrConfig] from [NewPipeline], [Apply] or [Builtin], which checks them
// all and returns them ready to run:
//
//   - [Spend]: AOV above 500 high, 100–500 mid, below 100 low;
//   - [Activity]: 3+ purchases a month high, 1–3 mid, below 1 low;
//   - [Needs]: price-sensitive, quality-oriented, and feature needs from
//     declared interests through a host keyword table;
//   - [Lifecycle]: prospect, new, active, at-risk, dormant, churned;
//   - [CategoryPreference] and [ChannelPreference];
//   - [Loyalty] by repeat-purchase rate; [DecisionCycle] for companies.
//
// Hosts add their own as a [Conditional] (a predicate, optionally on tags
// given earlier, and the tag it gives) or a [Thresholds] table.
//
// # Pipelines and conflicts
//
// Taggers run in order in a [Pipeline]. When several give different
// values in one exclusive group, the last one is kept (or the first, with
// Options.FirstWins), and the Result lists the [Conflict]. Manual tags
// (Profile.Manual, each an [Assignment] with its source and date) are
// kept apart from computed ones and never overwritten; [Result.Merged]
// lays them over the computed tags when a combined view is wanted.
//
// # Errors
//
// Bad settings are errors wrapping [ErrConfig], from [NewPipeline],
// [Apply] and [Builtin] (or from Tag, for a tagger used on its own). Bad
// profiles (neither person nor company, a summary of another customer, no
// as-of date, manual tags without source or date, or in a group nobody
// declared) are reported per profile as a [*ProfileError] while the run
// goes on. Customers
// without purchases, refund-only customers and zero or negative average
// order values are ordinary input, tagged as each tagger documents.
// Errors never contain personal data.
package tagging
