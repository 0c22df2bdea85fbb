package resendfake

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SignWebhook returns the svix-id, svix-timestamp and svix-signature headers
// Svix (which delivers Resend webhooks) would send for body. secret is the
// endpoint's signing secret, "whsec_" followed by the base64 key; the
// signature is "v1," + base64(HMAC-SHA256(key, msgID.unixSeconds.body)).
// A secret that is not valid base64 after the prefix is used as raw key bytes.
func SignWebhook(secret, msgID string, ts time.Time, body []byte) http.Header {
	raw := strings.TrimPrefix(secret, "whsec_")
	key, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		key = []byte(raw)
	}
	unix := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(msgID + "." + unix + "."))
	mac.Write(body)
	h := http.Header{}
	h.Set("svix-id", msgID)
	h.Set("svix-timestamp", unix)
	h.Set("svix-signature", "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	return h
}

// PostWebhook signs body with the current time and POSTs it to url as Svix
// would. An empty msgID gets a random "msg_" id. The caller must close the
// response body.
func PostWebhook(ctx context.Context, url, secret, msgID string, body []byte) (*http.Response, error) {
	if msgID == "" {
		msgID = "msg_" + strings.ReplaceAll(newID(), "-", "")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, v := range SignWebhook(secret, msgID, time.Now(), body) {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Svix-Webhooks/1.0 (resendfake)")
	return http.DefaultClient.Do(req)
}

// EmailEventTypes lists the event types EmailEvent can build: every outbound
// email.* webhook in the spec (email.received describes inbound mail and is
// not modelled).
func EmailEventTypes() []string {
	return []string{
		"email.sent", "email.delivered", "email.delivery_delayed", "email.bounced",
		"email.complained", "email.opened", "email.clicked", "email.failed",
		"email.scheduled", "email.suppressed",
	}
}

// EmailEvent builds the webhook body for eventType (one of EmailEventTypes)
// about a stored email, following the spec's Email*Event schemas: created_at
// is now, and data carries the email's id, created_at, from, to, subject,
// tags and headers. email.bounced is a Permanent bounce (see
// EmailBouncedEvent). As if the event had happened, the email's last_event
// (seen by GET /emails/{id}) is updated. An unknown email id yields empty
// from/to/subject. It panics on an unsupported event type, which is a bug in
// the calling test.
func (s *Server) EmailEvent(eventType, emailID string) []byte {
	return s.emailEvent(eventType, emailID, "Permanent")
}

// EmailBouncedEvent builds an email.bounced body with the given bounce type:
// "Permanent", "Transient" or "Undetermined".
func (s *Server) EmailBouncedEvent(emailID, bounceType string) []byte {
	return s.emailEvent("email.bounced", emailID, bounceType)
}

func (s *Server) emailEvent(eventType, emailID, bounceType string) []byte {
	if !slices.Contains(EmailEventTypes(), eventType) {
		panic(fmt.Sprintf("resendfake: unsupported email event type %q", eventType))
	}
	now := s.opts.Now()
	s.mu.Lock()
	var msg Message
	if se, ok := s.emails[emailID]; ok {
		msg = se.msg.clone()
		se.lastEvent = strings.TrimPrefix(eventType, "email.")
	} else {
		msg.ReceivedAt = now
	}
	s.mu.Unlock()

	data := map[string]any{
		"email_id": emailID, "created_at": emailCreatedAt(msg.ReceivedAt),
		"from": msg.From, "to": nonNil(msg.To), "subject": msg.Subject,
	}
	if len(msg.Tags) > 0 {
		tags := map[string]string{} // webhooks flatten tags to an object
		for _, t := range msg.Tags {
			tags[t.Name] = t.Value
		}
		data["tags"] = tags
	}
	if len(msg.Headers) > 0 {
		var hs []map[string]string
		for _, k := range slices.Sorted(maps.Keys(msg.Headers)) {
			hs = append(hs, map[string]string{"name": k, "value": msg.Headers[k]})
		}
		data["headers"] = hs
	}
	// diag mimics the per-recipient SMTP replies Resend forwards.
	diag := func(reply string) []string {
		out := make([]string, 0, len(msg.To))
		for _, to := range msg.To {
			out = append(out, "smtp; "+reply+" <"+to+">")
		}
		return out
	}
	switch eventType {
	case "email.bounced":
		sub, text, reply := "General", "The recipient's email provider sent a hard bounce message.", "550 5.1.1 user unknown"
		switch bounceType {
		case "Transient":
			sub, text, reply = "MailboxFull", "The recipient's inbox is full.", "452 4.2.2 mailbox full"
		case "Undetermined":
			sub, text, reply = "Undetermined", "The recipient's email provider sent a bounce message.", "554 5.0.0 undetermined"
		}
		data["bounce"] = map[string]any{"type": bounceType, "subType": sub, "message": text, "diagnosticCode": diag(reply)}
	case "email.clicked":
		data["click"] = map[string]any{
			"ipAddress": "127.0.0.1", "link": "https://example.com/",
			"timestamp": emailCreatedAt(now), "userAgent": "Mozilla/5.0 (resendfake)",
		}
	case "email.failed":
		data["failed"] = map[string]any{"reason": "reached_daily_quota"}
	case "email.suppressed":
		data["suppressed"] = map[string]any{
			"type": "OnAccountSuppressionList", "reason": "previous_bounce",
			"message": "The recipient is on the account suppression list.", "diagnosticCode": diag("550 5.1.1 suppressed"),
		}
	}
	body, _ := json.Marshal(map[string]any{"type": eventType, "created_at": emailCreatedAt(now), "data": data})
	return body
}
