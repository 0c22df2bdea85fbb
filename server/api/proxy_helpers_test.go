package api

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// proxyBinary finds a reverse proxy installed from Debian (.ci/run installs caddy and
// nginx-core). Without it the test is skipped with the command to run, except in CI (CI=true),
// where a missing proxy is a failure: the test must run there.
func proxyBinary(t *testing.T, name, pkg string) string {
	t.Helper()
	for _, p := range []string{name, "/usr/sbin/" + name, "/usr/bin/" + name} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed; .ci/run installs it (apt-get install -y %s)", name, pkg)
	}
	t.Skipf("%s is not installed: run `apt-get install -y %s` to run this test (CI does)", name, pkg)
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// openDir makes a directory a proxy's workers (an unprivileged user under root) can read.
func openDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "gatehouse-proxy-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// siteFolder is the protected static folder.
func siteFolder(t *testing.T) string {
	t.Helper()
	dir := openDir(t)
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<h1>Members only: the pottery videos</h1>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// echoSite is a backend behind the proxy that records the headers it receives (to prove
// which identity headers reach a protected site).
type echoSite struct {
	*httptest.Server
	mu   sync.Mutex
	last http.Header
}

func newEchoSite(t *testing.T) *echoSite {
	e := &echoSite{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.last = r.Header.Clone()
		e.mu.Unlock()
		fmt.Fprintf(w, "hello %s", r.Header.Get("X-Gatehouse-Email"))
	}))
	t.Cleanup(e.Close)
	return e
}

func (e *echoSite) seen() http.Header {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.last
}

// runProxy starts a proxy process and waits until it accepts connections on port.
func runProxy(t *testing.T, port int, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Env = append(os.Environ(), "HOME="+openDir(t), "XDG_DATA_HOME="+openDir(t), "XDG_CONFIG_HOME="+openDir(t))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("%s output:\n%s", filepath.Base(name), out.String())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not start listening on %d:\n%s", name, port, out.String())
}

// caddyfile is the README's Caddy configuration, for a test site.
func caddyfile(port int, gatehouse, appID, backend, root, data string) string {
	return strings.NewReplacer("{P}", fmt.Sprint(port), "{G}", gatehouse, "{APP}", appID, "{B}", backend, "{ROOT}", root, "{DATA}", data).Replace(`{
	admin off
	auto_https off
	storage file_system {DATA}
}

http://localhost:{P} {
	bind 127.0.0.1
	# Identity headers come from Gatehouse only: drop any a client sends.
	request_header -X-Gatehouse-*
	# Gatehouse's sign-in callback for this site.
	handle /_gatehouse/* {
		reverse_proxy {G}
	}
	handle {
		forward_auth {G} {
			uri /forward-auth?app={APP}
			copy_headers X-Gatehouse-User X-Gatehouse-Email X-Gatehouse-Name X-Gatehouse-Offers X-Gatehouse-Communities X-Gatehouse-Role
		}
		reverse_proxy /whoami {B}
		root * {ROOT}
		file_server
	}
}
`)
}

// nginxConf is the README's nginx configuration, for a test site (one process in the
// foreground: master_process off).
func nginxConf(port int, gatehouse, appID, backend, root, dir string) string {
	auth := `
			auth_request /_gatehouse_check;
			# A visitor who is not signed in goes where Gatehouse says (its sign-in).
			auth_request_set $gatehouse_login $upstream_http_location;
			error_page 401 =302 $gatehouse_login;
			auth_request_set $gatehouse_user $upstream_http_x_gatehouse_user;
			auth_request_set $gatehouse_email $upstream_http_x_gatehouse_email;
			auth_request_set $gatehouse_name $upstream_http_x_gatehouse_name;
			auth_request_set $gatehouse_offers $upstream_http_x_gatehouse_offers;
			auth_request_set $gatehouse_communities $upstream_http_x_gatehouse_communities;
			auth_request_set $gatehouse_role $upstream_http_x_gatehouse_role;`
	return strings.NewReplacer("{AUTH}", auth, "{P}", fmt.Sprint(port), "{G}", gatehouse, "{APP}", appID, "{B}", backend, "{ROOT}", root, "{DIR}", dir).Replace(`
daemon off;
master_process off;
pid {DIR}/nginx.pid;
error_log stderr warn;
events {}
http {
	access_log off;
	client_body_temp_path {DIR}/body;
	proxy_temp_path {DIR}/proxy;
	fastcgi_temp_path {DIR}/fastcgi;
	uwsgi_temp_path {DIR}/uwsgi;
	scgi_temp_path {DIR}/scgi;

	server {
		listen 127.0.0.1:{P};
		server_name localhost;
		root {ROOT};

		# Gatehouse's sign-in steps on this site (start, callback); its redirects to the
		# portal pass through as they are.
		location /_gatehouse/ {
			proxy_pass http://{G};
			proxy_set_header Host $http_host;
			proxy_redirect off;
		}

		location = /_gatehouse_check {
			internal;
			proxy_pass http://{G}/forward-auth?app={APP};
			proxy_pass_request_body off;
			proxy_set_header Content-Length "";
			proxy_set_header X-Original-URL $scheme://$http_host$request_uri;
		}

		location / {{AUTH}
		}

		location /whoami {{AUTH}
			# Every identity header is set from Gatehouse's answer: this replaces (or, when
			# empty, removes) any a client sent.
			proxy_set_header X-Gatehouse-User $gatehouse_user;
			proxy_set_header X-Gatehouse-Email $gatehouse_email;
			proxy_set_header X-Gatehouse-Name $gatehouse_name;
			proxy_set_header X-Gatehouse-Offers $gatehouse_offers;
			proxy_set_header X-Gatehouse-Communities $gatehouse_communities;
			proxy_set_header X-Gatehouse-Role $gatehouse_role;
			proxy_pass http://{B};
		}
	}
}
`)
}
