package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/access"
	"gatehouse/server/apikeys"
	"gatehouse/server/apps"
	"gatehouse/server/auth"
	"gatehouse/server/bulk"
	"gatehouse/server/desk"
	"gatehouse/server/importer"
	"gatehouse/server/store"
	"gatehouse/server/webhooks"
)

// Error is the one error shape of the API: {"code", "message", "fields"?, "request_id"?}.
// Codes are stable; messages are safe to show to the user.
type Error struct {
	Status     int
	Code       string
	Message    string
	Fields     map[string]string
	RetryAfter time.Duration
	// StaffSetup marks a dead link that was a staff account's set-up link ("staff_setup": true),
	// so the page explains how staff get a new one instead of offering email.
	StaffSetup bool
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Error codes that are not derived from an HTTP status.
const (
	CodeValidation        = "validation_failed"
	CodeInvalidJSON       = "invalid_json"
	CodeUnsupportedType   = "unsupported_media_type"
	CodeCrossOrigin       = "cross_origin_request"
	CodeCSRF              = "csrf_token_invalid"
	CodeUnauthenticated   = "unauthenticated"
	CodeForbidden         = "forbidden"
	CodePasswordChange    = "password_change_required"
	CodeNotFound          = "not_found"
	CodeRateLimited       = "rate_limited"
	CodeInternal          = "internal_error"
	CodeInvalidCredential = "invalid_credentials"
)

func validation(fields map[string]string) *Error {
	return &Error{Status: 422, Code: CodeValidation, Message: "Please correct the highlighted fields.", Fields: fields}
}

// toError maps any error from a handler or a package below to the API's shape. This is the
// only place where errors become HTTP.
func toError(err error) *Error {
	var (
		apiErr    *Error
		fbErr     *fiber.Error
		policy    *auth.PolicyError
		limited   *auth.RateLimitedError
		invalid   *desk.ValidationError
		badKey    *apikeys.InvalidError
		badHook   *webhooks.InvalidError
		keyRate   *apikeys.RateLimitedError
		badApp    *apps.ValidationError
		deadSetup *auth.DeadSetupLinkError
	)
	switch {
	case errors.As(err, &apiErr):
		return apiErr
	case errors.As(err, &fbErr):
		return fromFiber(fbErr)
	case errors.As(err, &policy):
		return &Error{Status: 422, Code: "weak_password", Message: policy.Message, Fields: map[string]string{"password": policy.Message}}
	case errors.As(err, &limited):
		return &Error{Status: 429, Code: CodeRateLimited, Message: "Too many attempts. Please wait a little and try again.", RetryAfter: limited.RetryAfter}
	case errors.As(err, &invalid):
		return validation(invalid.Fields)
	case errors.As(err, &badKey):
		return validation(badKey.Fields)
	case errors.As(err, &badHook):
		return validation(badHook.Fields)
	case errors.As(err, &keyRate):
		return &Error{Status: 429, Code: CodeRateLimited, Message: "This API key used its calls for this minute. Wait and try again.", RetryAfter: keyRate.RetryAfter}
	case errors.Is(err, apikeys.ErrInvalidKey):
		return &Error{Status: 401, Code: "invalid_api_key", Message: "This API key is not valid."}
	case errors.Is(err, apikeys.ErrRevoked):
		return &Error{Status: 401, Code: "api_key_revoked", Message: "This API key was revoked."}
	case errors.Is(err, access.ErrExternalIDUsed):
		return &Error{Status: 409, Code: "external_id_taken", Message: "Another contact has this external id.", Fields: map[string]string{"external_id": "Already in use by another contact."}}
	case errors.Is(err, webhooks.ErrDisabled):
		return &Error{Status: 409, Code: "endpoint_disabled", Message: "This endpoint is turned off. Turn it on first."}
	case errors.As(err, &badApp):
		return validation(badApp.Fields)
	case errors.Is(err, auth.ErrInvalidCredentials):
		return &Error{Status: 401, Code: CodeInvalidCredential, Message: "That email and password don't match an account, or the account is paused after too many attempts. Try again, or reset your password."}
	case errors.Is(err, auth.ErrNoSession):
		return &Error{Status: 401, Code: CodeUnauthenticated, Message: "Please sign in."}
	case errors.Is(err, auth.ErrTokenInvalid):
		return &Error{Status: 400, Code: "token_invalid", Message: "This link is not valid. Check that you copied all of it, or ask for a new one."}
	case errors.As(err, &deadSetup):
		e := toError(deadSetup.Err)
		e.StaffSetup = true
		return e
	case errors.Is(err, auth.ErrTokenExpired):
		return &Error{Status: 410, Code: "token_expired", Message: "This link has expired or was replaced by a newer one."}
	case errors.Is(err, auth.ErrCodeFormat):
		return validation(map[string]string{"code": codeFormatMessage})
	case errors.Is(err, auth.ErrCodeInvalid):
		return &Error{Status: 401, Code: "invalid_code", Message: "That code is not right, or it has expired. Check the newest email, or ask for a new one.", Fields: map[string]string{"code": "Not right, or expired."}}
	case errors.Is(err, auth.ErrCodeDead):
		return &Error{Status: 410, Code: "code_dead", Message: "Too many wrong tries: this code no longer works. Ask for a new email.", Fields: map[string]string{"code": "Ask for a new email."}}
	case errors.Is(err, auth.ErrTokenUsed):
		return &Error{Status: 410, Code: "token_used", Message: "This link was already used."}
	case errors.Is(err, auth.ErrWrongPassword):
		return validation(map[string]string{"current_password": "That is not your current password."})
	case errors.Is(err, auth.ErrInvalidEmail):
		return validation(map[string]string{"email": "Enter an email address like name@example.com."})
	case errors.Is(err, auth.ErrBusy):
		return &Error{Status: 503, Code: "busy", Message: "The server is busy. Please try again in a moment.", RetryAfter: time.Second}
	case errors.Is(err, access.ErrForbidden):
		return &Error{Status: 403, Code: CodeForbidden, Message: "You cannot do this to a staff account unless your role is higher than theirs (or at least theirs, for offers and communities)."}
	case errors.Is(err, access.ErrStaffTarget):
		return &Error{Status: 403, Code: "staff_account", Message: "Staff accounts are managed in the admin area only."}
	case errors.Is(err, access.ErrAlreadyGranted):
		return &Error{Status: 409, Code: "already_granted", Message: "This contact already has that offer."}
	case errors.Is(err, access.ErrNotHeld):
		return &Error{Status: 404, Code: CodeNotFound, Message: "This contact does not hold that offer."}
	case errors.Is(err, access.ErrDisabled):
		return &Error{Status: 409, Code: "contact_disabled", Message: "This contact is disabled. Enable the account first."}
	case errors.Is(err, access.ErrNotRetryable):
		return &Error{Status: 409, Code: "not_retryable", Message: "Only an email that failed, bounced or was suppressed can be retried."}
	case errors.Is(err, access.ErrNotSuppressed):
		return &Error{Status: 409, Code: "not_suppressed", Message: "This address is not suppressed."}
	case errors.Is(err, access.ErrSelf):
		return &Error{Status: 409, Code: "own_account", Message: "You cannot do this to your own account."}
	case errors.Is(err, auth.ErrLinkLifetime):
		return validation(map[string]string{"ttl_minutes": "Choose between 15 minutes and 7 days."})
	case errors.Is(err, importer.ErrState):
		return &Error{Status: 409, Code: "invalid_state", Message: "The import cannot do that now (it is finished, or still checking)."}
	case errors.Is(err, bulk.ErrNotYours):
		return &Error{Status: 403, Code: CodeForbidden, Message: "Only the person who started this operation, or someone with a higher role, can resume it."}
	case errors.Is(err, bulk.ErrNotRunning):
		return &Error{Status: 409, Code: "invalid_state", Message: "The operation cannot do that now (it is finished, or already running)."}
	case errors.Is(err, desk.ErrUnknownKind):
		return &Error{Status: 404, Code: CodeNotFound, Message: "No such email."}
	case errors.Is(err, access.ErrArchived):
		return &Error{Status: 409, Code: "archived", Message: "That item is archived."}
	case errors.Is(err, auth.ErrLastSignInMethod):
		return &Error{Status: 409, Code: "last_sign_in_method", Message: "This is the only way you can sign in. Set a password (or connect another provider) before disconnecting it."}
	case errors.Is(err, auth.ErrIdentityNotFound):
		return &Error{Status: 404, Code: CodeNotFound, Message: "That sign-in method is not connected to your account."}
	case store.Unavailable(err):
		return &Error{Status: 503, Code: "database_unavailable", Message: "The service is briefly unavailable. Please try again in a few seconds.", RetryAfter: 5 * time.Second}
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: 404, Code: CodeNotFound, Message: "Not found."}
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: 409, Code: "conflict", Message: "That already exists."}
	}
	return &Error{Status: 500, Code: CodeInternal, Message: "Something went wrong on our side. Please try again."}
}

func fromFiber(e *fiber.Error) *Error {
	code := map[int]string{
		400: "bad_request", 404: CodeNotFound, 405: "method_not_allowed", 408: "request_timeout",
		413: "body_too_large", 415: CodeUnsupportedType, 431: "headers_too_large",
	}[e.Code]
	if code == "" {
		code = strings.ToLower(strings.ReplaceAll(http.StatusText(e.Code), " ", "_"))
	}
	msg := http.StatusText(e.Code) + "."
	if e.Code == 413 {
		msg = "The request body is too large."
	}
	return &Error{Status: e.Code, Code: code, Message: msg}
}

// errorHandler writes every error as JSON and logs server-side failures with their cause
// (which never reaches the client).
func errorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		e := toError(err)
		rid, _ := c.Locals(localRequestID).(string)
		if e.Status >= 500 {
			log.Error("request failed", "request_id", rid, "method", c.Method(), "route", routeOf(c), "error", err)
		}
		if e.RetryAfter > 0 {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(e.RetryAfter.Round(time.Second)/time.Second)))
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		body := fiber.Map{"code": e.Code, "message": e.Message}
		if len(e.Fields) > 0 {
			body["fields"] = e.Fields
		}
		if e.StaffSetup {
			body["staff_setup"] = true
		}
		if rid != "" {
			body["request_id"] = rid
		}
		return c.Status(e.Status).JSON(body)
	}
}
