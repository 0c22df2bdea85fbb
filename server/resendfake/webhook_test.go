package resendfake

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// verifySvix is an independent Svix verifier, written from Svix's docs
// rather than sharing code with SignWebhook.
func verifySvix(secret string, h http.Header, body []byte) error {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return err
	}
	ts, err := strconv.ParseInt(h.Get("svix-timestamp"), 10, 64)
	if err != nil {
		return err
	}
	if d := time.Since(time.Unix(ts, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return fmt.Errorf("timestamp too far off: %v", d)
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.%s", h.Get("svix-id"), ts, body)
	want := mac.Sum(nil)
	for _, sig := range strings.Fields(h.Get("svix-signature")) {
		version, b64, _ := strings.Cut(sig, ",")
		got, err := base64.StdEncoding.DecodeString(b64)
		if version == "v1" && err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return fmt.Errorf("no valid signature in %q", h.Get("svix-signature"))
}

const testSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

func TestSignWebhookMatchesIndependentHMAC(t *testing.T) {
	body := []byte(`{"type":"email.sent"}`)
	ts := time.Now()
	h := SignWebhook(testSecret, "msg_p5jXN8AQM9LWM0D4loKWxJek", ts, body)
	if h.Get("svix-id") != "msg_p5jXN8AQM9LWM0D4loKWxJek" || h.Get("svix-timestamp") != strconv.FormatInt(ts.Unix(), 10) {
		t.Fatalf("headers %v", h)
	}
	if err := verifySvix(testSecret, h, body); err != nil {
		t.Fatal(err)
	}
	if verifySvix(testSecret, h, []byte(`{"type":"email.bounced"}`)) == nil {
		t.Fatal("tampered body verified")
	}
	if verifySvix("whsec_"+base64.StdEncoding.EncodeToString([]byte("other")), h, body) == nil {
		t.Fatal("wrong secret verified")
	}
}

func TestEmailEventsMatchSpecSchemas(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	resp, err := send(t, c, validEmail("a@example.com"), "")
	if err != nil {
		t.Fatal(err)
	}
	schemaName := func(eventType string) string {
		var b strings.Builder
		for _, part := range strings.FieldsFunc(eventType, func(r rune) bool { return r == '.' || r == '_' }) {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
		return b.String() + "Event" // email.delivery_delayed -> EmailDeliveryDelayedEvent
	}
	for _, typ := range EmailEventTypes() {
		body := s.EmailEvent(typ, resp.Id)
		schema := s.val.component(schemaName(typ))
		if schema == nil {
			t.Fatalf("no schema %s", schemaName(typ))
		}
		if ok, errs := s.val.schemas.ValidateSchemaBytes(schema, body); !ok {
			t.Fatalf("%s payload %s does not match %s: %v", typ, body, schemaName(typ), errs[0].SchemaValidationErrors)
		}
		var ev struct {
			Type      string `json:"type"`
			CreatedAt string `json:"created_at"`
			Data      struct {
				EmailID string            `json:"email_id"`
				From    string            `json:"from"`
				To      []string          `json:"to"`
				Subject string            `json:"subject"`
				Tags    map[string]string `json:"tags"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &ev); err != nil {
			t.Fatal(err)
		}
		if ev.Type != typ || ev.Data.EmailID != resp.Id || ev.Data.From != "Gatehouse <noreply@gatehouse.test>" ||
			ev.Data.Subject != "Welcome" || ev.Data.To[0] != "a@example.com" || ev.Data.Tags["category"] != "welcome" {
			t.Fatalf("%s: unexpected payload %s", typ, body)
		}
	}
	for _, bt := range []string{"Permanent", "Transient", "Undetermined"} {
		body := s.EmailBouncedEvent(resp.Id, bt)
		if ok, errs := s.val.schemas.ValidateSchemaBytes(s.val.component("EmailBouncedEvent"), body); !ok {
			t.Fatalf("%s bounce: %v", bt, errs[0].SchemaValidationErrors)
		}
		if !strings.Contains(string(body), `"type":"`+bt+`"`) {
			t.Fatalf("bounce type missing: %s", body)
		}
	}
	got, err := c.Emails.Get(resp.Id)
	if err != nil || got.LastEvent != "bounced" {
		t.Fatalf("last_event after bounce: %+v %v", got, err)
	}
}

func TestPostWebhookDeliversVerifiableRequest(t *testing.T) {
	s := newServer(t, Options{})
	type received struct {
		header http.Header
		body   []byte
	}
	got := make(chan received, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- received{r.Header.Clone(), b}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()
	body := s.EmailEvent("email.delivered", "4ef9a417-02e9-4d39-ad75-9611e0fcc33c")
	resp, err := PostWebhook(context.Background(), hook.URL+"/webhooks/resend", testSecret, "", body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("status %d", resp.StatusCode)
	}
	r := <-got
	if string(r.body) != string(body) || !strings.HasPrefix(r.header.Get("svix-id"), "msg_") {
		t.Fatalf("unexpected delivery %v %s", r.header, r.body)
	}
	if err := verifySvix(testSecret, r.header, r.body); err != nil {
		t.Fatal(err)
	}
}
