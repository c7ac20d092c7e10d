//go:build amd64 && !purego

package cluster

// CPU feature detection for the assembly kernels, done here with CPUID and
// XGETBV so that the module needs no dependency for it.

func cpuid(leaf, sub uint32) (a, b, c, d uint32)
func xgetbv() (lo, hi uint32)

// detectSIMD returns the widest kernel the processor and the operating
// system support: both need AVX2, FMA and the YMM state saved by the OS
// (OSXSAVE, XCR0); AVX-512 (F) also needs the ZMM state saved.
func detectSIMD() simdLevel {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return simdNone
	}
	_, _, c1, _ := cpuid(1, 0)
	const (
		fma     = 1 << 12
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if c1&osxsave == 0 || c1&avx == 0 || c1&fma == 0 {
		return simdNone
	}
	xcr0, _ := xgetbv()
	const (
		ymmState = 0x6  // XMM and YMM upper halves
		zmmState = 0xe0 // opmask, ZMM upper halves, ZMM16-31
	)
	if xcr0&ymmState != ymmState {
		return simdNone
	}
	_, b7, _, _ := cpuid(7, 0)
	const (
		avx2    = 1 << 5
		avx512f = 1 << 16
	)
	if b7&avx2 == 0 {
		return simdNone
	}
	if b7&avx512f != 0 && xcr0&zmmState == zmmState {
		return simdAVX512
	}
	return simdAVX2
}
