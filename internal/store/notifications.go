package store

import (
	"context"
	"database/sql"
	"encoding/json"
)

// Notify adds an in-app notice for a user, in the caller's transaction
// when there is one.
func (s Messaging) Notify(ctx context.Context, userID int64, key string, args map[string]any, link string) error {
	if userID == 0 {
		return nil
	}
	if args == nil {
		args = map[string]any{}
	}
	raw, err := json.Marshal(args)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, `INSERT INTO notifications (user_id, msg_key, args, link, created_at) VALUES ($1, $2, $3, $4, $5)`,
		userID, key, string(raw), link, s.now())
	return err
}

// Notifications lists a user's notices, newest first.
func (s Messaging) Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	rows, err := s.query(ctx, `SELECT id, user_id, msg_key, args, link, created_at, read_at FROM notifications
		WHERE user_id = $1 ORDER BY id DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var raw string
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.UserID, &n.Key, &raw, &n.Link, &n.CreatedAt, &read); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &n.Args); err != nil {
			return nil, err
		}
		n.CreatedAt = n.CreatedAt.UTC()
		if read.Valid {
			n.ReadAt = read.Time.UTC()
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// UnreadNotifications counts a user's unread notices.
func (s Messaging) UnreadNotifications(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	return n, err
}

// MarkNotificationsRead marks all of a user's notices read.
func (s Messaging) MarkNotificationsRead(ctx context.Context, userID int64) error {
	_, err := s.exec(ctx, `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL`, s.now(), userID)
	return err
}
