package store_test

import (
	"context"
	"testing"
	"time"

	"gatehouse/server/testdb"
)

// Pruning deletes the counters of windows that ended before the cutoff and keeps the rest.
func TestPruneRateLimits(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	now := time.Now()
	if _, _, err := st.Hit(ctx, "old", time.Hour, now.Add(-72*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Hit(ctx, "new", time.Hour, now); err != nil {
		t.Fatal(err)
	}
	if err := st.PruneRateLimits(ctx, now.Add(-48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	var keys []string
	rows, err := st.SQLDB().Query(`SELECT key FROM rate_limits ORDER BY key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		_ = rows.Scan(&k)
		keys = append(keys, k)
	}
	if len(keys) != 1 || keys[0] != "new" {
		t.Fatalf("after pruning: %v", keys)
	}
}
