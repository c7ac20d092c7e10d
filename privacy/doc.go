// Package privacy protects the personal data of customers: it masks what
// is displayed or shared.
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
// Mask single values with the fixed entry points [MaskName], [MaskPhone],
// [MaskEmail], [MaskIDNumber], [MaskBankCard] and [MaskAddress]:
//
//	privacy.MaskPhone("13812345678")        // 138****5678
//	privacy.MaskName("欧阳娜娜")               // 欧阳**
//	privacy.MaskIDNumber("11010519491231002X") // 1101**********002X
//
// They are pure, deterministic, safe for concurrent use, rune-aware and
// never panic; every one documents what it keeps. Each has an append form
// ([AppendMaskPhone] and so on) that writes into a caller's buffer without
// allocating, and a config struct ([PhoneMasker] and so on) whose zero
// value is the default and whose fields change it. [MaskMiddle] is the
// general helper. All of them implement [Masker].
//
// # Security notes
//
// Masking is for display and sharing, not for protection at rest: a
// masked phone number still narrows the search to ten thousand numbers.
// Masked output never contains an invalid UTF-8 byte of the input.
package privacy
