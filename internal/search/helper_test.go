package search

import (
	"sync"
	"testing"
)

// The dictionary takes about a second to load: load it once per test binary.
var (
	testOnce     sync.Once
	testAnalyzer *Analyzer
	testErr      error
)

// analyzer returns the shared analyzer for tests.
func analyzer(tb testing.TB) *Analyzer {
	tb.Helper()
	testOnce.Do(func() { testAnalyzer, testErr = NewAnalyzer() })
	if testErr != nil {
		tb.Fatalf("NewAnalyzer: %v", testErr)
	}
	return testAnalyzer
}
