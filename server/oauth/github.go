package oauth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

const githubEmails = "https://api.github.com/user/emails"

// githubEmail asks GitHub which of the account's addresses are verified: the profile's public
// address says nothing about that. It prefers the primary verified address.
func (r *Registry) githubEmail(ctx context.Context, p *provider, token, public string) (string, bool, error) {
	endpoint := p.endpoints.EmailsURL
	if endpoint == "" {
		endpoint = githubEmails
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return "", false, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/vnd.github+json")
	res, err := r.opts.Client.Do(req)
	if err != nil {
		return "", false, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return "", false, fmt.Errorf("GitHub emails: HTTP %d", res.StatusCode)
	}
	var list []struct {
		Email    string `json:"email"`
		Primary  bool   `json:"primary"`
		Verified bool   `json:"verified"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&list); err != nil {
		return "", false, fmt.Errorf("GitHub emails: %w", err)
	}
	for _, e := range list {
		if e.Primary && e.Verified {
			return e.Email, true, nil
		}
	}
	for _, e := range list {
		if strings.EqualFold(e.Email, public) {
			return e.Email, e.Verified, nil
		}
	}
	for _, e := range list {
		if e.Primary {
			return e.Email, false, nil
		}
	}
	return public, false, nil
}
