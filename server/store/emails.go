package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Email statuses. An email only moves forward: queued → sending → sent → delivered /
// delivery_delayed / bounced / complained; failed and suppressed are final without a send.
const (
	EmailQueued     = "queued"
	EmailSending    = "sending"
	EmailSent       = "sent"
	EmailFailed     = "failed"
	EmailSuppressed = "suppressed"
)

// Email is one message to one contact: the outbox row before it is sent and its history after.
type Email struct {
	bun.BaseModel `bun:"table:emails"`

	ID        string `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	ContactID string `bun:"contact_id,type:uuid,nullzero"`
	ToAddress string `bun:"to_address"`
	Kind      string `bun:"kind"`
	Lane      string `bun:"lane"`
	OfferID   string `bun:"offer_id,type:uuid,nullzero"`
	Subject   string `bun:"subject"`
	HTMLBody  string `bun:"html_body"`
	TextBody  string `bun:"text_body"`
	// Message is the queued message's data until it is rendered into Subject and the bodies
	// (after the queueing transaction commits, outbox.Render); empty once rendered.
	Message      string    `bun:"message,nullzero"`
	LinkSecret   string    `bun:"link_secret,nullzero"`
	CodeSecret   string    `bun:"code_secret,nullzero"` // the code beside the link, until handed over
	Status       string    `bun:"status"`
	StatusReason string    `bun:"status_reason"`
	ProviderID   string    `bun:"provider_id,nullzero"`
	Attempts     int       `bun:"attempts"`
	RetryOf      string    `bun:"retry_of,type:uuid,nullzero"`
	BatchID      string    `bun:"batch_id,type:uuid,nullzero"`
	CreatedBy    string    `bun:"created_by,type:uuid,nullzero"`
	CreatedAt    time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	UpdatedAt    time.Time `bun:"updated_at,nullzero,notnull,default:now()"`
	SentAt       time.Time `bun:"sent_at,nullzero"`
}

// EmailEvent is one step in an email's timeline.
type EmailEvent struct {
	bun.BaseModel `bun:"table:email_events"`

	ID         int64     `bun:"id,pk,autoincrement"`
	EmailID    string    `bun:"email_id,type:uuid"`
	Type       string    `bun:"type"`
	Detail     string    `bun:"detail"`
	OccurredAt time.Time `bun:"occurred_at,nullzero,notnull,default:now()"`
}

// CreateEmail inserts a queued email and its first event.
func (s *Store) CreateEmail(ctx context.Context, e *Email) error {
	if e.Status == "" {
		e.Status = EmailQueued
	}
	if e.Lane == "" {
		e.Lane = "credential"
	}
	if _, err := s.db.NewInsert().Model(e).Returning("*").Exec(ctx); err != nil {
		return dbErr("create email", err)
	}
	return s.AddEmailEvent(ctx, e.ID, EmailQueued, "", e.CreatedAt)
}

// EmailByID returns one email.
func (s *Store) EmailByID(ctx context.Context, id string) (Email, error) {
	var e Email
	err := s.db.NewSelect().Model(&e).Where("id = ?", id).Scan(ctx)
	return e, dbErr("email by id", err)
}

// EmailForUpdate locks one email row for the rest of the transaction.
func (s *Store) EmailForUpdate(ctx context.Context, id string) (Email, error) {
	var e Email
	err := s.db.NewSelect().Model(&e).Where("id = ?", id).For("UPDATE").Scan(ctx)
	return e, dbErr("lock email", err)
}

// SetEmailRendered writes the rendering of an email queued with its message's data. It answers
// false when the email was rendered already (by the delivery job, or after the commit): the
// first writer wins, and both write the same thing.
func (s *Store) SetEmailRendered(ctx context.Context, id, subject, html, text string, now time.Time) (bool, error) {
	res, err := s.db.NewUpdate().Model((*Email)(nil)).Where("id = ? AND message IS NOT NULL", id).
		Set("subject = ?", subject).Set("html_body = ?", html).Set("text_body = ?", text).
		Set("message = NULL").Set("updated_at = ?", now).Exec(ctx)
	if err != nil {
		return false, dbErr("set email rendered", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetEmailStatus moves an email to status (with a reason) and records the event. Final states
// drop the link secret: from then on the history holds no usable link.
func (s *Store) SetEmailStatus(ctx context.Context, id, status, reason string, now time.Time) error {
	return s.InTx(ctx, func(ctx context.Context, s *Store) error { // the status and its event, or neither
		q := s.db.NewUpdate().Model((*Email)(nil)).Where("id = ?", id).
			Set("status = ?", status).Set("status_reason = ?", reason).Set("updated_at = ?", now)
		switch status {
		case EmailSending:
			q = q.Set("attempts = attempts + 1")
		case EmailSent, EmailFailed, EmailSuppressed:
			q = q.Set("link_secret = NULL, code_secret = NULL")
		}
		res, err := q.Exec(ctx)
		if err := affected("set email status", res, err); err != nil {
			return err
		}
		return s.AddEmailEvent(ctx, id, status, reason, now)
	})
}

// MarkEmailSent records the provider's id for an email that was handed over.
func (s *Store) MarkEmailSent(ctx context.Context, id, providerID string, now time.Time) error {
	return s.InTx(ctx, func(ctx context.Context, s *Store) error { // the status and its event, or neither
		res, err := s.db.NewUpdate().Model((*Email)(nil)).Where("id = ?", id).
			Set("status = ?", EmailSent).Set("status_reason = ''").Set("provider_id = ?", providerID).
			Set("sent_at = ?", now).Set("updated_at = ?", now).Set("link_secret = NULL, code_secret = NULL").Exec(ctx)
		if err := affected("mark email sent", res, err); err != nil {
			return err
		}
		return s.AddEmailEvent(ctx, id, EmailSent, "", now)
	})
}

// AddEmailEvent appends a timeline event.
func (s *Store) AddEmailEvent(ctx context.Context, emailID, typ, detail string, at time.Time) error {
	ev := &EmailEvent{EmailID: emailID, Type: typ, Detail: detail, OccurredAt: at}
	_, err := s.db.NewInsert().Model(ev).Exec(ctx)
	return dbErr("add email event", err)
}

// EmailEvents returns the timelines of the given emails, oldest event first.
func (s *Store) EmailEvents(ctx context.Context, emailIDs []string) ([]EmailEvent, error) {
	out := []EmailEvent{}
	if len(emailIDs) == 0 {
		return out, nil
	}
	err := s.db.NewSelect().Model(&out).Where("email_id IN (?)", bun.List(emailIDs)).Order("occurred_at", "id").Scan(ctx)
	return out, dbErr("email events", err)
}

// EmailFilter narrows ListEmails.
type EmailFilter struct {
	ContactID string
	Status    string
	Kind      string
	To        string    // substring of the recipient's address, any case
	From      time.Time // created at or after
	Until     time.Time // created before
	// Stuck: still queued or sending, and created before this (Status is then ignored).
	StuckBefore time.Time
	Page
}

// ListEmails returns emails newest first.
func (s *Store) ListEmails(ctx context.Context, f EmailFilter) ([]Email, error) {
	out := []Email{}
	q := f.newestFirst(s.db.NewSelect().Model(&out).ExcludeColumn("link_secret", "code_secret"), "created_at", "id")
	if f.ContactID != "" {
		q = q.Where("contact_id = ?", f.ContactID)
	}
	if !f.StuckBefore.IsZero() {
		q = q.Where("status IN (?, ?) AND created_at < ?", EmailQueued, EmailSending, f.StuckBefore)
	} else if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.To != "" {
		q = q.Where("lower(to_address) LIKE ?", "%"+escapeLike(strings.ToLower(f.To))+"%")
	}
	if !f.From.IsZero() {
		q = q.Where("created_at >= ?", f.From)
	}
	if !f.Until.IsZero() {
		q = q.Where("created_at < ?", f.Until)
	}
	return out, dbErr("list emails", q.Scan(ctx))
}

// EmailCountsByStatus counts every email by status (for /metrics).
func (s *Store) EmailCountsByStatus(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		Status string `bun:"status"`
		N      int    `bun:"n"`
	}
	err := s.db.NewSelect().Model((*Email)(nil)).Column("status").ColumnExpr("count(*) AS n").Group("status").Scan(ctx, &rows)
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, dbErr("email counts", err)
}

// LatestEmail returns the newest email of a kind to a contact (for an offer, if given).
func (s *Store) LatestEmail(ctx context.Context, contactID, kind, offerID string) (Email, error) {
	var e Email
	q := s.db.NewSelect().Model(&e).ExcludeColumn("link_secret", "code_secret").
		Where("contact_id = ? AND kind = ?", contactID, kind).OrderExpr("created_at DESC, id DESC").Limit(1)
	if offerID != "" {
		q = q.Where("offer_id = ?", offerID)
	}
	return e, dbErr("latest email", q.Scan(ctx))
}

// LatestEmailPerOffer returns a contact's newest email of a kind for each offer, by offer id:
// one query for the whole contact record.
func (s *Store) LatestEmailPerOffer(ctx context.Context, contactID, kind string) (map[string]Email, error) {
	var list []Email
	err := s.db.NewSelect().Model(&list).ExcludeColumn("link_secret", "code_secret").DistinctOn("offer_id").
		Where("contact_id = ? AND kind = ? AND offer_id IS NOT NULL", contactID, kind).
		OrderExpr("offer_id, created_at DESC, id DESC").Scan(ctx)
	out := make(map[string]Email, len(list))
	for _, e := range list {
		out[e.OfferID] = e
	}
	return out, dbErr("latest email per offer", err)
}

// undeliverable statuses: the email did not, and will not, reach the member.
var undeliverable = map[string]bool{EmailFailed: true, EmailSuppressed: true, "bounced": true, "complained": true}

// Deliverable reports whether an email in status may still reach, or has reached, the member.
func Deliverable(status string) bool { return !undeliverable[status] }

// EmailStatus returns an email's status.
func (s *Store) EmailStatus(ctx context.Context, id string) (string, error) {
	var status string
	err := s.db.NewSelect().Model((*Email)(nil)).Column("status").Where("id = ?", id).Scan(ctx, &status)
	return status, dbErr("email status", err)
}

// statusRank orders statuses along an email's life. Provider events can arrive late or out of
// order; a status only ever moves to a higher rank (a late "sent" never undoes "delivered").
var statusRank = map[string]int{
	EmailQueued: 0, EmailSending: 1, EmailSent: 2, "delivery_delayed": 3, "delivered": 4,
	"bounced": 5, "complained": 6, EmailFailed: 7, EmailSuppressed: 7,
}

// AdvanceEmailStatus records a provider event on an email: the event always joins the
// timeline (at its own time), the status changes only if the event moves it forward. It
// reports whether the status changed.
func (s *Store) AdvanceEmailStatus(ctx context.Context, e Email, status, detail string, occurred, now time.Time) (bool, error) {
	if err := s.AddEmailEvent(ctx, e.ID, status, detail, occurred); err != nil {
		return false, err
	}
	if statusRank[status] <= statusRank[e.Status] {
		return false, nil
	}
	reason := ""
	if status == "bounced" || status == "complained" || status == EmailFailed || status == "delivery_delayed" {
		reason = detail
	}
	_, err := s.db.NewUpdate().Model((*Email)(nil)).Where("id = ?", e.ID).
		Set("status = ?", status).Set("status_reason = ?", reason).Set("updated_at = ?", now).Set("link_secret = NULL, code_secret = NULL").Exec(ctx)
	return err == nil, dbErr("advance email status", err)
}

// DayCount is the number of emails created on a day with a status.
type DayCount struct {
	Day    time.Time `bun:"day"`
	Status string    `bun:"status"`
	N      int       `bun:"n"`
}

// EmailsPerDay counts emails per day (UTC) and current status since from.
func (s *Store) EmailsPerDay(ctx context.Context, from time.Time) ([]DayCount, error) {
	out := []DayCount{}
	err := s.db.NewRaw(`SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, status, count(*) AS n
		FROM emails WHERE created_at >= ? AND kind <> 'test' GROUP BY 1, 2 ORDER BY 1, 2`, from).Scan(ctx, &out)
	return out, dbErr("emails per day", err)
}

// Attention counts what needs a person: emails that failed, bounced or were reported as spam
// since from, emails stuck in the queue since before stuckBefore, and suppressed addresses.
type Attention struct {
	Failed     int `bun:"failed" json:"failed"`
	Bounced    int `bun:"bounced" json:"bounced"`
	Complained int `bun:"complained" json:"complained"`
	Stuck      int `bun:"stuck" json:"stuck"`
	Suppressed int `bun:"suppressed" json:"suppressed_addresses"`
}

// EmailAttention returns the counts of the delivery overview.
func (s *Store) EmailAttention(ctx context.Context, from, stuckBefore time.Time) (Attention, error) {
	var a Attention
	err := s.db.NewRaw(`SELECT
		count(*) FILTER (WHERE status = 'failed' AND created_at >= ?0) AS failed,
		count(*) FILTER (WHERE status = 'bounced' AND created_at >= ?0) AS bounced,
		count(*) FILTER (WHERE status = 'complained' AND created_at >= ?0) AS complained,
		count(*) FILTER (WHERE status IN ('queued', 'sending') AND created_at < ?1) AS stuck,
		(SELECT count(*) FROM suppressions) AS suppressed
		FROM emails WHERE created_at >= least(?0::timestamptz, ?1::timestamptz) - interval '30 days'`, from, stuckBefore).Scan(ctx, &a)
	return a, dbErr("email attention", err)
}
