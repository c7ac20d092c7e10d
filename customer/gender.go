package customer

import (
	"fmt"
	"strings"
)

// Gender is a person's gender as recorded. The zero value is
// GenderUnknown.
type Gender uint8

// Genders.
const (
	GenderUnknown Gender = iota
	Male
	Female
)

// String returns "male", "female" or "" for GenderUnknown.
func (g Gender) String() string {
	switch g {
	case Male:
		return "male"
	case Female:
		return "female"
	}
	return ""
}

// parseGender reads a gender as UnmarshalText documents it.
func parseGender(s string) (Gender, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "未知", "保密", "未知的性别", "未说明的性别", "unknown":
		return GenderUnknown, nil
	case "男", "男性", "m", "male":
		return Male, nil
	case "女", "女性", "f", "female":
		return Female, nil
	}
	return GenderUnknown, fmt.Errorf("%w: gender must be 男, 女, 未知, male, female, m or f", ErrInvalidValue)
}

// MarshalText implements encoding.TextMarshaler.
func (g Gender) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler. It reads a gender
// as commonly written in Chinese and English customer data: 男/女, m/f,
// male/female (any case, surrounding spaces ignored); the names of
// GB/T 2261.1-2003's gender codes, 男性, 女性, 未知的性别 and 未说明的性别;
// and "", 未知, 保密 (withheld) or unknown for GenderUnknown. The codes
// themselves (1, 2, 0, 9) are not read: systems also write 0/1 for
// female/male, and a misread digit would pass unseen. Anything else is an
// error wrapping [ErrInvalidValue], and *g is left unchanged.
func (g *Gender) UnmarshalText(b []byte) error {
	v, err := parseGender(string(b))
	if err != nil {
		return err
	}
	*g = v
	return nil
}
