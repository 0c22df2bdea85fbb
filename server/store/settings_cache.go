package store

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// settingsChannel is where a settings change is announced to every instance (NOTIFY is
// delivered when the changing transaction commits).
const settingsChannel = "gatehouse_settings"

// settingsCache keeps the settings row in the process: nearly every email and sign-in reads
// it. It is used only while this process listens for changes, so a change made by any
// instance is seen at once; while the listener is down (the database restarting) every read
// goes to the database.
type settingsCache struct {
	listening atomic.Bool
	mu        sync.Mutex
	gen       uint64 // bumped by every invalidation: a read that started before one is not kept
	val       *Settings
}

func (c *settingsCache) get() (Settings, uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.val == nil || !c.listening.Load() {
		return Settings{}, c.gen, false
	}
	return *c.val, c.gen, true
}

func (c *settingsCache) put(s Settings, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		c.val = &s
	}
}

func (c *settingsCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.val = nil
}

// WatchSettings listens for settings changes made by any instance until ctx ends, on a
// connection of its own, reconnecting after a database restart. The cache is on while it
// listens.
func (s *Store) WatchSettings(ctx context.Context, log *slog.Logger) {
	for ctx.Err() == nil {
		err := s.listenSettings(ctx)
		s.settings.listening.Store(false)
		s.settings.invalidate()
		if ctx.Err() != nil {
			return
		}
		log.Warn("settings listener stopped; reading settings from the database until it is back", "error", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func (s *Store) listenSettings(ctx context.Context) error {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+settingsChannel); err != nil {
		return err
	}
	s.settings.invalidate() // anything cached before may have missed a change
	s.settings.listening.Store(true)
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		s.settings.invalidate()
	}
}

// SettingsListening reports whether this process is listening for settings changes (and so
// keeps the settings in its cache).
func (s *Store) SettingsListening() bool { return s.settings != nil && s.settings.listening.Load() }
