package api

import (
	"context"
	"time"

	"github.com/valyala/fasthttp"

	"gatehouse/server/auth"
	"gatehouse/server/importer"
)

// Request bodies are capped when the headers arrive (SECURITY.md): fasthttp reserves a
// request's whole declared Content-Length as soon as it has read the headers, before any
// handler or guard runs, so a limit checked later would come too late. Every request gets
// 1 MiB; only the CSV import upload of a session allowed to import gets more.
const (
	jsonBodyLimit     = 1 << 20
	importBodyLimit   = importer.MaxFileSize + 1<<20 // the file and the form around it
	importReadTimeout = 5 * time.Minute              // 20 MiB from a slow office line
)

// requestLimits is fasthttp's HeaderReceived hook. A zero RequestConfig keeps the server's
// defaults (jsonBodyLimit, the read timeout).
func (s *Server) requestLimits(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	if !s.mayUpload(h) {
		return fasthttp.RequestConfig{}
	}
	return fasthttp.RequestConfig{MaxRequestBodySize: importBodyLimit, ReadTimeout: importReadTimeout}
}

// mayUpload reports whether the headers are those of an import upload that require would let
// through: exactly the import path, a multipart body, a session of the route's role that need
// not first change its password, and that session's CSRF token. Anything else (another
// spelling of the path included) keeps the 1 MiB limit.
func (s *Server) mayUpload(h *fasthttp.RequestHeader) bool {
	if !h.IsPost() || string(h.RequestURI()) != importPath || len(h.MultipartFormBoundary()) == 0 {
		return false
	}
	raw := string(h.Cookie(s.cookieName()))
	if raw == "" || !auth.ValidCSRF(raw, string(h.Peek(csrfHeader))) {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	sess, err := s.Auth.Authenticate(ctx, raw)
	if err != nil || sess.MustChangePassword {
		return false
	}
	return auth.RoleAtLeast(sess.Contact.Role, minRole(s.uploadAccess))
}

// accessOf is the access level the route table gives method and path.
func (s *Server) accessOf(method, path string) audience {
	for _, r := range s.routes() {
		if r.Method == method && r.Path == path {
			return r.Access
		}
	}
	return staffOwner // not in the table: the strictest
}
