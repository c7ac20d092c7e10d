package privacy

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Cipher encrypts and decrypts field values. [*Keyring] implements it; a
// host plugs in its own KMS by implementing it too.
//
// Methods may be called concurrently. They must not keep or modify their
// arguments and return newly allocated slices. Encrypt must be randomised
// (two encryptions of one plaintext differ) and authenticated: Decrypt
// succeeds only for a ciphertext produced by Encrypt with the same
// associated data, and otherwise returns an error (wrapping
// [ErrTampered], [ErrMalformed] or [ErrUnknownKey] for this package's
// implementation) and a nil slice. An empty plaintext is valid and
// decrypts to an empty, non-nil slice. The associated data binds a
// ciphertext to its context, typically record ID and field name: it is
// authenticated but not encrypted, and nil equals empty.
type Cipher interface {
	Encrypt(plaintext, associatedData []byte) ([]byte, error)
	Decrypt(ciphertext, associatedData []byte) ([]byte, error)
}

var _ Cipher = (*Keyring)(nil)

// Ciphertext layout, version 1:
//
//	byte 0        version (1)
//	byte 1        length n of the key ID (1-255)
//	bytes 2..2+n  key ID
//	next 12       GCM nonce (random)
//	rest          AES-256-GCM ciphertext and 16-byte tag
//
// The GCM additional data is the header (version, length, key ID)
// followed by the caller's associated data, so the key ID cannot be
// swapped either.
const (
	formatVersion = 1
	nonceSize     = 12
	tagSize       = 16
	// KeySize is the length in bytes of a Keyring key (AES-256), and the
	// shortest key [NewBlindIndex], [NewPseudonymizer] and [DeriveKey]
	// accept.
	KeySize = 32
	// maxKeyID is the longest key ID, in bytes.
	maxKeyID = 255
)

// Keyring encrypts field values with AES-256-GCM under named keys. It
// encrypts with its active key and decrypts with any key it holds, so keys
// can rotate: add a new key, make it active, re-encrypt old values with
// [Reencrypt] at leisure, then drop the old key.
//
// A Keyring is immutable and safe for concurrent use. It never prints its
// keys: fmt and log/slog show the key IDs at most (see [Keyring.Format]).
type Keyring struct {
	active string
	keys   map[string]*keyEntry
	ids    []string // sorted
}

// keyEntry holds a key's cipher behind a pointer, so printing a Keyring
// by value with %+v shows addresses, never key schedules.
type keyEntry struct {
	aead cipher.AEAD
}

// NewKeyring returns a keyring that encrypts with the key named
// activeKeyID and decrypts with any key in keys. Key IDs must be 1 to 255
// printable ASCII bytes without spaces; they are written into every
// ciphertext in clear, so they must not carry meaning worth hiding. Every
// key must be [KeySize] bytes, and no two IDs may share a key.
//
// NewKeyring does not keep keys or its slices: the caller may zero them
// after it returns. Errors wrap [ErrConfig] (no keys, a bad key ID or key
// size, one key under two IDs, an active ID not in keys) and name the key
// ID, never the key.
func NewKeyring(activeKeyID string, keys map[string][]byte) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: NewKeyring without keys", ErrConfig)
	}
	ids := slices.Sorted(maps.Keys(keys))
	k := &Keyring{active: activeKeyID, keys: make(map[string]*keyEntry, len(keys)), ids: ids}
	for i, id := range ids {
		if err := checkKeyID(id); err != nil {
			return nil, err
		}
		key := keys[id]
		if len(key) != KeySize {
			return nil, fmt.Errorf("%w: key %q has %d bytes, want %d", ErrConfig, id, len(key), KeySize)
		}
		for _, other := range ids[:i] {
			if subtle.ConstantTimeCompare(key, keys[other]) == 1 {
				return nil, fmt.Errorf("%w: keys %q and %q are the same key", ErrConfig, other, id)
			}
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("%w: key %q: wrong size", ErrConfig, id)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("%w: key %q: wrong size", ErrConfig, id)
		}
		k.keys[id] = &keyEntry{aead: aead}
	}
	if _, ok := k.keys[activeKeyID]; !ok {
		if err := checkKeyID(activeKeyID); err != nil {
			return nil, fmt.Errorf("%w: active key ID is not in keys", ErrConfig)
		}
		return nil, fmt.Errorf("%w: active key %q is not in keys", ErrConfig, activeKeyID)
	}
	return k, nil
}

// checkKeyID reports whether id is a usable key ID.
func checkKeyID(id string) error {
	if id == "" || len(id) > maxKeyID {
		return fmt.Errorf("%w: key ID of %d bytes, want 1 to %d", ErrConfig, len(id), maxKeyID)
	}
	for i := range len(id) {
		if c := id[i]; c <= ' ' || c > '~' {
			return fmt.Errorf("%w: key ID with byte %#x at %d, want printable ASCII", ErrConfig, c, i)
		}
	}
	return nil
}

// ActiveKeyID returns the ID of the key that Encrypt uses.
func (k *Keyring) ActiveKeyID() string {
	if k == nil {
		return ""
	}
	return k.active
}

// KeyIDs returns the IDs of all keys, sorted, in a new slice.
func (k *Keyring) KeyIDs() []string {
	if k == nil {
		return nil
	}
	return slices.Clone(k.ids)
}

// Encrypt encrypts plaintext under the active key, binding it to
// associatedData (nil means none). Each call draws a fresh random 96-bit
// nonce from crypto/rand; with random nonces, NIST SP 800-38D limits one
// key to 2^32 encryptions, so rotate well before that. On a nil Keyring
// the error wraps [ErrConfig].
func (k *Keyring) Encrypt(plaintext, associatedData []byte) ([]byte, error) {
	if k == nil {
		return nil, fmt.Errorf("%w: Encrypt on a nil Keyring", ErrConfig)
	}
	e := k.keys[k.active]
	hlen := 2 + len(k.active)
	out := make([]byte, hlen+nonceSize, hlen+nonceSize+len(plaintext)+tagSize)
	out[0] = formatVersion
	out[1] = byte(len(k.active))
	copy(out[2:], k.active)
	if _, err := rand.Read(out[hlen:]); err != nil {
		return nil, fmt.Errorf("privacy: reading nonce: %w", err)
	}
	aad := make([]byte, 0, hlen+len(associatedData))
	aad = append(append(aad, out[:hlen]...), associatedData...)
	return e.aead.Seal(out, out[hlen:hlen+nonceSize], plaintext, aad), nil
}

// Decrypt decrypts a ciphertext produced by Encrypt with any key of the
// ring and the same associated data. Errors wrap [ErrMalformed] (too
// short, unknown version), [ErrUnknownKey] (key not in the ring; the error
// names its ID) or [ErrTampered] (altered ciphertext, wrong associated
// data), or [ErrConfig] on a nil Keyring; they never include the
// ciphertext or plaintext.
func (k *Keyring) Decrypt(ciphertext, associatedData []byte) ([]byte, error) {
	if k == nil {
		return nil, fmt.Errorf("%w: Decrypt on a nil Keyring", ErrConfig)
	}
	id, hlen, err := parseHeader(ciphertext)
	if err != nil {
		return nil, err
	}
	e, ok := k.keys[id]
	if !ok {
		return nil, fmt.Errorf("privacy: ciphertext key %q: %w", id, ErrUnknownKey)
	}
	aad := make([]byte, 0, hlen+len(associatedData))
	aad = append(append(aad, ciphertext[:hlen]...), associatedData...)
	nonce := ciphertext[hlen : hlen+nonceSize]
	out, err := e.aead.Open(make([]byte, 0, len(ciphertext)-hlen-nonceSize-tagSize), nonce, ciphertext[hlen+nonceSize:], aad)
	if err != nil {
		return nil, fmt.Errorf("privacy: decrypting with key %q: %w", id, ErrTampered)
	}
	return out, nil
}

// parseHeader returns the key ID and the header length of a version-1
// ciphertext, checking that the nonce and tag fit.
func parseHeader(c []byte) (id string, hlen int, err error) {
	if len(c) < 2 {
		return "", 0, fmt.Errorf("privacy: ciphertext of %d bytes: %w", len(c), ErrMalformed)
	}
	if c[0] != formatVersion {
		return "", 0, fmt.Errorf("privacy: ciphertext version %d: %w", c[0], ErrMalformed)
	}
	n := int(c[1])
	hlen = 2 + n
	if n == 0 || len(c) < hlen+nonceSize+tagSize {
		return "", 0, fmt.Errorf("privacy: ciphertext of %d bytes: %w", len(c), ErrMalformed)
	}
	id = string(c[2:hlen])
	if err := checkKeyID(id); err != nil {
		return "", 0, fmt.Errorf("privacy: ciphertext key ID: %w", ErrMalformed)
	}
	return id, hlen, nil
}

// CiphertextKeyID returns the ID of the key a [Keyring] ciphertext was
// encrypted with, without decrypting it. The ID is not authenticated
// until Decrypt succeeds. Errors wrap [ErrMalformed].
func CiphertextKeyID(ciphertext []byte) (string, error) {
	id, _, err := parseHeader(ciphertext)
	return id, err
}

// Reencrypt decrypts ciphertext with from and encrypts the plaintext with
// to, keeping the associated data. With one [*Keyring] as both from and
// to it is the step of a key rotation: add a new key, make it active, then
// Reencrypt old values at leisure; a ciphertext already under the active
// key is authenticated and returned as a new copy, unchanged. With two
// [Cipher] implementations, such as a Keyring and a host's KMS, it is the
// migration step between them. The plaintext is zeroed before Reencrypt
// returns. Errors are those of Decrypt and Encrypt; a nil from or to wraps
// [ErrConfig].
func Reencrypt(from, to Cipher, ciphertext, associatedData []byte) ([]byte, error) {
	if from == nil || to == nil {
		return nil, fmt.Errorf("%w: Reencrypt with a nil Cipher", ErrConfig)
	}
	if k, ok := from.(*Keyring); ok && k != nil {
		if k2, ok := to.(*Keyring); ok && k2 == k {
			id, _, err := parseHeader(ciphertext)
			if err != nil {
				return nil, err
			}
			if id == k.active {
				plain, err := k.Decrypt(ciphertext, associatedData)
				if err != nil {
					return nil, err
				}
				clear(plain)
				return slices.Clone(ciphertext), nil
			}
		}
	}
	plain, err := from.Decrypt(ciphertext, associatedData)
	if err != nil {
		return nil, err
	}
	defer clear(plain)
	return to.Encrypt(plain, associatedData)
}

// Format writes the active and all key IDs, never key material, whatever
// the verb (%v, %+v, %#v, %x, ...): privacy.Keyring{active: k2, keys: [k1 k2]}.
// A log/slog handler formats a Keyring the same way or, for JSON, as {}.
func (k *Keyring) Format(f fmt.State, verb rune) {
	if k == nil {
		_, _ = io.WriteString(f, "privacy.Keyring(nil)")
		return
	}
	_, _ = io.WriteString(f, "privacy.Keyring{active: "+k.active+", keys: ["+strings.Join(k.ids, " ")+"]}")
}
