package store

import (
	"time"

	"github.com/uptrace/bun"
)

// Page is a position in a newest-first list: at most Limit rows, older than the row at
// (Before, BeforeID) when Before is set. Keyset, not offset: a page stays right while new
// rows arrive at the top, and costs the same however deep it is.
type Page struct {
	Limit    int
	Before   time.Time
	BeforeID string
}

// newestFirst orders q by its time and id columns, newest first, from the page's position.
// The columns are constants of the caller, never input.
func (p Page) newestFirst(q *bun.SelectQuery, timeCol, idCol string) *bun.SelectQuery {
	q = q.OrderExpr("? DESC, ? DESC", bun.Safe(timeCol), bun.Safe(idCol)).Limit(int64(p.Limit))
	if !p.Before.IsZero() {
		q = q.Where("(?, ?) < (?, ?)", bun.Safe(timeCol), bun.Safe(idCol), p.Before, p.BeforeID)
	}
	return q
}
