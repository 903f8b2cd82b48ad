package store

import (
	"context"
	"fmt"
	"time"
)

// What DeleteAccount erases, table by table. What others rely on stays as
// a tombstone without the person's words: an entry (a program's counts),
// a report's hours, a meeting's length, review scores, a credential's
// place in its status list. Official records that staff wrote in their
// role (decline reasons, project comments, answers to ideas, scout
// messages, agreements) belong to the municipality and stay; a deleted
// staff member appears in them only by number, as in the audit log.

// talentErasures clear the profile and everything written by or about the
// person as a talent; each takes the talent id.
func talentErasures() []string {
	return []string{
		`UPDATE talents SET name = '', name_kana = '', background = '', contact_email = '', user_id = NULL WHERE id = $1`,
		`DELETE FROM talent_skills WHERE talent_id = $1`,
		`DELETE FROM talent_sdgs WHERE talent_id = $1`,
		`DELETE FROM talent_affinities WHERE talent_id = $1`,
		`UPDATE entries SET motivation = '', idempotency_key = '' WHERE talent_id = $1`,
		// Reasons, reviewers' notes and interview details about their entries.
		`UPDATE entry_versions SET motivation = '' WHERE entry_id IN (SELECT id FROM entries WHERE talent_id = $1)`,
		`UPDATE entry_events SET reason = '' WHERE entry_id IN (SELECT id FROM entries WHERE talent_id = $1)`,
		`UPDATE entry_reviews SET note = '' WHERE entry_id IN (SELECT id FROM entries WHERE talent_id = $1)`,
		`UPDATE interviews SET note = '', place = '', video_url = '' WHERE entry_id IN (SELECT id FROM entries WHERE talent_id = $1)`,
		`UPDATE reports SET done = '', next_steps = '', blockers = '' WHERE talent_id = $1`,
		`UPDATE team_reviews SET comment = '' WHERE talent_id = $1`,
		`DELETE FROM scout_offers WHERE talent_id = $1`,
		// The signed credential names the person; its status list entry
		// stays, so the holder's own copy still verifies (or reads as
		// revoked).
		`UPDATE credentials SET jwt = '', public = FALSE WHERE talent_id = $1`,
	}
}

// userErasures remove what the person wrote or chose with their account;
// each takes the user id. They run before the users row goes, so they do
// not depend on ON DELETE CASCADE.
func userErasures() []string {
	return []string{
		`DELETE FROM ideas WHERE author_id = $1`, // with their supports
		`DELETE FROM idea_supports WHERE user_id = $1`,
		`DELETE FROM engagement_messages WHERE author_id = $1`,
		`DELETE FROM thread_messages WHERE author_id = $1`,
		`UPDATE meetings SET notes = '', author_id = NULL WHERE author_id = $1`,
		`UPDATE team_reviews SET comment = '', author_id = NULL WHERE author_id = $1`,
		`DELETE FROM entry_reviews WHERE reviewer_id = $1`, // notes and scores they wrote as a reviewer
		`DELETE FROM entry_reviewers WHERE user_id = $1`,
		`UPDATE entry_reviewers SET assigned_by = NULL WHERE assigned_by = $1`,
		`DELETE FROM event_rsvps WHERE user_id = $1`,
		`DELETE FROM notifications WHERE user_id = $1`,
		`DELETE FROM scout_findable WHERE talent_id IN (SELECT id FROM talents WHERE user_id = $1)`,
		`DELETE FROM consents WHERE user_id = $1`,
		`DELETE FROM bookmarks WHERE user_id = $1`,
		`DELETE FROM user_tokens WHERE user_id = $1`,
		// Mail and invitations addressed to them carry the address and name.
		`DELETE FROM mail_outbox WHERE to_addr = (SELECT email FROM users WHERE id = $1)`,
		`DELETE FROM invitations WHERE email = (SELECT email FROM users WHERE id = $1)`,
		`DELETE FROM memberships WHERE user_id = $1`,
	}
}

// execEach runs statements that take one argument.
func (s Personal) execEach(ctx context.Context, statements []string, arg int64) error {
	for _, q := range statements {
		if _, err := s.exec(ctx, q, arg); err != nil {
			return fmt.Errorf("erase: %w", err)
		}
	}
	return nil
}

// truncateWAL, on SQLite, copies the write-ahead log into the database file
// and empties it, so the earlier versions of erased rows are gone from the
// -wal file as well (secure_delete has zeroed them in the database file).
// Readers can hold it back for a moment; it tries a few times. On
// PostgreSQL there is nothing to do here: see the README on erasure.
func (s Personal) truncateWAL(ctx context.Context) error {
	if s.engine != SQLite {
		return nil
	}
	for attempt := 0; ; attempt++ {
		var busy, frames, copied int
		if err := s.write.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &copied); err != nil {
			return fmt.Errorf("checkpoint the WAL: %w", err)
		}
		if busy == 0 {
			return nil
		}
		if attempt == 4 {
			return fmt.Errorf("checkpoint the WAL: readers still hold it (%d of %d frames copied)", copied, frames)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond << attempt):
		}
	}
}
