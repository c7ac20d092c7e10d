package customer

import (
	"strings"
)

// creditAlphabet is the GB 32100-2015 character set: digits and the
// upper-case letters without I, O, S, V and Z. A character's value is its
// index.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are the GB 32100 weights of characters 1..17: 3^(i-1) mod 31.
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714 weights of the 8 body characters of an
// organisation code.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// creditValue is the value of each byte in creditAlphabet, or -1.
var creditValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < len(creditAlphabet); i++ {
		v[creditAlphabet[i]] = int8(i)
	}
	return v
}()

// Registration authorities (character 1) and organisation types
// (character 2). Table 1 (登记管理部门码) and table 2 (机构类别码) of GB
// 32100-2015 define authorities 1 机构编制, 5 民政, 9 工商 and Y 其他 with
// their types; the national code administration assigned the others after
// 2015 (2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和
// 编制办公室, N 农业), and codes such as 31… (law firms) and 81… (trade
// unions) are common in real data. Source for the later ones: the code
// list as reproduced in public guides (for example
// https://blog.csdn.net/lh1424573495/article/details/108776492 and
// https://osuse.cn/post/10002590.html, which agree); the standard's own
// text was not reachable.
var (
	creditAuthorities = map[byte]string{
		'1': "机构编制", '5': "民政", '9': "工商", 'Y': "其他",
		'2': "外交", '3': "司法行政", '4': "文化", '6': "旅游", '7': "宗教", '8': "工会",
		'A': "中央军委改革和编制办公室", 'N': "农业",
	}
	creditTypes = map[[2]byte]string{
		// GB 32100-2015 table 2.
		{'1', '1'}: "机关", {'1', '2'}: "事业单位", {'1', '3'}: "中央编办直接管理机构编制的群众团体", {'1', '9'}: "其他",
		{'5', '1'}: "社会团体", {'5', '2'}: "民办非企业单位", {'5', '3'}: "基金会", {'5', '9'}: "其他",
		{'9', '1'}: "企业", {'9', '2'}: "个体工商户", {'9', '3'}: "农民专业合作社",
		{'Y', '1'}: "其他",
		// Assigned after 2015.
		{'2', '1'}: "外国常住新闻机构", {'2', '9'}: "其他",
		{'3', '1'}: "律师执业机构", {'3', '2'}: "公证处", {'3', '3'}: "基层法律服务所", {'3', '4'}: "司法鉴定机构", {'3', '5'}: "仲裁委员会", {'3', '9'}: "其他",
		{'4', '1'}: "外国在华文化中心", {'4', '9'}: "其他",
		{'6', '1'}: "外国旅游部门常驻代表机构", {'6', '2'}: "港澳台地区旅游部门常驻内地（大陆）代表机构", {'6', '9'}: "其他",
		{'7', '1'}: "宗教活动场所", {'7', '2'}: "宗教院校", {'7', '9'}: "其他",
		{'8', '1'}: "基层工会", {'8', '9'}: "其他",
		{'A', '1'}: "军队事业单位", {'A', '9'}: "其他",
		{'N', '1'}: "组级集体经济组织", {'N', '2'}: "村级集体经济组织", {'N', '3'}: "乡镇级集体经济组织", {'N', '9'}: "其他",
	}
)

// creditNames holds creditAuthorities and creditTypes for ParseCreditCode,
// indexed by the value of character 1 (see creditValue) and the digit of
// character 2: array loads instead of two map lookups, which hash their
// keys (about 40 ns per code).
var creditNames = func() (t [len(creditAlphabet)]struct {
	authority string
	types     [10]string
}) {
	for c, name := range creditAuthorities {
		t[creditValue[c]].authority = name
	}
	for k, name := range creditTypes {
		t[creditValue[k[0]]].types[k[1]-'0'] = name
	}
	return t
}()

// CreditCode is a parsed unified social credit code (统一社会信用代码).
type CreditCode struct {
	Code          string // the 18 characters
	Authority     byte   // character 1: registration authority code
	Type          byte   // character 2: organisation type code
	Division      string // characters 3-8: division code of the registering authority
	Organization  string // characters 9-17: the GB 11714 organisation code
	CheckMismatch bool   // accepted by a lenient ParseCreditCode despite a wrong 18th character

	// AuthorityName is the registration authority (机构编制, 民政, 工商,
	// 司法行政, …); ParseCreditCode accepts only known authorities.
	AuthorityName string
	// TypeName is the organisation type (企业, 个体工商户, 社会团体, 律师执业
	// 机构, …); ParseCreditCode accepts only known types.
	TypeName string
	// Province is the short name of the province of the registering
	// authority (北京, 广东, …), from the division code, or "" when the
	// code is unknown.
	Province string
}

// ParseCreditCode reports whether s is a valid unified social credit
// code per GB 32100-2015 and returns its parts. A valid code has 18
// characters from 0-9A-HJ-NPQRTUWXY (upper case only); a known
// registration authority (character 1) and organisation type of that
// authority (character 2): those of tables 1 and 2 of GB 32100-2015 and
// those assigned since, listed under [CreditCode.AuthorityName]; a
// numeric 6-digit division code; the embedded organisation code's GB
// 11714 check (weights 3,7,9,10,5,8,4,2 mod 11) and the mod-31 check
// character (weights 3^(i-1) mod 31). Clean input with
// [NormalizeCreditCode] first.
//
// lenient accepts a code whose check character (the 18th) does not
// match, provided everything else is valid and the embedded organisation
// code passes its own check. Some codes issued in the early pilot regions
// (for example 91350211M0000XUF46, issued in Xiamen) are like that; the
// result then has CheckMismatch set, so callers can say so. Unknown
// authority and type codes are rejected in both modes.
//
// Errors wrap [ErrInvalidCreditCode] and a reason ([ErrEmpty],
// [ErrLength], [ErrCharacter], [ErrInvalidValue] for an unknown authority
// or type, [ErrOrganizationCode], [ErrCheckCharacter]). ParseCreditCode
// does not allocate.
func ParseCreditCode(s string, lenient bool) (CreditCode, error) {
	if s == "" {
		return CreditCode{}, errCreditEmpty
	}
	if !isASCII(s) {
		return CreditCode{}, errCreditNonASCIICharactersSee
	}
	if len(s) != 18 {
		return CreditCode{}, errCreditWant18Characters
	}
	sum := 0
	for i := range 18 {
		v := creditValue[s[i]]
		if v < 0 {
			if c := s[i]; 'a' <= c && c <= 'z' {
				return CreditCode{}, errCreditLowerCase
			}
			return CreditCode{}, errCreditCharacter
		}
		if i < 17 {
			sum += int(v) * creditWeights[i]
		}
	}
	names := &creditNames[creditValue[s[0]]] // every character is in creditAlphabet
	authority := names.authority
	if authority == "" {
		return CreditCode{}, errCreditAuthority
	}
	var typ string
	if d := s[1] - '0'; d < 10 {
		typ = names.types[d]
	}
	if typ == "" {
		return CreditCode{}, errCreditType
	}
	if !isDigits(s[2:8]) {
		return CreditCode{}, errCreditDivisionCodeMustBe
	}
	if !orgCodeValid(s[8:17]) {
		return CreditCode{}, errCreditOrganizationCode
	}
	check := (31 - sum%31) % 31
	mismatch := creditAlphabet[check] != s[17]
	if mismatch && !lenient {
		return CreditCode{}, errCreditCheckCharacter
	}
	return CreditCode{
		Code:          s,
		Authority:     s[0],
		Type:          s[1],
		Division:      s[2:8],
		Organization:  s[8:17],
		CheckMismatch: mismatch,
		AuthorityName: authority,
		TypeName:      typ,
		Province:      provinceName(s[2], s[3]),
	}, nil
}

// orgCodeValid checks a 9-character GB 11714 organisation code: 8 body
// characters (0-9 = 0..9, A-Z = 10..35) and a check character
// C = 11 - (Σ value×weight mod 11), written X for 10 and 0 for 11.
func orgCodeValid(s string) bool {
	sum := 0
	for i := range 8 {
		c := s[i]
		var v int
		switch {
		case '0' <= c && c <= '9':
			v = int(c - '0')
		case 'A' <= c && c <= 'Z':
			v = int(c-'A') + 10
		default:
			return false
		}
		sum += v * orgWeights[i]
	}
	var want byte
	switch c := 11 - sum%11; c {
	case 10:
		want = 'X'
	case 11:
		want = '0'
	default:
		want = byte('0' + c)
	}
	return s[8] == want
}

// NormalizeCreditCode trims white space, folds full-width characters to
// ASCII and upper-cases letters. It does not validate.
func NormalizeCreditCode(s string) string {
	return strings.ToUpper(foldString(s))
}

// Errors are built once, so validation allocates nothing, even on failure.
var (
	errCreditEmpty                 = invalid(ErrInvalidCreditCode, ErrEmpty, "")
	errCreditNonASCIICharactersSee = invalid(ErrInvalidCreditCode, ErrCharacter, "non-ASCII characters; see NormalizeCreditCode")
	errCreditWant18Characters      = invalid(ErrInvalidCreditCode, ErrLength, "want 18 characters")
	errCreditDivisionCodeMustBe    = invalid(ErrInvalidCreditCode, ErrCharacter, "division code must be digits")
	errCreditOrganizationCode      = invalid(ErrInvalidCreditCode, ErrOrganizationCode, "")
	errCreditCheckCharacter        = invalid(ErrInvalidCreditCode, ErrCheckCharacter, "")
	errCreditLowerCase             = invalid(ErrInvalidCreditCode, ErrCharacter, "lower-case letter; see NormalizeCreditCode")
	errCreditCharacter             = invalid(ErrInvalidCreditCode, ErrCharacter, "")
	errCreditAuthority             = invalid(ErrInvalidCreditCode, ErrInvalidValue, "unknown registration authority code")
	errCreditType                  = invalid(ErrInvalidCreditCode, ErrInvalidValue, "unknown organization type code")
)

// validCreditCode returns the normalised form of a valid credit code.
func validCreditCode(s string, lenient bool) (string, bool) {
	if s == "" {
		return "", false
	}
	c := NormalizeCreditCode(s)
	if _, err := ParseCreditCode(c, lenient); err != nil {
		return "", false
	}
	return c, true
}
