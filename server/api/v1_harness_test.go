package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	verrors "github.com/pb33f/libopenapi-validator/errors"

	"gatehouse/server/access"
	"gatehouse/server/apikeys"
)

// The machine API's tests call it as an integration would, and hold every request and every
// answer to the OpenAPI document (openapi.json): a field, status or shape the document does
// not describe fails the test, so the document stays the contract.

var (
	docOnce      sync.Once
	docValidator validator.Validator
	docErr       error
)

func openAPIValidator(t *testing.T) validator.Validator {
	t.Helper()
	docOnce.Do(func() {
		doc, err := libopenapi.NewDocument(OpenAPIv1())
		if err != nil {
			docErr = err
			return
		}
		v, errs := validator.NewValidator(doc, config.WithFormatAssertions())
		if len(errs) > 0 {
			docErr = errs[0]
			return
		}
		if ok, verrs := v.ValidateDocument(); !ok {
			docErr = fmt.Errorf("openapi.json is not a valid OpenAPI document: %v", verrs[0].Message)
			return
		}
		docValidator = v
	})
	if docErr != nil {
		t.Fatal(docErr)
	}
	return docValidator
}

// machine is an integration holding one API key.
type machine struct {
	h      *harness
	key    string
	v      validator.Validator
	mu     sync.Mutex
	ip     string
	header map[string]string
}

// apiKey makes a key with scopes (all of them if none) and returns its secret.
func (h *harness) apiKey(name string, scopes ...string) string {
	h.t.Helper()
	if len(scopes) == 0 {
		scopes = apikeys.Scopes
	}
	_, raw, err := apikeys.New(h.store, h.now).Create(context.Background(), access.Actor{Kind: access.KindStaff}, apikeys.NewKey{Name: name, Scopes: scopes})
	if err != nil {
		h.t.Fatal(err)
	}
	return raw
}

func (h *harness) machine(key string) *machine {
	return &machine{h: h, key: key, v: openAPIValidator(h.t), ip: "198.51.100.7", header: map[string]string{}}
}

func (m *machine) request(method, path, body string, header map[string]string) *http.Request {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if m.key != "" {
		req.Header.Set("Authorization", "Bearer "+m.key)
	}
	req.Header.Set("X-Forwarded-For", m.ip)
	for k, v := range m.header {
		req.Header.Set(k, v)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return req
}

// call sends a request the document says is valid, and checks the answer against it.
func (m *machine) call(method, path, body string, header ...map[string]string) response {
	m.h.t.Helper()
	var hdr map[string]string
	if len(header) > 0 {
		hdr = header[0]
	}
	if ok, errs := m.v.ValidateHttpRequestSync(m.request(method, path, body, hdr)); !ok {
		m.h.t.Errorf("%s %s: the request does not match openapi.json: %s", method, path, describeErrs(errs))
	}
	return m.send(method, path, body, hdr)
}

// bad sends a request the document must also call invalid, and checks the answer (a 4xx in
// the error shape) against it.
func (m *machine) bad(method, path, body string, header ...map[string]string) response {
	m.h.t.Helper()
	var hdr map[string]string
	if len(header) > 0 {
		hdr = header[0]
	}
	if ok, _ := m.v.ValidateHttpRequestSync(m.request(method, path, body, hdr)); ok {
		m.h.t.Errorf("%s %s: openapi.json accepts a request the API must refuse: %.200s", method, path, body)
	}
	return m.send(method, path, body, hdr)
}

// send runs the request and validates the answer against the document.
func (m *machine) send(method, path, body string, hdr map[string]string) response {
	m.h.t.Helper()
	res, err := m.h.app.Test(m.request(method, path, body, hdr), -1)
	if err != nil {
		m.h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	res.Body = io.NopCloser(bytes.NewReader(b))
	m.mu.Lock() // the validator's caches are shared; concurrent tests call it at once
	ok, errs := m.v.ValidateHttpResponse(m.request(method, path, body, hdr), res)
	m.mu.Unlock()
	if !ok {
		m.h.t.Errorf("%s %s → %d: the answer does not match openapi.json: %s\n%s", method, path, res.StatusCode, describeErrs(errs), b)
	}
	return response{Status: res.StatusCode, Header: res.Header, Body: b}
}

func describeErrs(errs []*verrors.ValidationError) string {
	var parts []string
	for _, e := range errs {
		s := e.Message
		if e.Reason != "" {
			s += " (" + e.Reason + ")"
		}
		for _, se := range e.SchemaValidationErrors {
			s += "; " + se.FieldPath + ": " + se.Reason
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " | ")
}
