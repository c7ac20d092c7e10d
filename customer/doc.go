// Package customer holds the customer data model the other packages share
// (persons, companies and their orders, with money as decimal.Decimal),
// validation against the Chinese national standards, behaviour summaries
// computed from order streams, and CSV input and output.
//
// It sits near the bottom of the module: tagging, rfm and segment import
// it; it imports only privacy, for masking personal data in logs and
// errors.
//
// # Records
//
// [Person], [Company] and [Order] are plain structs whose zero values are
// empty records. Strings are kept as received; normalisers give canonical
// forms. Person and Company implement fmt.Stringer, fmt.GoStringer and
// slog.LogValuer with personal data masked, so logging a record never
// prints a raw phone number, e-mail address, ID number or full name.
//
// # Validation
//
// The field validators follow the standards:
//
//   - [NormalizePhone]: mainland mobile numbers (1[3-9] and 9 digits), with
//     +86/0086/86 prefixes and separators, in ASCII or full-width forms;
//   - [ValidateEmail]: a practical address check, documented there;
//   - [ValidateIDNumber] and [ParseIDNumber]: 18-character resident ID
//     numbers per GB 11643-1999 (ISO 7064 MOD 11-2 check character, real
//     birth date, known province), with birth date and gender decoded;
//   - [ValidateCreditCode] and [ParseCreditCode]: unified social credit
//     codes per GB 32100-2015 (mod-31 check character and the embedded
//     GB 11714 organisation code check), with a lenient mode for codes
//     from the early pilot regions.
//
// A [Validator] checks whole records against an explicit as-of date and
// reports every problem at once, as an errors.Join of [*FieldError]
// values; its [Rule]s flag cross-field oddities for human review without
// rejecting the record. Every error wraps a sentinel for [errors.Is] and
// shows at most a masked form of the offending value.
//
// # Behaviour
//
// [Summarize] (or a [Summarizer] fed order by order) reads a stream of
// orders once and returns a [Summary] per customer: purchases, refunds,
// gross, refunded and net spend, average order value, first and last
// purchase, purchases per month, discount, channel and category mix. Money
// is summed exactly in integer minor units, so ten million orders cost no
// allocation each. Orders dated after the as-of date, replayed order IDs
// and orders without a customer are skipped and counted, never silently.
//
// # Dedup and completeness
//
// [Dedup] and [DedupCompanies] find the same customer across channels:
// [Keyer]s put records into blocks (normalised phone, phone suffix with
// name, e-mail, ID number, device ID, credit code, company name), a
// [Matcher] decides within a block (strong identifiers match; two
// different valid ID numbers or credit codes never merge; weak evidence is
// scored), matches are joined transitively, and each cluster is merged
// field by field with full [Provenance], so nothing is lost.
// [RepointOrders] moves orders to the surviving IDs. [Completeness] scores
// how filled-in records are, per record and per data set.
//
// # CSV
//
// [ReadPeople], [ReadCompanies] and [ReadOrders] stream records from CSV as
// iter.Seq2[T, error]: columns are matched by name (canonical, Chinese and
// English aliases, or host mappings), unknown columns land in the
// record's Attributes, and a bad row yields a [*ParseError] with its line
// number while reading goes on. [WritePeople], [WriteCompanies] and
// [WriteOrders] write what the readers read back unchanged.
package customer
