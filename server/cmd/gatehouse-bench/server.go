package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gatehouse/server/resendfake"
)

// server is a running gatehouse process.
type server struct {
	cmd        *exec.Cmd
	url        string
	metricsURL string // the metrics listener (never the public one)
	readyIn    time.Duration
}

// freeAddr is a loopback address with a port nobody listens on now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func startFakeResend() *resendfake.Server {
	return resendfake.New(resendfake.Options{APIKey: "re_bench"})
}

// startServer runs the binary with its embedded database in dataDir and waits for /readyz;
// env adds to (or overrides) its environment.
func startServer(ctx context.Context, bin, dataDir, resendURL string, env ...string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	metricsAddr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, "serve")
	cmd.Env = append(os.Environ(),
		"GATEHOUSE_ADDR="+addr, "GATEHOUSE_METRICS_ADDR="+metricsAddr, "GATEHOUSE_PUBLIC_URL=http://"+addr, "GATEHOUSE_DATA_DIR="+dataDir,
		"GATEHOUSE_RESEND_API_KEY=re_bench", "GATEHOUSE_RESEND_BASE_URL="+resendURL,
		"GATEHOUSE_OWNER_EMAIL=owner@bench.example.com", "GATEHOUSE_LOG_LEVEL=warn",
		// The load comes from many simulated clients: trust the bench's X-Forwarded-For so
		// per-IP throttles see them as different people, as they would be in production.
		"GATEHOUSE_TRUSTED_PROXIES=127.0.0.1",
	)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout, cmd.Stderr = nil, nil
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, url: "http://" + addr, metricsURL: "http://" + metricsAddr}
	deadline := start.Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(s.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				s.readyIn = time.Since(start)
				return s, nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.stop()
	return nil, fmt.Errorf("server not ready within 60 s")
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
	}
}

// rss is the server's resident set size in bytes, from /proc.
func (s *server) rss() uint64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			kb, _ := strconv.ParseUint(strings.Fields(line)[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// waitJobs waits until the server's metrics count at least n finished access-request jobs.
func (s *server) waitJobs(n int) error {
	if n == 0 {
		return nil
	}
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		res, err := http.Get(s.metricsURL + "/metrics")
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		done := 0.0
		for _, line := range strings.Split(string(body), "\n") {
			if strings.HasPrefix(line, `gatehouse_jobs_total{kind="access_request"`) {
				f := strings.Fields(line)
				v, _ := strconv.ParseFloat(f[len(f)-1], 64)
				done += v
			}
		}
		if int(done) >= n {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("background jobs did not finish within 2 minutes")
}
