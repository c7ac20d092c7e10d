package customer

import (
	"context"
	"log/slog"
)

// DedupOptions configures [Dedup]. The zero value uses the defaults
// documented on each field. Options that cannot be used give an error
// wrapping [ErrConfig] that names the field.
type DedupOptions struct {
	// Keys are the blocking keys: records are compared only when a Keyer
	// gives both the same key. nil means the defaults: [PhoneKey],
	// [EmailKey], [IDNumberKey], [DeviceKey] and PhoneSuffixKey(0). An
	// empty non-nil list, or a Keyer without a Keys func, is an error.
	Keys []Keyer[Person]
	// Matcher decides whether two records are the same person; nil
	// means PersonMatcher{}, whose fields Dedup checks before use.
	Matcher Matcher[Person]
	// Survivor ranks the records of a cluster: it returns a negative
	// number when a ranks before b, a positive one when after, and 0
	// when it does not care, in which case the smaller ID ranks first.
	// The first record survives: the merged record takes its ID, and
	// ties between field values go to the records in this order. nil
	// means the most complete record (see [Completeness]), then the most
	// recently updated (UpdatedAt, or CreatedAt when it is zero), then
	// the smallest ID. Survivor may be called concurrently and must not
	// modify or keep its arguments.
	Survivor func(a, b *Person) int
	// Fields overrides the merge rule of fields, by CSV column name
	// ("attributes" for all host attributes). Without an override a
	// field keeps the value of the most recently updated record
	// (MergeNewest), except acquisition_channel, source and created_at,
	// which keep the earliest created record's (MergeOldest: where and
	// when the customer was first acquired), and interests and
	// device_ids, which are unioned (MergeUnion). An unknown field or
	// rule is an error.
	Fields map[string]MergeRule
	// MaxBlock is the largest block that is compared pair by pair; 0
	// means 100. Larger blocks (a store's default phone number on
	// thousands of records, a popular name with a common suffix) are not
	// compared, so the work stays linear; DedupStats.Capped lists them.
	// Negative is an error.
	MaxBlock int
	// Workers is the number of goroutines: 0 means GOMAXPROCS, 1 runs
	// sequentially. Every value gives the same result. Negative is an
	// error.
	Workers int
	// Logger receives a warning for each capped block (the key's name,
	// the block's size and its smallest ID; never a key value). nil
	// means silent.
	Logger *slog.Logger
}

// DedupResult is the outcome of [Dedup].
type DedupResult struct {
	// People holds one record per customer: the input records that
	// absorbed no other and were not absorbed, as they were, and one
	// merged record per cluster of duplicates, with its survivor's ID.
	// They are in the input order of their IDs. Unmerged records share
	// their slices and maps with the input; merged records have their
	// own.
	People []Person
	// Survivor maps every input ID to the ID of the record in People
	// that holds it: its own for records not absorbed. Pass it to
	// [RepointOrders].
	Survivor map[ID]ID
	// Merged holds the provenance of each merged record, by ascending
	// ID.
	Merged []Provenance
	// Stats describes the work done.
	Stats DedupStats
}

// CompanyDedupOptions configures [DedupCompanies] as [DedupOptions]
// configures [Dedup].
type CompanyDedupOptions struct {
	// Keys: nil means [CreditCodeKey] (strict) and [CompanyNameKey].
	Keys []Keyer[Company]
	// Matcher: nil means CompanyMatcher{LenientCreditCodes: LenientCreditCodes}.
	Matcher Matcher[Company]
	// Survivor: nil means the most complete record (see [Completeness]),
	// then the most recently updated, then the smallest ID.
	Survivor func(a, b *Company) int
	// Fields overrides merge rules as DedupOptions.Fields does. Defaults:
	// MergeNewest, except created_at (MergeOldest) and contacts and
	// products (MergeUnion; identical contacts are kept once).
	Fields map[string]MergeRule
	// LenientCreditCodes counts codes with a wrong check character as
	// valid (see [ParseCreditCode]) for the conflict rule (two different
	// valid codes never merge) and for the default Matcher.
	LenientCreditCodes bool
	// MaxBlock is the largest block compared pair by pair; 0 means 100.
	MaxBlock int
	// Workers is the number of goroutines: 0 means GOMAXPROCS, 1 runs
	// sequentially. Every value gives the same result.
	Workers int
	// Logger receives a warning per capped block; nil means silent.
	Logger *slog.Logger
}

// CompanyDedupResult is the outcome of [DedupCompanies]; see
// [DedupResult].
type CompanyDedupResult struct {
	Companies []Company    // one record per company, in input order of their IDs
	Survivor  map[ID]ID    // every input ID to the ID of the record that holds it
	Merged    []Provenance // provenance of each merged record, by ascending ID
	Stats     DedupStats   // the work done
}

// DedupStats describes the work [Dedup] did.
type DedupStats struct {
	// Records is the number of input records; Clusters the number of
	// merged records; Absorbed the number of input records merged into
	// another (Records - Absorbed records come out).
	Records, Clusters, Absorbed int
	// NoKey counts records without any key; they are kept as they are.
	NoKey int
	// InvalidPhone counts persons whose phone is neither a valid mobile
	// number nor a masked one: kept as is, but not used as a key or as
	// evidence.
	InvalidPhone int
	// Comparisons counts Matcher calls; Matches the pairs it accepted.
	Comparisons, Matches int
	// Conflicts counts accepted pairs not merged because their clusters
	// hold different valid ID numbers (credit codes for companies).
	Conflicts int
	// Rounds is the number of passes: after a pass that merges, merged
	// records are compared again with the records they now share keys
	// with, until nothing changes.
	Rounds int
	// Capped lists the blocks larger than MaxBlock at the end, which
	// were not compared pair by pair, by key name and smallest ID.
	Capped []CappedBlock
}

// CappedBlock is a block too large to compare pair by pair.
type CappedBlock struct {
	Key   string // the Keyer's name, or "keys[i]"
	Size  int    // number of records sharing the key
	First ID     // the smallest ID in the block
}

// Dedup finds the records in people that describe the same person and
// merges each such cluster into one record.
//
// It works in three steps. Blocking: each Keyer gives each record its
// keys, and records that share a key form a block. Matching: within each
// block of at most MaxBlock records, the Matcher compares every pair.
// Clustering: accepted pairs are joined transitively (union-find), in
// descending score order, except that two clusters holding different
// valid resident ID numbers are never joined. Each cluster is then ranked
// by the Survivor rule and merged field by field (see [MergeRule]), with
// its [Provenance]. A merged record can share keys with records its
// inputs did not, so merged records are compared again with the records
// they now share keys with until nothing changes. That makes Dedup
// idempotent: running it on its own People (with the same options and a
// deterministic Matcher) merges nothing more.
//
// The result does not depend on the order of people or on Workers. The
// Keyers, the Matcher and the Survivor rule are called from up to Workers
// goroutines at once, all of which have returned when Dedup returns.
// Records without keys, and phones that are neither valid nor masked,
// are kept as they are and counted in Stats. An empty input gives an
// empty result.
//
// Bad options give an error wrapping [ErrConfig]. A record with an empty
// ID is an error ([*FieldError] on "id" naming the record's index), and
// so are IDs that occur more than once: an [errors.Join] of one
// [*FieldError] per repeated ID, in ascending order, each wrapping
// [ErrDuplicateID]. Errors never contain personal data. people is not
// modified. Dedup returns ctx.Err() when ctx is cancelled.
func Dedup(ctx context.Context, people []Person, opts DedupOptions) (DedupResult, error) {
	e := &engine[Person]{
		info:     &personInfo,
		keyers:   opts.Keys,
		matcher:  opts.Matcher,
		rank:     opts.Survivor,
		rules:    opts.Fields,
		maxBlock: opts.MaxBlock,
		workers:  opts.Workers,
		logger:   opts.Logger,
		strong: func(p *Person) string {
			id, _ := validIDNumber(p.IDNumber)
			return id
		},
		note: func(p *Person, s *DedupStats) {
			if p.Phone != "" {
				if _, ok := parsePhone(p.Phone); !ok {
					s.InvalidPhone++
				}
			}
		},
	}
	if e.keyers == nil {
		e.keyers = defaultPersonKeys()
	}
	if e.matcher == nil {
		e.matcher = PersonMatcher{}
	}
	if e.rank == nil {
		e.complete = mustWeights(defaultPersonFieldWeights(), personFilled)
	}
	r, err := e.run(ctx, people)
	if err != nil {
		return DedupResult{}, err
	}
	return DedupResult{People: r.records, Survivor: r.survivor, Merged: r.merged, Stats: r.stats}, nil
}

// DedupCompanies finds the records in companies that describe the same
// company and merges them, as [Dedup] does for persons. By default
// companies are blocked by credit code and normalised name and matched
// by [CompanyMatcher]; two clusters holding different valid credit codes
// are never joined. Its errors are Dedup's.
func DedupCompanies(ctx context.Context, companies []Company, opts CompanyDedupOptions) (CompanyDedupResult, error) {
	e := &engine[Company]{
		info:     &companyInfo,
		keyers:   opts.Keys,
		matcher:  opts.Matcher,
		rank:     opts.Survivor,
		rules:    opts.Fields,
		maxBlock: opts.MaxBlock,
		workers:  opts.Workers,
		logger:   opts.Logger,
		strong: func(c *Company) string {
			code, _ := validCreditCode(c.CreditCode, opts.LenientCreditCodes)
			return code
		},
	}
	if e.keyers == nil {
		e.keyers = defaultCompanyKeys()
	}
	if e.matcher == nil {
		e.matcher = CompanyMatcher{LenientCreditCodes: opts.LenientCreditCodes}
	}
	if e.rank == nil {
		e.complete = mustWeights(defaultCompanyFieldWeights(), companyFilled)
	}
	r, err := e.run(ctx, companies)
	if err != nil {
		return CompanyDedupResult{}, err
	}
	return CompanyDedupResult{Companies: r.records, Survivor: r.survivor, Merged: r.merged, Stats: r.stats}, nil
}
