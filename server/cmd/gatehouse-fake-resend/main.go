// Command gatehouse-fake-resend runs the fake Resend API (package resendfake) as a process, for
// the browser tests: the real gatehouse binary sends to it as it would to Resend. Under
// /_fake/ it adds what a test needs to steer it: read the messages it accepted, make the next
// sends fail, and deliver signed webhook events to gatehouse.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"log"
	"net/http"
	"strings"
	"time"

	"gatehouse/server/resendfake"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:4191", "listen address")
	key := flag.String("key", "re_e2e", "the API key gatehouse must present")
	webhook := flag.String("webhook", "", "gatehouse's webhook URL, for /_fake/events")
	secret := flag.String("secret", "", "the webhook signing secret (whsec_…)")
	flag.Parse()

	fake := resendfake.NewHandler(resendfake.Options{APIKey: *key})
	mux := http.NewServeMux()
	mux.Handle("/", fake)
	mux.HandleFunc("GET /_fake/messages", func(w http.ResponseWriter, r *http.Request) {
		to := strings.ToLower(r.URL.Query().Get("to"))
		out := []map[string]any{}
		for _, m := range fake.Messages() {
			if to != "" && (len(m.To) == 0 || strings.ToLower(m.To[0]) != to) {
				continue
			}
			out = append(out, map[string]any{"id": m.ID, "to": m.To, "subject": m.Subject, "text": m.Text, "received_at": m.ReceivedAt})
		}
		writeJSON(w, out)
	})
	mux.HandleFunc("POST /_fake/faults", func(w http.ResponseWriter, r *http.Request) {
		var f resendfake.Fault
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fake.Fail(f)
		w.WriteHeader(http.StatusNoContent)
	})
	// POST /_fake/events {"type": "email.bounced", "email_id": "<Resend id>"} signs the event as
	// Svix would and posts it to gatehouse, answering with gatehouse's status.
	mux.HandleFunc("POST /_fake/events", func(w http.ResponseWriter, r *http.Request) {
		var ev struct {
			Type       string `json:"type"`
			EmailID    string `json:"email_id"`
			BounceType string `json:"bounce_type"`
		}
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil || *webhook == "" {
			http.Error(w, "bad event or no -webhook", http.StatusBadRequest)
			return
		}
		body := fake.EmailEvent(ev.Type, ev.EmailID)
		if ev.Type == "email.bounced" && ev.BounceType != "" {
			body = fake.EmailBouncedEvent(ev.EmailID, ev.BounceType)
		}
		ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
		defer cancel()
		res, err := resendfake.PostWebhook(ctx, *webhook, *secret, "", body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		writeJSON(w, map[string]any{"status": res.StatusCode, "body": string(b)})
	})
	log.Printf("fake Resend on http://%s/", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
