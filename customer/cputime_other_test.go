//go:build !unix

package customer_test

import "time"

// ddCPU returns 0: the CPU time is not measured on this platform.
func ddCPU() time.Duration { return 0 }
