package privacy

import (
	"encoding/hex"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
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
// A Pseudonymizer is safe for concurrent use. It derives a partner's key
// once and keeps it, for the first 1,024 partners it sees (a pseudonym
// costs a quarter of what it did when each call derived the key). It
// never prints its keys.
type Pseudonymizer struct {
	macs     *macPool // keyed with the master key
	partners *partnerKeys
}

// partnerKeys caches each partner's key as a pool of its HMAC states, for
// up to maxPartners partners; the key of any other partner is derived
// for each call.
type partnerKeys struct {
	m sync.Map // string → *macPool
	n atomic.Int32
}

// maxPartners is the number of partners whose keys a Pseudonymizer keeps.
const maxPartners = 1024

// NewPseudonymizer returns a pseudonymizer with the given master key (at
// least [KeySize] bytes; copied). Errors wrap [ErrConfig].
func NewPseudonymizer(masterKey []byte) (*Pseudonymizer, error) {
	if err := checkKey(masterKey, "pseudonym"); err != nil {
		return nil, err
	}
	return &Pseudonymizer{macs: newMacPool(masterKey), partners: new(partnerKeys)}, nil
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
	macs, ok := p.partners.m.Load(partner)
	if !ok {
		key := p.macs.sum(pseudonymLabel, partner)
		pool := newMacPool(key[:]) // a copy
		clear(key[:])
		macs = pool
		if p.partners.n.Load() < maxPartners {
			// Two goroutines may both make the partner's pool; both give
			// the same pseudonyms, and the first stored is kept.
			var loaded bool
			if macs, loaded = p.partners.m.LoadOrStore(partner, pool); !loaded {
				p.partners.n.Add(1)
			}
		}
	}
	sum := macs.(*macPool).sum(value, "")
	return hex.AppendEncode(dst, sum[:PseudonymLen/2])
}

// Format writes "privacy.Pseudonymizer{key: redacted}" whatever the
// verb, so fmt and log/slog never show the key.
func (p *Pseudonymizer) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, "privacy.Pseudonymizer{key: redacted}")
}
