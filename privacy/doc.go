// Package privacy protects the personal data of customers: it masks what
// is displayed or shared, classifies fields by sensitivity, encrypts
// fields at rest, derives blind indexes and per-partner pseudonyms, keeps
// a consent ledger and finds dormant records for retention review or
// erasure.
//
// It sits at the bottom of the module: it depends on the standard library
// only and knows nothing of customer types, so the customer package (and
// any host code) can use it to keep raw phone numbers, e-mail addresses
// and ID numbers out of logs, errors and exports. Rules follow PIPL, the
// Data Security Law and GDPR practice; the package is a tool for them, not
// legal advice.
//
// # Usage
//
// Mask single values with one function per field kind: [MaskName],
// [MaskPhone], [MaskEmail], [MaskIDNumber], [MaskBankCard] and
// [MaskAddress]:
//
//	privacy.MaskPhone("13812345678")        // 138****5678
//	privacy.MaskName("欧阳娜娜")               // 欧阳**
//	privacy.MaskIDNumber("11010519491231002X") // 1101**********002X
//
// They are pure, deterministic, idempotent, safe for concurrent use,
// rune-aware and never panic; every one documents what it keeps. Each has
// an append form ([AppendMaskPhone] and so on), the fast path of the same
// function: it writes into a caller's buffer without allocating.
// [MaskMiddle] is the general helper for other values.
//
// Mask whole structs with a [Redactor] and struct tags:
//
//	type Contact struct {
//		Name  string `mask:"name" sensitivity:"sensitive"`
//		Phone string `mask:"phone"`
//		City  string `sensitivity:"public"`
//	}
//	masked, err := privacy.Masked(&redactor, contact)
//
// [Redactor.Maskers] adds mask kinds of one's own, as append functions.
//
// For exports, a [Policy] maps each sensitivity level ([Sensitive] 敏感,
// [General] 一般, [Public] 公开) to an [Action]: keep, mask, pseudonymise or
// drop; [Apply] and [Redactor.Fields] apply it.
//
// Encrypt fields with a [Keyring] (AES-256-GCM, associated data, key
// rotation with [Reencrypt]) or with any KMS behind the [Cipher]
// interface. Search and
// deduplicate encrypted values with a [BlindIndex]; share stable,
// partner-specific identifiers with a [Pseudonymizer].
//
// Record consent with a [Ledger] and check it with [Ledger.Allowed];
// [FilterConsented] drops customers without consent from an audience.
// [Retention] finds dormant customers against an explicit as-of date and
// [Erase] clears a record's personal fields, reporting what it erased.
//
// # Security notes
//
// Masking is for display and sharing, not for protection at rest: a
// masked phone number still narrows the search to ten thousand numbers.
// Keys are never printed: [Keyring], [BlindIndex] and [Pseudonymizer]
// format and log (fmt, whatever the verb, and log/slog) without key
// material, showing key IDs at most.
//
// # Errors
//
// Every configuration problem (key sizes and IDs, struct tags, policies,
// retention rules) wraps the one sentinel [ErrConfig]; problems with the
// data wrap their own: [ErrUnknownKey], [ErrMalformed], [ErrTampered],
// [ErrTooDeep], [ErrConsent]. Errors from this package never contain
// plaintext, key material or a raw personal value.
package privacy
