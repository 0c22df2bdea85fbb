package store_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

func TestEmailUniqueIgnoringCase(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	if err := st.CreateContact(ctx, &store.Contact{Email: "Ann@Example.com"}); err != nil {
		t.Fatal(err)
	}
	err := st.CreateContact(ctx, &store.Contact{Email: "ann@example.COM"})
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("want ErrConflict, got %v", err)
	}
	c, err := st.ContactByEmail(ctx, "ANN@example.com")
	if err != nil || c.Email != "Ann@Example.com" {
		t.Fatalf("lookup ignoring case: %+v %v", c, err)
	}
	if _, err := st.ContactByID(ctx, "not-a-uuid"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("malformed id: want ErrNotFound, got %v", err)
	}
}

func TestInTxRollsBackEverything(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := st.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateContact(ctx, &store.Contact{Email: "half@example.com"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, err := st.ContactByEmail(ctx, "half@example.com"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("rolled-back contact is visible: %v", err)
	}
}

func TestConsumeTokenExactlyOnce(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	c := &store.Contact{Email: "once@example.com"}
	if err := st.CreateContact(ctx, c); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tok := &store.Token{ContactID: c.ID, Purpose: "reset", TokenHash: []byte("h1"), ExpiresAt: now.Add(time.Hour)}
	if err := st.ReplaceToken(ctx, tok, now); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := st.ConsumeToken(ctx, []byte("h1"), []string{"reset"}, now); err == nil {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("%d concurrent consumers succeeded, want exactly 1", wins)
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	if err := st.AddAudit(ctx, &store.AuditEntry{Action: "test"}); err != nil {
		t.Fatal(err)
	}
	err := st.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		_, err := tx.SQLTx().ExecContext(ctx, "UPDATE audit_entries SET action = 'forged'")
		return err
	})
	if err == nil {
		t.Fatal("audit entries could be updated")
	}
}

func TestRateLimitWindow(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	now := time.Now()
	for i := 1; i <= 3; i++ {
		n, _, err := st.Hit(ctx, "k", time.Minute, now)
		if err != nil || n != i {
			t.Fatalf("hit %d: %d %v", i, n, err)
		}
	}
	n, _, err := st.Hit(ctx, "k", time.Minute, now.Add(61*time.Second))
	if err != nil || n != 1 {
		t.Fatalf("new window: %d %v", n, err)
	}
}
