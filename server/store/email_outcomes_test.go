package store_test

import (
	"context"
	"testing"
	"time"

	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

// A batch's results land in one statement with the same rules as one email's: an attempt
// counted for "sending", the provider id and sent time for "sent", the link secret dropped on
// a final status, one timeline event each.
func TestSetEmailOutcomes(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	c := &store.Contact{Email: "batch@example.com"}
	if err := st.CreateContact(ctx, c); err != nil {
		t.Fatal(err)
	}
	var es []store.Email
	for range 3 {
		e := store.Email{ContactID: c.ID, ToAddress: c.Email, Kind: "welcome", Subject: "s", LinkSecret: "https://x/#token=secret"}
		if err := st.CreateEmail(ctx, &e); err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	now := time.Now()
	sending := []store.EmailOutcome{{ID: es[0].ID, Status: "sending"}, {ID: es[1].ID, Status: "sending"}, {ID: es[2].ID, Status: "sending"}}
	if err := st.SetEmailOutcomes(ctx, sending, now); err != nil {
		t.Fatal(err)
	}
	err := st.SetEmailOutcomes(ctx, []store.EmailOutcome{
		{ID: es[0].ID, Status: "sent", ProviderID: "re_1"},
		{ID: es[1].ID, Status: "failed", Reason: "invalid address"},
		{ID: es[2].ID, Status: "queued", Reason: "retrying"},
	}, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		status, reason, provider string
		secret                   bool
	}{{"sent", "", "re_1", false}, {"failed", "invalid address", "", false}, {"queued", "retrying", "", true}}
	for i, w := range want {
		got, err := st.EmailByID(ctx, es[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != w.status || got.StatusReason != w.reason || got.ProviderID != w.provider || (got.LinkSecret != "") != w.secret || got.Attempts != 1 {
			t.Errorf("email %d: %+v", i, got)
		}
		if i == 0 && got.SentAt.IsZero() {
			t.Error("a sent email has no sent time")
		}
		evs, _ := st.EmailEvents(ctx, []string{es[i].ID})
		if len(evs) != 3 || evs[2].Type != w.status {
			t.Errorf("email %d timeline: %+v", i, evs)
		}
	}
}
