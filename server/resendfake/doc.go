// Package resendfake is an in-process fake of the Resend email HTTP API for
// tests and benchmarks.
//
// The fake listens on 127.0.0.1 and speaks the real wire format described by
// Resend's OpenAPI document (embedded here as resend-openapi.yaml, MIT
// licensed, see resend-openapi.LICENSE), so production code can be exercised
// through the official github.com/resend/resend-go/v2 client simply by
// pointing its BaseURL at (*Server).URL():
//
//	srv := resendfake.New(resendfake.Options{APIKey: "re_test"})
//	defer srv.Close()
//	client := resend.NewClient("re_test")
//	client.BaseURL, _ = url.Parse(srv.URL())
//
// Supported endpoints are POST /emails, POST /emails/batch and
// GET /emails/{id}; other methods on those paths (including the real
// GET /emails list, not modelled) get 405 method_not_allowed and any other
// path 404 not_found, in Resend's error shape. Request bodies are validated against the embedded spec
// (via libopenapi-validator) plus the rules Resend documents but the schema
// does not express (non-empty from/subject, 1..50 recipients, a body,
// idempotency key length, batch size). Idempotency keys, rate limiting,
// latency, injected faults and Svix-signed webhooks are modelled so that
// retry and error-handling paths can be tested deterministically.
//
// Everything is per-Server: there is no package-level state, so servers can
// be used from parallel tests.
package resendfake

import _ "embed"

// openAPISpec is embedded rather than read from ../shared so that the package
// works on a clean CI checkout where the shared folder does not exist.
//
//go:embed resend-openapi.yaml
var openAPISpec []byte
