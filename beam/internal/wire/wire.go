package wire

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"time"

	"github.com/shopspring/decimal"
)

// ErrCorrupt reports bytes that do not decode as the expected value.
var ErrCorrupt = errors.New("wire: corrupt encoding")

// AppendInt appends v as a zig-zag varint.
func AppendInt(b []byte, v int64) []byte { return binary.AppendVarint(b, v) }

// AppendString appends s with its length.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendFloat appends the bits of v, so every value (NaN payloads, -0)
// round-trips exactly.
func AppendFloat(b []byte, v float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
}

// AppendFloats appends a length and the values.
func AppendFloats(b []byte, vs []float64) []byte {
	b = binary.AppendUvarint(b, uint64(len(vs)))
	for _, v := range vs {
		b = AppendFloat(b, v)
	}
	return b
}

// AppendTime appends t as its instant (seconds and nanoseconds) and its
// zone offset; the zone's name is not kept.
func AppendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	_, off := t.Zone()
	b = append(b, 1)
	b = AppendInt(b, t.Unix())
	b = AppendInt(b, int64(t.Nanosecond()))
	return AppendInt(b, int64(off))
}

// AppendDecimal appends d exactly, as its coefficient and exponent.
func AppendDecimal(b []byte, d decimal.Decimal) []byte {
	c := d.Coefficient()
	if c.IsInt64() {
		b = append(b, 0)
		b = AppendInt(b, c.Int64())
	} else {
		tag := byte(1) // positive; 3: negative
		if c.Sign() < 0 {
			tag = 3
		}
		b = append(b, tag)
		b = AppendString(b, string(c.Bytes()))
	}
	return AppendInt(b, int64(d.Exponent()))
}

// Reader reads values in the order they were appended. After the first
// error every read returns a zero value; Err reports that error.
type Reader struct {
	b   []byte
	err error
}

// NewReader returns a Reader over b, which it does not modify.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err returns the first error, or ErrCorrupt when bytes are left over.
func (r *Reader) Err() error {
	if r.err == nil && len(r.b) > 0 {
		return ErrCorrupt
	}
	return r.err
}

func (r *Reader) fail() { r.err, r.b = ErrCorrupt, nil }

// Int reads a zig-zag varint.
func (r *Reader) Int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Len reads a length, checking it against the bytes left, each element
// taking at least min bytes.
func (r *Reader) Len(min int) int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(len(r.b)-n)/uint64(max(min, 1)) {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// String reads a string.
func (r *Reader) String() string {
	n := r.Len(1)
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// Float reads a float64.
func (r *Reader) Float() float64 {
	if len(r.b) < 8 {
		r.fail()
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

// Floats reads a length and that many float64 values.
func (r *Reader) Floats() []float64 {
	n := r.Len(8)
	if n == 0 {
		return nil
	}
	vs := make([]float64, n)
	for i := range vs {
		vs[i] = r.Float()
	}
	return vs
}

// Time reads a time written by AppendTime, in a fixed zone of the
// written offset (UTC for offset 0).
func (r *Reader) Time() time.Time {
	if len(r.b) == 0 {
		r.fail()
		return time.Time{}
	}
	tag := r.b[0]
	r.b = r.b[1:]
	if tag == 0 {
		return time.Time{}
	}
	sec, nsec, off := r.Int(), r.Int(), r.Int()
	t := time.Unix(sec, nsec)
	if off == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(off)))
}

// Decimal reads a decimal written by AppendDecimal.
func (r *Reader) Decimal() decimal.Decimal {
	if len(r.b) == 0 {
		r.fail()
		return decimal.Decimal{}
	}
	tag := r.b[0]
	r.b = r.b[1:]
	var c *big.Int
	if tag == 0 {
		c = big.NewInt(r.Int())
	} else {
		c = new(big.Int).SetBytes([]byte(r.String()))
		if tag == 3 {
			c.Neg(c)
		}
	}
	exp := r.Int()
	if exp < math.MinInt32 || exp > math.MaxInt32 {
		r.fail()
		return decimal.Decimal{}
	}
	return decimal.NewFromBigInt(c, int32(exp))
}
