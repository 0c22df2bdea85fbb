package metrics

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type countingEmails struct{ calls, sent int }

func (c *countingEmails) EmailCountsByStatus(context.Context) (map[string]int, error) {
	c.calls++
	return map[string]int{"sent": c.sent}, nil
}

// A scrape counts the emails table at most every 15 s, however often it is scraped.
func TestEmailGaugeIsCached(t *testing.T) {
	emails := &countingEmails{sent: 3}
	m := New(emails)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	m.emails.now = func() time.Time { return now }
	scrape := func() string {
		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		b, _ := io.ReadAll(rec.Body)
		return string(b)
	}
	for range 5 {
		if body := scrape(); !strings.Contains(body, `gatehouse_emails{status="sent"} 3`) || !strings.Contains(body, `gatehouse_emails{status="queued"} 0`) {
			t.Fatalf("scrape:\n%s", body)
		}
	}
	emails.sent = 4
	now = now.Add(16 * time.Second)
	if body := scrape(); !strings.Contains(body, `gatehouse_emails{status="sent"} 4`) {
		t.Fatalf("after 16 s:\n%s", body)
	}
	if emails.calls != 2 {
		t.Fatalf("%d counts for 6 scrapes over 16 s, want 2", emails.calls)
	}
}
