//go:build !unix

package main

import "time"

// cpuTime is not measured on this platform.
func cpuTime() time.Duration { return 0 }

// sysTime is not measured on this platform.
func sysTime() time.Duration { return 0 }
