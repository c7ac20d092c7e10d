package customer

// Punycode (RFC 3492) for IDNA labels: the bootstring parameters of
// section 5 and the encoder and decoder of section 6, without the
// optional mixed-case annotation. Both work on caller-provided buffers
// and fail instead of growing them, so that e-mail validation does not
// allocate.
const (
	punyBase        = 36
	punyTMin        = 1
	punyTMax        = 26
	punySkew        = 38
	punyDamp        = 700
	punyInitialBias = 72
	punyInitialN    = 128
	punyMaxInt      = 1<<31 - 1 // overflow bound, as in RFC 3492 section 6.4
)

// punyAdapt is the bias adaptation function of RFC 3492 section 6.1.
func punyAdapt(delta, numPoints int, first bool) int {
	if first {
		delta /= punyDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((punyBase-punyTMin)*punyTMax)/2 {
		delta /= punyBase - punyTMin
		k += punyBase
	}
	return k + (punyBase-punyTMin+1)*delta/(delta+punySkew)
}

func punyThreshold(k, bias int) int {
	switch t := k - bias; {
	case t < punyTMin:
		return punyTMin
	case t > punyTMax:
		return punyTMax
	default:
		return t
	}
}

// punyDigit encodes a digit value 0..35 as a-z, 0-9.
func punyDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

// punyValue decodes a digit, either case, or returns punyBase.
func punyValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c-'0') + 26
	case 'A' <= c && c <= 'Z':
		return int(c - 'A')
	case 'a' <= c && c <= 'z':
		return int(c - 'a')
	}
	return punyBase
}

// appendPunycode appends the Punycode encoding of src (without the
// "xn--" prefix) to dst and reports whether it fitted in cap(dst) and
// did not overflow. It never grows dst.
func appendPunycode(dst []byte, src []rune) ([]byte, bool) {
	b := 0
	for _, r := range src {
		if r < 0x80 {
			if len(dst) == cap(dst) {
				return dst, false
			}
			dst = append(dst, byte(r))
			b++
		}
	}
	if b > 0 {
		if len(dst) == cap(dst) {
			return dst, false
		}
		dst = append(dst, '-')
	}
	n, delta, bias := rune(punyInitialN), 0, punyInitialBias
	for h := b; h < len(src); {
		m := rune(0x7fffffff)
		for _, r := range src {
			if r >= n && r < m {
				m = r
			}
		}
		if int(m-n) > (punyMaxInt-delta)/(h+1) {
			return dst, false
		}
		delta += int(m-n) * (h + 1)
		n = m
		for _, r := range src {
			if r < n {
				delta++
				if delta > punyMaxInt {
					return dst, false
				}
			}
			if r != n {
				continue
			}
			q := delta
			for k := punyBase; ; k += punyBase {
				t := punyThreshold(k, bias)
				if q < t {
					break
				}
				if len(dst) == cap(dst) {
					return dst, false
				}
				dst = append(dst, punyDigit(t+(q-t)%(punyBase-t)))
				q = (q - t) / (punyBase - t)
			}
			if len(dst) == cap(dst) {
				return dst, false
			}
			dst = append(dst, punyDigit(q))
			bias = punyAdapt(delta, h+1, h == b)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return dst, true
}

// decodePunycode appends the code points that the Punycode string src
// (without the "xn--" prefix) encodes to dst and reports whether src was
// well formed and the result fitted in cap(dst). It never grows dst.
func decodePunycode(dst []rune, src string) ([]rune, bool) {
	start := len(dst)
	b := 0
	for j := len(src) - 1; j >= 0; j-- {
		if src[j] == '-' {
			b = j
			break
		}
	}
	for j := range b {
		c := src[j]
		if c >= 0x80 || len(dst) == cap(dst) {
			return dst, false
		}
		dst = append(dst, rune(c))
	}
	in := 0
	if b > 0 {
		in = b + 1
	}
	n, i, bias := punyInitialN, 0, punyInitialBias
	for in < len(src) {
		oldi, w := i, 1
		for k := punyBase; ; k += punyBase {
			if in >= len(src) {
				return dst, false
			}
			d := punyValue(src[in])
			in++
			if d >= punyBase || d > (punyMaxInt-i)/w {
				return dst, false
			}
			i += d * w
			t := punyThreshold(k, bias)
			if d < t {
				break
			}
			if w > punyMaxInt/(punyBase-t) {
				return dst, false
			}
			w *= punyBase - t
		}
		x := len(dst) - start + 1
		bias = punyAdapt(i-oldi, x, oldi == 0)
		if i/x > punyMaxInt-n {
			return dst, false
		}
		n += i / x
		i %= x
		if n < 0x80 || n > 0x10FFFF || 0xD800 <= n && n <= 0xDFFF || len(dst) == cap(dst) {
			return dst, false
		}
		dst = append(dst, 0)
		copy(dst[start+i+1:], dst[start+i:])
		dst[start+i] = rune(n)
		i++
	}
	return dst, true
}
