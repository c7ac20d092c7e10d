package customer

// PhoneType is the kind of range a well-formed mainland mobile number was
// allocated from, as [ClassifyPhone] reports it. The zero value means
// "not classified" and is never returned with a nil error.
//
// The ranges are those of libphonenumber's metadata for China
// (google/libphonenumber resources/PhoneNumberMetadata.xml at commit
// 8d5e4f1fad08992f42e178f7311e996bc3e7f49f, release v9.0.39 of
// 2026-09-09; the CN metadata last changed in v9.0.35, 2026-07-16), whose
// mobile pattern is
//
//	1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}
//
// libphonenumber does not model virtual operators or IoT numbers; those
// come from the allocation of the Ministry of Industry and Information
// Technology as reported publicly (170 and 171 for the resale licences of
// 2013-2018, 162, 165 and 167 added later; 140-144, 146 and 148 for IoT,
// 149 with 145 and 147 the former data-card ranges, of which libphonenumber
// keeps 145 and 147 as mobile).
type PhoneType uint8

// The kinds of range. Numbers outside all of them are errors.
const (
	// PhoneMobile is a personal mobile number of a network operator
	// (China Mobile, China Unicom, China Telecom, China Broadnet),
	// including the satellite range 1740[0-5] and the 1349 block.
	PhoneMobile PhoneType = iota + 1
	// PhoneVirtual is a personal mobile number of a virtual operator
	// (移动转售企业): 162, 165, 167, 170 and 171. These are personal
	// numbers and [NormalizePhone] accepts them, but fraud screening
	// often treats them differently.
	PhoneVirtual
	// PhoneIoT is a data-only or IoT number (物联网/数据卡): 140-144, 146,
	// 148 and 149. [NormalizePhone] rejects these as personal mobiles.
	PhoneIoT
)

// String returns "mobile", "virtual", "iot", or "" for the zero value.
func (t PhoneType) String() string {
	switch t {
	case PhoneMobile:
		return "mobile"
	case PhoneVirtual:
		return "virtual"
	case PhoneIoT:
		return "iot"
	}
	return ""
}

// phoneRanges classifies the three-digit prefixes 130-199:
// phoneRanges[d2-'3'][d3-'0'] for the number 1 d2 d3 …, with
//
//	M  PhoneMobile            V  PhoneVirtual          I  PhoneIoT
//	.  unallocated            0  mobile only as 1610   4  mobile only as 1740[0-5]
//
// Source: see [PhoneType].
var phoneRanges = [7]string{
	"MMMMMMMMMM", // 130-139
	"IIIIIMIMII", // 140-149: 145, 147 mobile; the rest data-only/IoT
	"MMMM.MMMMM", // 150-159: 154 unallocated
	".0V..VMV..", // 160-169: 1610 mobile, 162/165/167 virtual, 166 mobile
	"VVMM4MMMM.", // 170-179: 170/171 virtual, 1740[0-5] satellite, 179 unallocated
	"MMMMMMMMMM", // 180-189
	"MMMM.MMMMM", // 190-199: 194 unallocated
}

// phoneRange classifies the 11 ASCII digits d of a number that starts
// with 1[3-9], or returns 0 for an unallocated range.
func phoneRange[T string | []byte](d T) PhoneType {
	if len(d) != 11 || d[0] != '1' || d[1] < '3' || d[1] > '9' {
		return 0
	}
	switch phoneRanges[d[1]-'3'][d[2]-'0'] {
	case 'M':
		return PhoneMobile
	case 'V':
		return PhoneVirtual
	case 'I':
		return PhoneIoT
	case '0':
		if d[3] == '0' {
			return PhoneMobile
		}
	case '4':
		if d[3] == '0' && d[4] <= '5' {
			return PhoneMobile
		}
	}
	return 0
}

// personalRange reports whether the 11 slots d (ASCII digits, or 0 where
// masked) may be a personal mobile number ([PhoneMobile] or
// [PhoneVirtual]) as far as the shown digits tell.
func personalRange(d []byte) bool {
	if d[0] == 0 || d[1] == 0 || d[2] == 0 {
		return true
	}
	if d[0] != '1' || d[1] < '3' || d[1] > '9' {
		return false
	}
	switch phoneRanges[d[1]-'3'][d[2]-'0'] {
	case 'M', 'V':
		return true
	case '0':
		return d[3] == 0 || d[3] == '0'
	case '4':
		return (d[3] == 0 || d[3] == '0') && (d[4] == 0 || d[4] <= '5')
	}
	return false
}
