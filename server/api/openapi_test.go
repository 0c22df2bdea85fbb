package api

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// The document and the route table describe the same API: every /api/v1 route is in
// openapi.json with its method, and the document describes no route the server lacks.
func TestOpenAPIDocumentCoversEveryMachineRoute(t *testing.T) {
	openAPIValidator(t) // a valid OpenAPI 3.1 document
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(OpenAPIv1(), &doc); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" /api/v1"+path] = true
		}
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	served := map[string]bool{}
	for _, r := range (&Server{}).routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") {
			continue
		}
		key := r.Method + " " + param.ReplaceAllString(r.Path, "{$1}")
		served[key] = true
		if !documented[key] {
			t.Errorf("%s is served but not in openapi.json", key)
		}
	}
	for key := range documented {
		if !served[key] {
			t.Errorf("openapi.json describes %s, which the server does not serve", key)
		}
	}
}
