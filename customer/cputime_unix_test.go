//go:build unix

package customer_test

import (
	"syscall"
	"time"
)

// ddCPU returns the process's user and system CPU time so far.
func ddCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
