package search

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestLazy(t *testing.T) {
	analyzer(t) // the dictionary is shared, so this load is quick
	l := NewLazy()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	a, err := l.Get(ctx)
	if err != nil || a == nil {
		t.Fatalf("Get = %v, %v", a, err)
	}
	if !l.Ready() {
		t.Error("Ready() = false after Get")
	}
	if got := a.Terms("副業"); !slices.Equal(got, []string{"副業", "ふくぎょう"}) {
		t.Errorf("Terms(副業) = %q", got)
	}
}

func TestLazyWaitsForContext(t *testing.T) {
	l := &Lazy{done: make(chan struct{})} // a load that never finishes
	if l.Ready() {
		t.Error("Ready() = true before the load finished")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := l.Get(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Get = %v, want context.DeadlineExceeded", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	a := analyzer(t)
	want := make([][]string, len(fukugyoSentences))
	for i, s := range fukugyoSentences {
		want[i] = a.Terms(s)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, s := range fukugyoSentences {
				if got := a.Terms(s); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent Terms(%q) = %q, want %q", s, got, want[i])
				}
				a.Highlight(s, a.Parse("副業"))
			}
		})
	}
	wg.Wait()
}
