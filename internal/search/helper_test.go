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

// unexpanded returns the shared analyzer without synonyms, for the tests of
// the query syntax, whose words (DX, 販路開拓) are in the synonym list.
func unexpanded(tb testing.TB) *Analyzer {
	tb.Helper()
	a := *analyzer(tb)
	a.syn = synonyms{}
	return &a
}
