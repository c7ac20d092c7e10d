package privacy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strings"
	"sync"
	"unicode"
)

// checkKey reports an HMAC key shorter than KeySize, wrapping ErrConfig.
func checkKey(key []byte, what string) error {
	if len(key) < KeySize {
		return fmt.Errorf("%w: %s key of %d bytes, want at least %d", ErrConfig, what, len(key), KeySize)
	}
	return nil
}

// DeriveKey derives a 32-byte subkey for label from a master key with
// HMAC-SHA256(master, label), so one stored secret can feed several blind
// indexes without their digests being comparable. Errors wrap
// [ErrConfig] when master is shorter than [KeySize].
func DeriveKey(master []byte, label string) ([]byte, error) {
	if len(master) < KeySize {
		return nil, fmt.Errorf("%w: master key of %d bytes, want at least %d", ErrConfig, len(master), KeySize)
	}
	m := hmac.New(sha256.New, master)
	m.Write([]byte(label))
	return m.Sum(nil), nil
}

// BlindIndex computes keyed digests of normalised values, so that an
// encrypted field can still be searched for equality and used as a
// deduplication key: store Sum(value) next to the ciphertext and look
// values up by their Sum. Use a key of its own, not one of a [Keyring],
// and one key per indexed field (see [DeriveKey]).
//
// The digest is HMAC-SHA256 of the normalised value. It reveals equality
// of values to anyone who sees the stored digests, and a key holder can
// test guesses; that is its purpose, so keep its key as secret as the
// encryption key.
//
// A BlindIndex is immutable and safe for concurrent use. It never prints
// its key.
type BlindIndex struct {
	normalize func(string) string
	macs      *macPool // keyed with the index's key
}

// macPool hands out HMAC-SHA256 states keyed with one key, each back at
// its keyed start, with room for a message and a digest, so a digest
// costs two SHA-256 blocks and no allocation (a new HMAC per value took
// 8 allocations and twice the time).
type macPool struct{ pool sync.Pool }

// mac is one pooled HMAC state with its scratch space.
type mac struct {
	h   hash.Hash
	msg []byte
	sum [sha256.Size]byte
}

// newMacPool returns a pool of HMAC states keyed with a copy of key. The
// key is behind the pool's pointer, so printing a struct that holds one
// shows an address, never the key.
func newMacPool(key []byte) *macPool {
	key = append([]byte(nil), key...)
	p := new(macPool)
	p.pool.New = func() any { return &mac{h: hmac.New(sha256.New, key)} }
	return p
}

// sum returns HMAC-SHA256(key, a ‖ b).
func (p *macPool) sum(a, b string) [sha256.Size]byte {
	m := p.pool.Get().(*mac)
	m.msg = append(append(m.msg[:0], a...), b...)
	m.h.Write(m.msg)
	m.h.Sum(m.sum[:0])
	out := m.sum
	m.h.Reset()
	clear(m.msg)
	clear(m.sum[:])
	p.pool.Put(m)
	return out
}

// NewBlindIndex returns a blind index with the given key (at least
// [KeySize] bytes; copied) and normaliser. A nil normalize means
// [NormalizeText], which also suits e-mail addresses; pass
// [NormalizePhone] for telephone numbers. The normaliser must be deterministic and idempotent. Errors
// wrap [ErrConfig].
func NewBlindIndex(key []byte, normalize func(string) string) (*BlindIndex, error) {
	if err := checkKey(key, "blind index"); err != nil {
		return nil, err
	}
	if normalize == nil {
		normalize = NormalizeText
	}
	return &BlindIndex{normalize: normalize, macs: newMacPool(key)}, nil
}

// Sum returns the digest of the normalised value. The array is
// comparable, so it works directly as a map key.
func (b *BlindIndex) Sum(value string) [sha256.Size]byte {
	return b.macs.sum(b.normalize(value), "")
}

// Hex returns Sum(value) in lower-case hexadecimal, for storage in a text
// column.
func (b *BlindIndex) Hex(value string) string {
	s := b.Sum(value)
	return hex.EncodeToString(s[:])
}

// Format writes "privacy.BlindIndex{key: redacted}" whatever the verb,
// so fmt and log/slog never show the key.
func (b *BlindIndex) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, "privacy.BlindIndex{key: redacted}")
}

// NormalizeText is the default normaliser of [NewBlindIndex], and the one
// for e-mail addresses: it folds full-width ASCII forms (Ａ, １, ＠, the
// ideographic space) to ASCII, lower-cases, trims white space at both
// ends and collapses inner runs of white space to one space. Invalid
// UTF-8 bytes become U+FFFD.
//
// An e-mail address is thus lower-cased whole. RFC 5321 lets the local
// part be case-sensitive, but no common mail host treats it so, and
// folding case is what makes the index useful for deduplication.
// Provider-specific rules (dots or +tags in Gmail) are not applied.
func NormalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == '\u3000' {
			r = ' '
		} else if r >= '！' && r <= '～' {
			r = r - '！' + '!'
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// NormalizePhone normalises a telephone number for a blind index: it
// keeps only the digits (any script, as ASCII) and drops a leading
// mainland country prefix (+86, 0086, or 86 before an 11-digit mobile
// number), so "+86 138-1234-5678", "0086 13812345678" and "13812345678"
// index alike.
func NormalizePhone(s string) string {
	var buf [32]byte
	d := buf[:0]
	plus := false
	for _, r := range s {
		if v := digitValue(r); v >= 0 {
			d = append(d, byte('0'+v))
		} else if len(d) == 0 && (r == '+' || r == '＋') {
			plus = true
		}
	}
	switch {
	case len(d) > 4 && string(d[:4]) == "0086":
		d = d[4:]
	case plus && len(d) > 2 && string(d[:2]) == "86":
		d = d[2:]
	case len(d) == 13 && string(d[:3]) == "861":
		d = d[2:]
	}
	return string(d)
}
