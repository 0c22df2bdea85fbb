package resendfake

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is Resend's error body. The field names and casing (statusCode in
// camelCase, snake_case names) are what Resend's SDKs decode, so they must not
// drift.
type apiError struct {
	StatusCode int    `json:"statusCode"`
	Name       string `json:"name"`
	Message    string `json:"message"`
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.StatusCode, e.Name, e.Message) }

func newError(status int, name, format string, args ...any) *apiError {
	return &apiError{StatusCode: status, Name: name, Message: fmt.Sprintf(format, args...)}
}

// Error names and messages follow https://resend.com/docs/api-reference/errors.
func errMissingAPIKey() *apiError {
	return newError(http.StatusUnauthorized, "missing_api_key", "Missing API key in the authorization header.")
}

func errInvalidAPIKey() *apiError {
	return newError(http.StatusForbidden, "invalid_api_key", "API key is invalid.")
}

func errNotFound() *apiError {
	return newError(http.StatusNotFound, "not_found", "The requested endpoint does not exist.")
}

func errMethodNotAllowed() *apiError {
	return newError(http.StatusMethodNotAllowed, "method_not_allowed", "Method is not allowed for the requested path.")
}

func errInvalidIdempotencyKey() *apiError {
	return newError(http.StatusBadRequest, "invalid_idempotency_key", "The key must be between 1-256 chars.")
}

func errIdempotencyMismatch() *apiError {
	return newError(http.StatusConflict, "invalid_idempotent_request", "Same idempotency key used with a different request payload.")
}

func errIdempotencyInFlight() *apiError {
	return newError(http.StatusConflict, "concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress.")
}

func errInternal() *apiError {
	return newError(http.StatusInternalServerError, "internal_server_error", "An unexpected error occurred.")
}

func errValidation(format string, args ...any) *apiError {
	return newError(http.StatusUnprocessableEntity, "validation_error", format, args...)
}

func errMissingField(field string) *apiError {
	return newError(http.StatusUnprocessableEntity, "missing_required_field", "Missing `%s` field.", field)
}

// errorForStatus picks the Resend error name a real response with that status
// would carry; used for injected faults.
func errorForStatus(status int) *apiError {
	switch {
	case status == http.StatusBadRequest:
		return newError(status, "validation_error", "We found an error with one or more fields in the request.")
	case status == http.StatusUnauthorized:
		return errMissingAPIKey()
	case status == http.StatusForbidden:
		return errInvalidAPIKey()
	case status == http.StatusNotFound:
		return errNotFound()
	case status == http.StatusMethodNotAllowed:
		return errMethodNotAllowed()
	case status == http.StatusConflict:
		return errIdempotencyInFlight()
	case status == http.StatusUnprocessableEntity:
		return errValidation("We found an error with one or more fields in the request.")
	case status == http.StatusTooManyRequests:
		return newError(status, "rate_limit_exceeded", "Too many requests. Please limit the number of requests per second.")
	case status >= 500:
		e := errInternal()
		e.StatusCode = status
		return e
	default:
		return newError(status, "application_error", "%s", http.StatusText(status))
	}
}

// writeJSON always sets an application/json content type: resend-go only
// decodes error bodies (and therefore the rate-limit message) when it does.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, e *apiError) { writeJSON(w, e.StatusCode, e) }
