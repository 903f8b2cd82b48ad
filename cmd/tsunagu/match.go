package main

import (
	"io"

	"github.com/tsunagu-hub/tsunagu/internal/match/whatif"
)

// matchCmd is the what-if allocation: tsunagu match --input FILE.json
// --method stable|optimal [--output FILE]. Bad input exits with code 2.
func matchCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return whatif.Run(args, stdin, stdout, stderr)
}
