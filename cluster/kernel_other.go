//go:build !amd64 || purego

package cluster

// Without the assembly kernels (other architectures, or the purego build
// tag) the pure-Go references in kernel.go do all the work.

func detectSIMD() simdLevel { return simdNone }

func nearestAsm(x []float64, n int, pn *panel, labels []int32, best, second []float64) int {
	return 0
}

func nearestDotAsm(x []float64, n int, pn *panel, labels []int32, best, second []float64) int {
	return 0
}

func distsAsm(x []float64, n int, pn *panel, out []float64, ldo int) int { return 0 }

func nearest32Asm(x []float32, n int, pn *panel, labels []int32, best []float32) int {
	return 0
}

func accumAsm(x []float64, d int, labels []int32, w, sums []float64) bool { return false }

func accum32Asm(x []float32, d int, labels []int32, sums []float64) bool { return false }
