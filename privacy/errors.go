package privacy

import "errors"

// Sentinel errors. Errors returned by this package wrap one of these (use
// [errors.Is]) and never contain plaintext, key material or a raw personal
// value; key IDs, field names and indexes may appear.
//
// [ErrConfig] is about how the package is set up and called, and fails
// the same way every time; the others are about the data passed through
// it.
var (
	// ErrConfig reports an invalid configuration: a key of the wrong
	// size, a bad or duplicate key ID, a nil Keyring, a bad `mask` or
	// `sensitivity` struct tag or a field kind that cannot be masked, a
	// value that is not a struct where one is needed, a Policy with an
	// unknown action or without the Pseudonymizer it needs, or a negative
	// retention period. The message names the key ID, field or option.
	ErrConfig = errors.New("privacy: invalid configuration")
	// ErrUnknownKey reports a ciphertext whose header names a key ID the
	// keyring does not hold.
	ErrUnknownKey = errors.New("privacy: unknown key ID")
	// ErrMalformed reports a ciphertext too short or with a header this
	// package does not understand (truncated, wrong version).
	ErrMalformed = errors.New("privacy: malformed ciphertext")
	// ErrTampered reports a ciphertext that fails authentication: it was
	// altered, or the associated data differs from the one it was
	// encrypted with.
	ErrTampered = errors.New("privacy: ciphertext fails authentication")
	// ErrTooDeep reports data nested deeper than the masker follows,
	// usually a pointer cycle.
	ErrTooDeep = errors.New("privacy: value nested too deep")
	// ErrConsent reports an invalid consent event.
	ErrConsent = errors.New("privacy: invalid consent event")
)
