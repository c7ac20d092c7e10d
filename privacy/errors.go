package privacy

import "errors"

// Sentinel errors. Errors returned by this package wrap one of these (use
// [errors.Is]) and never contain plaintext, key material or a raw personal
// value; key IDs, field names and indexes may appear.
var (
	// ErrKeySize reports a key of the wrong length: AES-256 keys are 32
	// bytes, HMAC keys at least 32.
	ErrKeySize = errors.New("privacy: wrong key size")
	// ErrKeyID reports an empty, too long or non-printable key ID.
	ErrKeyID = errors.New("privacy: invalid key ID")
	// ErrNoKeys reports a keyring built from a nil or empty key map, or a
	// nil *Keyring.
	ErrNoKeys = errors.New("privacy: no keys")
	// ErrDuplicateKey reports the same key material under two key IDs,
	// which would make a rotation a no-op.
	ErrDuplicateKey = errors.New("privacy: same key under two key IDs")
	// ErrUnknownKey reports a key ID the keyring does not hold: the active
	// ID given to NewKeyring, or the ID in a ciphertext header.
	ErrUnknownKey = errors.New("privacy: unknown key ID")
	// ErrMalformed reports a ciphertext too short or with a header this
	// package does not understand (truncated, wrong version).
	ErrMalformed = errors.New("privacy: malformed ciphertext")
	// ErrTampered reports a ciphertext that fails authentication: it was
	// altered, or the associated data differs from the one it was
	// encrypted with.
	ErrTampered = errors.New("privacy: ciphertext fails authentication")
	// ErrUnknownMask reports a `mask` tag naming no known masker.
	ErrUnknownMask = errors.New("privacy: unknown mask kind")
	// ErrUnsupportedField reports a struct field whose kind cannot be
	// masked or copied safely (func, chan, interface, unsafe pointer, or a
	// mask tag on a non-string field).
	ErrUnsupportedField = errors.New("privacy: unsupported field")
	// ErrBadTag reports a malformed `sensitivity` or `mask` struct tag.
	ErrBadTag = errors.New("privacy: bad struct tag")
	// ErrNotStruct reports a value that is not a struct or pointer to one.
	ErrNotStruct = errors.New("privacy: not a struct")
	// ErrTooDeep reports data nested deeper than the masker follows,
	// usually a pointer cycle.
	ErrTooDeep = errors.New("privacy: value nested too deep")
	// ErrNoPseudonymizer reports a Policy that asks to pseudonymise
	// without a Pseudonymizer.
	ErrNoPseudonymizer = errors.New("privacy: policy pseudonymises without a pseudonymizer")
	// ErrPolicy reports a Policy with an action out of range.
	ErrPolicy = errors.New("privacy: invalid policy")
	// ErrRetention reports a retention rule with a negative period or a
	// missing as-of date.
	ErrRetention = errors.New("privacy: invalid retention rule")
	// ErrConsent reports an invalid consent event.
	ErrConsent = errors.New("privacy: invalid consent event")
)
