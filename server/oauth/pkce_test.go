package oauth

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/markbates/goth/providers/microsoftonline"
)

// The exchange copy of a goth provider adds the verifier to the authorization-code token
// request only, and leaves the shared provider alone.
func TestVerifierGoesOnTheTokenRequestOnly(t *testing.T) {
	var got []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		got = append(got, r.Form)
	}))
	defer srv.Close()
	shared := &http.Client{}
	ms := microsoftonline.New("id", "secret", "https://portal.example/auth/microsoft/callback")
	ms.HTTPClient = shared
	cp, ok := withVerifier(ms, shared, "the-verifier").(*microsoftonline.Provider)
	if !ok || cp == ms || ms.HTTPClient != shared || cp.HTTPClient == shared {
		t.Fatalf("withVerifier must return a copy with its own client")
	}
	for _, form := range []url.Values{
		{"grant_type": {"authorization_code"}, "code": {"c"}},
		{"grant_type": {"refresh_token"}, "refresh_token": {"r"}},
	} {
		res, err := cp.HTTPClient.PostForm(srv.URL, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	res, err := cp.HTTPClient.Get(srv.URL + "?x=1")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if len(got) != 3 || got[0].Get("code_verifier") != "the-verifier" || got[0].Get("code") != "c" ||
		got[1].Has("code_verifier") || got[2].Has("code_verifier") {
		t.Fatalf("requests seen: %v", got)
	}
}
