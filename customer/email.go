package customer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ValidateEmail reports whether s is a practical e-mail address. It is
// deliberately stricter than RFC 5322 and accepts what mail systems in use
// accept, including internationalised addresses (RFC 6531, SMTPUTF8):
//
//   - exactly one @, no spaces or control characters, at most 254 bytes
//     both as given and with the domain in its ASCII form;
//   - a local part of 1 to 64 bytes of ASCII letters, digits and the
//     characters !#$%&'*+/=?^_`{|}~.- or of non-ASCII letters, digits and
//     combining marks (张三, josé), with no leading, trailing or doubled
//     dot (no quoted local parts; full-width forms such as ＠ or ａ are
//     rejected: [NormalizeEmail] folds them);
//   - a domain of at least two dot-separated labels and at most 253
//     bytes in its ASCII (IDNA) form. A label is either ASCII letters,
//     digits and hyphens, or a U-label of letters and digits (例子), and
//     does not start or end with a hyphen; its ASCII form is at most 63
//     bytes. An ASCII label starting xn-- must be a valid A-label: well
//     formed Punycode (RFC 3492) for a U-label that encodes back to it.
//     Characters that IDNA2008 disallows because normalisation would
//     change them (compatibility ideographs, conjoining Hangul jamo,
//     full-width forms, combining marks) are rejected, so U-labels are in
//     the composed form their A-label is computed from. The last label has
//     at least two characters and not only digits.
//
// So zhangsan@example.com, li.si+crm@mail.example.cn, 张三@例子.中国 and
// 张三@xn--fsqu00a.xn--fiqs8s pass; "a@b", "a@@b.cn", "a b@c.cn",
// "a..b@c.cn", "a@-b.cn" and "a@xn--zz.cn" fail. Errors wrap
// [ErrInvalidEmail] and a reason, and never contain the address.
// ValidateEmail does not allocate.
func ValidateEmail(s string) error {
	if s == "" {
		return errEmailEmpty
	}
	if !utf8.ValidString(s) {
		return errEmailInvalidUTF8
	}
	if len(s) > 254 {
		return errEmailLongerThan254Bytes
	}
	at := strings.IndexByte(s, '@')
	if at < 0 || strings.IndexByte(s[at+1:], '@') >= 0 {
		return errEmailWantExactlyOne
	}
	local, domain := s[:at], s[at+1:]
	if local == "" || len(local) > 64 {
		return errEmailLocalPartMustBe
	}
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return errEmailMisplacedDotInLocal
	}
	for i := 0; i < len(local); {
		if c := local[i]; c < utf8.RuneSelf {
			if !localChars.has(c) {
				return errEmailInLocalPart
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(local[i:])
		if !isLocalRune(r) {
			return errEmailInLocalPart
		}
		i += size
	}
	n, err := validateDomain(domain)
	if err != nil {
		return err
	}
	if len(local)+1+n > 254 {
		return errEmailLongerThan254Bytes // in the form NormalizeEmail gives
	}
	return nil
}

// validateDomain checks the domain of an address as ValidateEmail
// documents and returns the length of its ASCII form.
func validateDomain(domain string) (int, error) {
	if strings.IndexByte(domain, '.') < 0 {
		return 0, errEmailDomainNeedsADot
	}
	total := -1 // bytes of the ASCII form, without a final dot
	var tld string
	for rest := domain; ; {
		l, after, more := strings.Cut(rest, ".")
		n, err := checkLabel(l)
		if err != nil {
			return 0, err
		}
		total += n + 1
		if !more {
			tld = l
			break
		}
		rest = after
	}
	if total > 253 {
		return 0, errEmailDomainTooLong
	}
	if utf8.RuneCountInString(tld) < 2 || allDigits(tld) {
		return 0, errEmailTopLevelDomain
	}
	return total, nil
}

// allDigits reports whether s is ASCII digits only (true for "").
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkLabel checks one domain label and returns the length of its ASCII
// (IDNA A-label) form.
func checkLabel(l string) (int, error) {
	if l == "" {
		return 0, errEmailDomainLabelMustBe
	}
	if l[0] == '-' || l[len(l)-1] == '-' {
		return 0, errEmailHyphenAtEndOf
	}
	if isASCII(l) {
		if len(l) > 63 {
			return 0, errEmailDomainLabelMustBe
		}
		for i := 0; i < len(l); i++ {
			if !labelChars.has(l[i]) {
				return 0, errEmailInDomain
			}
		}
		if len(l) >= 4 && l[0]|0x20 == 'x' && l[1]|0x20 == 'n' && l[2] == '-' && l[3] == '-' && !validALabel(l[4:]) {
			return 0, errEmailALabel
		}
		return len(l), nil
	}
	var buf [63]rune
	runes := buf[:0]
	for _, r := range l {
		if !isLabelRune(r) {
			return 0, errEmailInDomain
		}
		if len(runes) == cap(runes) {
			return 0, errEmailDomainLabelMustBe
		}
		runes = append(runes, unicode.ToLower(r))
	}
	var out [59]byte // 63 bytes less the xn-- prefix
	enc, ok := appendPunycode(out[:0], runes)
	if !ok {
		return 0, errEmailDomainLabelMustBe
	}
	return len("xn--") + len(enc), nil
}

// validALabel reports whether p, an A-label without its xn-- prefix,
// decodes to a U-label that ValidateEmail accepts and encodes back to p.
func validALabel(p string) bool {
	var buf [63]rune
	u, ok := decodePunycode(buf[:0], p)
	if !ok || len(u) == 0 || u[0] == '-' || u[len(u)-1] == '-' {
		return false
	}
	nonASCII := false
	for _, r := range u {
		if r >= utf8.RuneSelf {
			nonASCII = true
		}
		if !isLabelRune(r) || r >= utf8.RuneSelf && unicode.ToLower(r) != r {
			return false
		}
	}
	var out [63]byte
	enc, ok := appendPunycode(out[:0], u)
	return ok && nonASCII && strings.EqualFold(string(enc), p)
}

// isLabelRune reports whether r may appear in a domain label: ASCII
// letters, digits and hyphens, and non-ASCII letters and digits that
// normalisation leaves alone (see ValidateEmail).
func isLabelRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '-' || isASCIILetter(byte(r)) || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unstableRune(r)
}

// isLocalRune reports whether a non-ASCII rune may appear in a local
// part: letters, digits and combining marks, but not the full-width forms
// of ASCII.
func isLocalRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) && !(0xFF01 <= r && r <= 0xFF5E)
}

// unstableRune reports the letters IDNA2008 (RFC 5892) disallows because
// Unicode normalisation changes them: CJK compatibility ideographs,
// conjoining (old) Hangul jamo, and the full-width and half-width forms.
func unstableRune(r rune) bool {
	switch {
	case 0xF900 <= r && r <= 0xFAFF, 0x2F800 <= r && r <= 0x2FA1F: // CJK compatibility ideographs
		return true
	case 0x1100 <= r && r <= 0x11FF, 0xA960 <= r && r <= 0xA97F, 0xD7B0 <= r && r <= 0xD7FF: // Hangul jamo
		return true
	case 0xFF00 <= r && r <= 0xFFEF: // half-width and full-width forms
		return true
	}
	return false
}

// NormalizeEmail trims surrounding white space (including full-width
// spaces), folds full-width ASCII forms (＠, ａ, １, …) to ASCII, maps the
// ideographic full stops 。 and ｡ in the domain to dots, lower-cases the
// address, and converts non-ASCII domain labels to their IDNA A-labels
// (Punycode, RFC 3492), so 张三@例子.中国 becomes
// 张三@xn--fsqu00a.xn--fiqs8s and both spellings of a domain give the
// same form: the one used for dedup keys. It does not validate; call
// [ValidateEmail] on the result. Labels that cannot be encoded are left
// as they are.
func NormalizeEmail(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if isASCII(s) {
		for i := 0; i < len(s); i++ {
			if c := s[i]; 'A' <= c && c <= 'Z' {
				return strings.ToLower(s)
			}
		}
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldWidth(r))
	}
	s = strings.ToLower(b.String())
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return s
	}
	domain := strings.NewReplacer("。", ".", "｡", ".").Replace(s[at+1:])
	if isASCII(domain) {
		return s[:at+1] + domain
	}
	b.Reset()
	b.WriteString(s[:at+1])
	for i, l := range strings.Split(domain, ".") {
		if i > 0 {
			b.WriteByte('.')
		}
		if isASCII(l) || !utf8.ValidString(l) {
			b.WriteString(l)
			continue
		}
		enc, ok := appendPunycode(make([]byte, 0, 63), []rune(l))
		if !ok {
			b.WriteString(l)
			continue
		}
		b.WriteString("xn--")
		b.Write(enc)
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// asciiSet is a set of ASCII bytes, one bit each.
type asciiSet [2]uint64

// makeASCIISet returns the set of the bytes of chars, which must be ASCII.
func makeASCIISet(chars string) (s asciiSet) {
	for i := 0; i < len(chars); i++ {
		c := chars[i]
		s[c/64%2] |= 1 << (c % 64)
	}
	return s
}

// has reports whether c is in s.
func (s *asciiSet) has(c byte) bool {
	return c < utf8.RuneSelf && s[c/64%2]&(1<<(c%64)) != 0
}

const asciiAlnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// The ASCII bytes allowed in a local part and in a domain label: a table
// lookup instead of a search of the list of specials per byte.
var (
	localChars = makeASCIISet(asciiAlnum + "!#$%&'*+/=?^_`{|}~.-")
	labelChars = makeASCIISet(asciiAlnum + "-")
)

// Errors are built once, so validation allocates nothing, even on failure.
var (
	errEmailEmpty               = invalid(ErrInvalidEmail, ErrEmpty, "")
	errEmailInvalidUTF8         = invalid(ErrInvalidEmail, ErrInvalidUTF8, "")
	errEmailLongerThan254Bytes  = invalid(ErrInvalidEmail, ErrLength, "longer than 254 bytes")
	errEmailWantExactlyOne      = invalid(ErrInvalidEmail, ErrCharacter, "want exactly one @")
	errEmailLocalPartMustBe     = invalid(ErrInvalidEmail, ErrLength, "local part must be 1 to 64 bytes")
	errEmailMisplacedDotInLocal = invalid(ErrInvalidEmail, ErrCharacter, "misplaced dot in local part")
	errEmailInLocalPart         = invalid(ErrInvalidEmail, ErrCharacter, "in local part")
	errEmailDomainNeedsADot     = invalid(ErrInvalidEmail, ErrInvalidValue, "domain needs a dot")
	errEmailDomainLabelMustBe   = invalid(ErrInvalidEmail, ErrLength, "domain label must be 1 to 63 bytes in ASCII form")
	errEmailHyphenAtEndOf       = invalid(ErrInvalidEmail, ErrCharacter, "hyphen at end of domain label")
	errEmailInDomain            = invalid(ErrInvalidEmail, ErrCharacter, "in domain")
	errEmailTopLevelDomain      = invalid(ErrInvalidEmail, ErrInvalidValue, "top-level domain")
	errEmailDomainTooLong       = invalid(ErrInvalidEmail, ErrLength, "domain longer than 253 bytes")
	errEmailALabel              = invalid(ErrInvalidEmail, ErrInvalidValue, "invalid IDNA A-label (xn--)")
)

// validEmail returns the normalised form of a valid e-mail address.
func validEmail(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	e := NormalizeEmail(s)
	if ValidateEmail(e) != nil {
		return "", false
	}
	return e, true
}

// sameEmail reports whether NormalizeEmail(a) == NormalizeEmail(b),
// without allocating when both are ASCII.
func sameEmail(a, b string) bool {
	a, b = strings.TrimFunc(a, unicode.IsSpace), strings.TrimFunc(b, unicode.IsSpace)
	if isASCII(a) && isASCII(b) {
		return strings.EqualFold(a, b)
	}
	return NormalizeEmail(a) == NormalizeEmail(b)
}
