package main

import (
	"io"
)

func matchCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return &usageError{"match is not available in this build yet"}
}
