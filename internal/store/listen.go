package store

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// changesChannel is the PostgreSQL notification channel on which every
// committed write is announced, so the other app instances on the same
// database drop their cached pages at once.
const changesChannel = "tsunagu_changes"

// Listen follows the writes other instances announce until ctx ends,
// reconnecting after a lost connection. It returns at once on SQLite,
// where one process owns the database.
func (s *Store) Listen(ctx context.Context, log *slog.Logger) {
	if s.engine != Postgres {
		return
	}
	wait := time.Second
	for ctx.Err() == nil {
		err := s.listenOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		// While the connection was down, changes may have been missed.
		s.remote.Add(1)
		s.remoteCatalogue.Add(1)
		if log != nil {
			log.Warn("listening for changes from other instances", "err", err, "retry_in", wait)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, 30*time.Second)
	}
}

func (s *Store) listenOnce(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		return err
	}
	s.remote.Add(1) // anything before the LISTEN took hold
	s.remoteCatalogue.Add(1)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Payload == cataloguePayload {
			s.remoteCatalogue.Add(1)
		}
		s.remote.Add(1)
	}
}
