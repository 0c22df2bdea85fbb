package store_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

// The settings row is kept in the process while it listens for changes: a change made by
// another instance (another Store on the same database) is seen within moments, one made here
// at once, and a write behind its back (no NOTIFY) is not seen, which shows the cache is used.
func TestSettingsCacheFollowsChangesAcrossInstances(t *testing.T) {
	dsn := testdb.URL(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open := func() *store.Store {
		st, err := store.Open(ctx, dsn, 4)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(st.Close)
		go st.WatchSettings(ctx, slog.New(slog.DiscardHandler))
		return st
	}
	a, b := open(), open()
	name := func(st *store.Store) string {
		s, err := st.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s.PortalName
	}
	eventually := func(st *store.Store, want string) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if name(st) == want {
				return
			}
		}
		t.Fatalf("portal name %q, want %q", name(st), want)
	}
	for deadline := time.Now().Add(5 * time.Second); !(a.SettingsListening() && b.SettingsListening()); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the settings listeners did not start")
		}
	}
	eventually(b, "Gatehouse") // and now cached

	// Behind the cache's back: no NOTIFY, so a cached reader keeps its copy.
	if err := a.Exec(ctx, "UPDATE settings SET portal_name = 'Sneaky'"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if got := name(b); got != "Gatehouse" {
		t.Fatalf("the cache was not used: %q", got)
	}

	// Through UpdateSettings on instance a: a sees it at once, b within moments.
	s, _ := a.Settings(ctx)
	s.PortalName = "Pottery Club"
	if err := a.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.UpdateSettings(ctx, &s); err != nil {
			return err
		}
		if got, _ := tx.Settings(ctx); got.PortalName != "Pottery Club" {
			t.Errorf("the changing transaction reads %q", got.PortalName)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := name(a); got != "Pottery Club" {
		t.Fatalf("instance a right after its change: %q", got)
	}
	eventually(b, "Pottery Club")

	// A rolled-back change announces nothing that sticks.
	s.PortalName = "Never"
	_ = a.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		_ = tx.UpdateSettings(ctx, &s)
		return context.Canceled
	})
	if got := name(a); got != "Pottery Club" {
		t.Fatalf("after a rollback: %q", got)
	}
}
