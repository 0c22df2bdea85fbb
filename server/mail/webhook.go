package mail

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
)

// WebhookTolerance is how far a webhook's timestamp may be from our clock (replays of old,
// captured deliveries are refused).
const WebhookTolerance = 5 * time.Minute

// ErrBadSignature means a webhook is not signed with our secret, or not recently.
var ErrBadSignature = errors.New("mail: webhook signature is not valid")

// VerifyWebhook checks a Resend webhook the way Svix signs it: HMAC-SHA256 with the
// base64-decoded secret (after "whsec_") over "id.timestamp.body", compared in constant time
// with each "v1,<base64>" signature in the header; the timestamp within ±5 minutes of now.
func VerifyWebhook(secret, id, timestamp, signatures string, body []byte, now time.Time) error {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil || id == "" || timestamp == "" || signatures == "" {
		return ErrBadSignature
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(ts, 0)); d > WebhookTolerance || d < -WebhookTolerance {
		return ErrBadSignature
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(body)
	want := mac.Sum(nil)
	for _, sig := range strings.Fields(signatures) {
		version, value, ok := strings.Cut(sig, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(value)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrBadSignature
}

// WebhookEvent is the part of a Resend webhook Gatehouse uses.
type WebhookEvent struct {
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	Data      struct {
		EmailID string `json:"email_id"`
		Bounce  *struct {
			Type    string `json:"type"`
			SubType string `json:"subType"`
			Message string `json:"message"`
		} `json:"bounce"`
		Failed *struct {
			Reason string `json:"reason"`
		} `json:"failed"`
	} `json:"data"`
}

// ParseWebhook reads a webhook body.
func ParseWebhook(body []byte) (WebhookEvent, error) {
	var ev WebhookEvent
	if err := json.Unmarshal(body, &ev); err != nil || ev.Type == "" {
		return ev, errors.New("mail: webhook body is not a Resend event")
	}
	return ev, nil
}
