package store

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// AccessChannel carries, when a transaction that changed someone's access commits, that
// contact's id, or "*" when an app, offer or community changed (triggers in
// 20261204001400_notify_access_changes).
const AccessChannel = "gatehouse_access"

// AccessWatcher is told about access changes: Listening(true) once every change from then on
// will be delivered, Listening(false) when that stops (it must then stop trusting what it
// remembers), and Changed for each change.
type AccessWatcher interface {
	Listening(bool)
	Changed(contactID string) // "*" means anyone
}

// WatchAccess delivers access changes made by any instance to w until ctx ends, on a
// connection of its own, reconnecting after a database restart. Changes this process makes
// reach w also directly, as their transaction commits: the request that follows a revoke
// made here is refused even if the notification is still on its way.
func (s *Store) WatchAccess(ctx context.Context, w AccessWatcher, log *slog.Logger) {
	s.access.w.Store(&w)
	for ctx.Err() == nil {
		err := s.listenAccess(ctx, w)
		w.Listening(false)
		if ctx.Err() != nil {
			return
		}
		log.Warn("access listener stopped; forward-auth asks the database every time until it is back", "error", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func (s *Store) listenAccess(ctx context.Context, w AccessWatcher) error {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+AccessChannel); err != nil {
		return err
	}
	w.Listening(true)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		w.Changed(n.Payload)
	}
}

// accessHook is the watcher of this process, shared by every Store of one pool.
type accessHook struct{ w atomic.Pointer[AccessWatcher] }

// accessChanged tells this process's watcher, once the transaction commits, that a contact's
// access ("*": anyone's) may have changed. The triggers tell every instance; this is the
// same news without the round trip, for the change's own instance.
func (s *Store) accessChanged(contactID string) {
	if s.access == nil {
		return
	}
	if w := s.access.w.Load(); w != nil {
		s.onCommit(func() { (*w).Changed(contactID) })
	}
}
