package customer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ValidateEmail reports whether s is a practical e-mail address. It is
// deliberately stricter than RFC 5322 and accepts what mail systems in use
// accept:
//
//   - exactly one @, no spaces or control characters, at most 254 bytes;
//   - a local part of 1 to 64 ASCII letters, digits and the characters
//     !#$%&'*+/=?^_`{|}~.- with no leading, trailing or doubled dot
//     (no quoted local parts);
//   - a domain of at least two dot-separated labels, each 1 to 63 bytes of
//     letters (Unicode letters allowed, for internationalised domains),
//     digits and hyphens, not starting or ending with a hyphen; the last
//     label has at least two characters and no digits only.
//
// So zhangsan@example.com, li.si+crm@mail.example.cn and wang@例子.中国 pass;
// "a@b", "a@@b.cn", "a b@c.cn", "a..b@c.cn" and "a@-b.cn" fail.
// Errors wrap [ErrInvalidEmail] and a reason, and never contain the address.
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
	for i := 0; i < len(local); i++ {
		if !isLocalChar(local[i]) {
			return errEmailInLocalPart
		}
	}
	if strings.IndexByte(domain, '.') < 0 {
		return errEmailDomainNeedsADot
	}
	var tld string
	for rest := domain; ; {
		l, after, more := strings.Cut(rest, ".")
		if l == "" || len(l) > 63 {
			return errEmailDomainLabelMustBe
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return errEmailHyphenAtEndOf
		}
		for _, r := range l {
			if !(r == '-' || r < utf8.RuneSelf && (isASCIILetter(byte(r)) || r >= '0' && r <= '9') || r >= utf8.RuneSelf && unicode.IsLetter(r)) {
				return errEmailInDomain
			}
		}
		if !more {
			tld = l
			break
		}
		rest = after
	}
	if utf8.RuneCountInString(tld) < 2 || strings.Trim(tld, "0123456789") == "" {
		return errEmailTopLevelDomain
	}
	return nil
}

// NormalizeEmail trims surrounding white space (including full-width
// spaces) and lower-cases the address, the form used for dedup keys. It
// does not validate; call [ValidateEmail] on the result.
func NormalizeEmail(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isLocalChar(c byte) bool {
	if isASCIILetter(c) || '0' <= c && c <= '9' {
		return true
	}
	return strings.IndexByte("!#$%&'*+/=?^_`{|}~.-", c) >= 0
}

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
	errEmailDomainLabelMustBe   = invalid(ErrInvalidEmail, ErrLength, "domain label must be 1 to 63 bytes")
	errEmailHyphenAtEndOf       = invalid(ErrInvalidEmail, ErrCharacter, "hyphen at end of domain label")
	errEmailInDomain            = invalid(ErrInvalidEmail, ErrCharacter, "in domain")
	errEmailTopLevelDomain      = invalid(ErrInvalidEmail, ErrInvalidValue, "top-level domain")
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
