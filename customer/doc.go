// Package customer holds the customer data model the other packages share
// (persons, companies and their orders, with money as decimal.Decimal),
// validation against the Chinese national standards, behaviour summaries
// computed from order streams, dedup, and CSV and SQL input and output.
//
// It sits near the bottom of the module: tagging, rfm and segment import
// it; it imports only privacy, for masking personal data in logs and
// errors.
//
// # Usage
//
// Given people ([]Person, e.g. collected from [ReadPeople]) and orders
// (an iter.Seq[Order], e.g. slices.Values of a slice), merge the
// duplicates and summarise each customer's orders as of a date:
//
//	res, err := customer.Dedup(ctx, people, customer.DedupOptions{})
//	if err != nil {
//		return err
//	}
//	orders = customer.RepointOrders(orders, res.Survivor)
//	sums, skipped, err := customer.Summarize(ctx, orders, asOf, customer.SummaryOptions{})
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
//   - [NormalizePhone]: mainland personal mobile numbers, by the ranges of
//     libphonenumber's China metadata, with +86/0086/86 prefixes and
//     separators, in ASCII or full-width forms; [ClassifyPhone] tells
//     operator, virtual-operator and IoT/data ranges apart ([PhoneType]);
//   - [ValidateEmail]: a practical address check, internationalised
//     addresses included (RFC 6531 local parts, IDNA domains);
//     [NormalizeEmail] gives the IDNA (Punycode) form of the domain;
//   - [ParseIDNumber]: 18-character resident ID numbers per GB 11643-1999
//     (ISO 7064 MOD 11-2 check character, a division code from some
//     edition of GB/T 2260 since 1980, a real birth date not after the
//     as-of date), with birth date and gender decoded;
//     [ConvertLegacyIDNumber] turns 15-digit numbers into 18 characters;
//   - [ParseCreditCode]: unified social credit codes per GB 32100-2015
//     (known registration authority and organisation type, mod-31 check
//     character and the embedded GB 11714 organisation code check), with
//     a lenient mode for codes from the early pilot regions.
//
// A [Validator] checks whole records against an explicit as-of date and
// reports every problem at once, as an errors.Join of [*FieldError]
// values; its review rules flag cross-field oddities for human review
// without rejecting the record ([Finding], [AgeCategoryRule]).
//
// # Errors
//
// Every error about data wraps a sentinel for [errors.Is]: a kind
// ([ErrInvalidPhone], …, [ErrInvalidValue]) and a reason ([ErrLength],
// [ErrCheckCharacter], …). Problems with one record or CSV row are
// [*FieldError] values, which show at most a masked form of the offending
// value. Options that cannot be used give errors wrapping [ErrConfig]
// instead, naming the field.
//
// # Behaviour
//
// [Summarize] reads a stream of orders once and returns a [Summary] per
// customer: purchases, refunds, gross, refunded and net spend, average
// order value, first and last purchase, purchases per month, discount,
// channel and category mix. Money is summed exactly in integer minor
// units, so ten million orders cost no allocation each. Orders without a
// customer or time, dated after the as-of date, or replaying an order ID
// are skipped and counted, never silently: the rules, which rfm and clv
// share, are documented on [Skipped].
//
// # Dedup and completeness
//
// [Dedup] and [DedupCompanies] find the same customer across channels:
// keyers ([Keyer]) put records into blocks (normalised phone, phone
// suffix with name, e-mail, ID number, device ID, credit code, company
// name), a [Matcher] decides within a block (strong identifiers match;
// two different valid ID numbers or credit codes never merge; weak
// evidence is scored), matches are joined transitively, and each cluster
// is merged field by field ([MergeRule]) with full [Provenance], so
// nothing is lost. [RepointOrders] moves orders to the surviving IDs.
// [Completeness] scores how filled-in records are, per data set.
//
// # CSV and SQL
//
// [ReadPeople], [ReadCompanies] and [ReadOrders] stream records from CSV as
// iter.Seq2[T, error]: columns are matched by name (canonical, Chinese and
// English aliases, or host mappings), unknown columns land in the
// record's Attributes, and a bad row yields a [*FieldError] with its line
// number while reading goes on. [WritePeople], [WriteCompanies] and
// [WriteOrders] write what the readers read back unchanged.
//
// [ScanRows] and [QueryRows] stream the same records from a database
// through database/sql, with the same column matching (CSVOptions), the
// same row errors (with the row number in [FieldError].Row) and the SQL
// types converted: NUMERIC money as exact text, integer fen, timestamps
// with and without a zone (wall clocks in Asia/Shanghai by default).
// [SQLTable] writes results back, one row per customer keyed by customer
// ID, as batched upserts in the caller's transaction, for PostgreSQL,
// SQLite and MySQL. It takes the column names and the values from the
// caller, so it serves any package above customer (rfm scores, tags,
// segments, lifetime values) without importing them. The package imports
// database/sql only, never a driver: the host picks one.
package customer
