package privacy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// pseudonymLabel separates partner-key derivation from any other use of
// the master key.
const pseudonymLabel = "clientele/privacy/pseudonym/v1\x00"

// PseudonymLen is the length in characters of a pseudonym: 128 bits in
// hexadecimal.
const PseudonymLen = 32

// Pseudonymizer derives per-partner pseudonyms: stable identifiers that
// let one partner join records about the same customer across exports,
// while two partners cannot link their pseudonyms to each other or, without
// the master key, to the customer.
//
// Each partner gets its own key, HMAC-SHA256(master, label ‖ partner); a
// pseudonym is the first 128 bits of HMAC-SHA256(partner key, value),
// hex-encoded. Normalise values first (for example with [NormalizePhone])
// if different spellings must map to one pseudonym.
//
// A Pseudonymizer is immutable and safe for concurrent use. It never
// prints its key.
type Pseudonymizer struct {
	master *secretKey
}

// NewPseudonymizer returns a pseudonymizer with the given master key (at
// least [KeySize] bytes; copied). Errors wrap [ErrConfig].
func NewPseudonymizer(masterKey []byte) (*Pseudonymizer, error) {
	k, err := newSecretKey(masterKey, "pseudonym")
	if err != nil {
		return nil, err
	}
	return &Pseudonymizer{master: k}, nil
}

// Pseudonym returns the pseudonym of value for partner, [PseudonymLen]
// lower-case hex characters. The same partner and value always give the
// same pseudonym; the partner name is case-sensitive.
func (p *Pseudonymizer) Pseudonym(partner, value string) string {
	var buf [PseudonymLen]byte
	return string(p.appendPseudonym(buf[:0], partner, value))
}

// appendPseudonym appends the pseudonym of value for partner to dst.
func (p *Pseudonymizer) appendPseudonym(dst []byte, partner, value string) []byte {
	var key [sha256.Size]byte
	m := hmac.New(sha256.New, p.master.b)
	m.Write([]byte(pseudonymLabel))
	m.Write([]byte(partner))
	m.Sum(key[:0])
	m = hmac.New(sha256.New, key[:])
	m.Write([]byte(value))
	var sum [sha256.Size]byte
	m.Sum(sum[:0])
	clear(key[:])
	return hex.AppendEncode(dst, sum[:PseudonymLen/2])
}

// Format writes "privacy.Pseudonymizer{key: redacted}" whatever the
// verb, so fmt and log/slog never show the key.
func (p *Pseudonymizer) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, "privacy.Pseudonymizer{key: redacted}")
}
