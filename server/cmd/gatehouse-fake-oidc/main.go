// Command gatehouse-fake-oidc is a real OpenID Connect provider (github.com/oauth2-proxy/mockoidc)
// on loopback for the browser tests, with a fixed client id and secret so the portal can be
// configured before it starts. A control address queues who signs in next:
//
//	POST {control}/users {"subject":"…","email":"…","email_verified":true}
//
// With nothing queued, the provider signs in jane.doe@example.com (verified).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/oauth2-proxy/mockoidc"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:4192", "where the provider listens (its issuer is http://{addr}/oidc)")
	control := flag.String("control", "127.0.0.1:4193", "where tests queue users")
	clientID := flag.String("client-id", "gatehouse-e2e", "the client id the portal uses")
	clientSecret := flag.String("client-secret", "gatehouse-e2e-secret", "the client secret the portal uses")
	flag.Parse()

	m, err := mockoidc.NewServer(nil)
	if err != nil {
		log.Fatal(err)
	}
	m.ClientID, m.ClientSecret = *clientID, *clientSecret
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /users", func(w http.ResponseWriter, r *http.Request) {
		var u struct {
			Subject       string `json:"subject"`
			Email         string `json:"email"`
			EmailVerified bool   `json:"email_verified"`
		}
		if err := json.NewDecoder(r.Body).Decode(&u); err != nil || u.Subject == "" {
			http.Error(w, "want {subject, email, email_verified}", http.StatusBadRequest)
			return
		}
		m.QueueUser(&mockoidc.MockUser{Subject: u.Subject, Email: u.Email, EmailVerified: u.EmailVerified, PreferredUsername: u.Subject})
		w.WriteHeader(http.StatusNoContent)
	})
	go func() { log.Fatal(http.ListenAndServe(*control, mux)) }()
	fmt.Fprintf(os.Stderr, "fake OIDC provider: discovery %s, control http://%s\n", m.DiscoveryEndpoint(), *control)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	_ = m.Shutdown()
}
