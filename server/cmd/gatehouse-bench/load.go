package main

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"gatehouse/server/auth"
)

type phase struct {
	name   string
	target vegeta.Targeter
	// onResult, if set, sees every answer (the API bench keeps the ids it creates).
	onResult func(*vegeta.Result)
	// expect, if set, is the status that counts as the phase's answer (wrong codes are
	// answered 401, and that is the work measured); otherwise any 2xx or 3xx.
	expect string
}

type result struct {
	name       string
	throughput float64 // successful requests per second
	p50, p99   time.Duration
	success    float64
	codes      map[string]int
}

// randomClient gives each request its own client address, so per-IP throttles see many
// people (the server trusts the bench's X-Forwarded-For).
func randomClient(h http.Header) http.Header {
	h = h.Clone()
	h.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254)))
	return h
}

func get(url string) vegeta.Targeter {
	return func(t *vegeta.Target) error {
		*t = vegeta.Target{Method: "GET", URL: url}
		return nil
	}
}

func forgot(base string) vegeta.Targeter {
	hdr := http.Header{"Content-Type": {"application/json"}}
	var n atomic.Int64
	return func(t *vegeta.Target) error {
		body := fmt.Sprintf(`{"email":"someone-%d@bench.example.com"}`, n.Add(1))
		*t = vegeta.Target{Method: "POST", URL: base + "/api/auth/forgot-password", Body: []byte(body), Header: randomClient(hdr)}
		return nil
	}
}

// codeRequest asks for sign-in codes for many addresses: the same shape of work as forgot
// password (a request row and a job), as it should be.
func codeRequest(base string) vegeta.Targeter {
	hdr := http.Header{"Content-Type": {"application/json"}}
	var n atomic.Int64
	return func(t *vegeta.Target) error {
		body := fmt.Sprintf(`{"email":"coder-%d@bench.example.com"}`, n.Add(1))
		*t = vegeta.Target{Method: "POST", URL: base + "/api/auth/code", Body: []byte(body), Header: randomClient(hdr)}
		return nil
	}
}

// codeVerify submits codes from many browsers: each a lookup, an HMAC (keyed with the server
// key; no argon2 on this path) and the failure counters a wrong code costs.
func codeVerify(base string) vegeta.Targeter {
	var n atomic.Int64
	return func(t *vegeta.Target) error {
		i := n.Add(1)
		hdr := http.Header{"Content-Type": {"application/json"}, "Cookie": {fmt.Sprintf("gatehouse_browser=%043d", i)}}
		body := fmt.Sprintf(`{"email":"coder-%d@bench.example.com","code":"%06d"}`, i%1000, i%1_000_000)
		*t = vegeta.Target{Method: "POST", URL: base + "/api/auth/code/verify", Body: []byte(body), Header: randomClient(hdr)}
		return nil
	}
}

func loginTarget(base string, m member) vegeta.Targeter {
	hdr := http.Header{"Content-Type": {"application/json"}}
	body := []byte(fmt.Sprintf(`{"email":%q,"password":%q}`, m.email, m.password))
	return func(t *vegeta.Target) error {
		*t = vegeta.Target{Method: "POST", URL: base + "/api/auth/login", Body: body, Header: randomClient(hdr)}
		return nil
	}
}

func offers(base, cookie string) vegeta.Targeter {
	hdr := http.Header{"Cookie": {cookie}}
	return func(t *vegeta.Target) error {
		*t = vegeta.Target{Method: "GET", URL: base + "/api/portal/offers", Header: hdr}
		return nil
	}
}

// attack runs one phase as fast as `workers` connections allow, sampling the server's memory.
func attack(p phase, d time.Duration, workers uint64, srv *server) (result, uint64) {
	a := vegeta.NewAttacker(vegeta.Workers(workers), vegeta.MaxWorkers(workers), vegeta.Connections(int(workers)), vegeta.Timeout(30*time.Second))
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if r := srv.rss(); r > peak.Load() {
				peak.Store(r)
			}
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	var m vegeta.Metrics
	for res := range a.Attack(p.target, vegeta.ConstantPacer{Freq: 0}, d, p.name) {
		m.Add(res)
		if p.onResult != nil {
			p.onResult(res)
		}
	}
	m.Close()
	close(stop)
	wg.Wait()
	throughput := m.Throughput
	if p.expect != "" {
		throughput = float64(m.StatusCodes[p.expect]) / (m.Duration + m.Wait).Seconds()
	}
	return result{name: p.name, throughput: throughput, p50: m.Latencies.P50, p99: m.Latencies.P99, success: m.Success, codes: m.StatusCodes}, peak.Load()
}

func printResults(rs []result) {
	base := rs[0].throughput
	fmt.Printf("%-38s %10s %9s %10s %10s  %s\n", "endpoint", "req/s", "×healthz", "p50", "p99", "statuses")
	for _, r := range rs {
		codes := make([]string, 0, len(r.codes))
		for c, n := range r.codes {
			codes = append(codes, fmt.Sprintf("%s:%d", c, n))
		}
		sort.Strings(codes)
		fmt.Printf("%-38s %10.1f %9.3f %10s %10s  %s\n", r.name, r.throughput, r.throughput/base,
			r.p50.Round(10*time.Microsecond), r.p99.Round(10*time.Microsecond), strings.Join(codes, " "))
	}
}

// measureHashRate runs argon2id with production parameters on every core for d.
func measureHashRate(d time.Duration) float64 {
	h := auth.NewHasher(auth.DefaultHashParams, runtime.NumCPU(), time.Minute)
	ctx := context.Background()
	var n atomic.Int64
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if _, err := h.Hash(ctx, "bench password"); err == nil {
					n.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return float64(n.Load()) / time.Since(start).Seconds()
}

// printBundleSizes reports the gzip size of what a member downloads (the entry script and the
// chunks index.html preloads) and of the admin chunks they never load.
func printBundleSizes(dist string) error {
	index, err := os.ReadFile(filepath.Join(dist, "index.html"))
	if err != nil {
		return fmt.Errorf("bundle sizes: %w (run npm run build)", err)
	}
	member := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?:src|href)="/?(assets/[^"]+\.js)"`).FindAllStringSubmatch(string(index), -1) {
		member[m[1]] = true
	}
	all, _ := filepath.Glob(filepath.Join(dist, "assets", "*.js"))
	var memberGz, adminGz, otherGz int64
	for _, f := range all {
		rel, _ := filepath.Rel(dist, f)
		n, err := gzipSize(f)
		if err != nil {
			return err
		}
		switch {
		case member[rel]:
			memberGz += n
		case strings.Contains(strings.ToLower(filepath.Base(f)), "admin"):
			adminGz += n
		default:
			otherGz += n
		}
	}
	fmt.Printf("\nmember portal JavaScript (entry + preloaded chunks): %.1f KiB gzip\n", float64(memberGz)/1024)
	fmt.Printf("admin area chunks (loaded only by staff): %.1f KiB gzip; other lazy chunks: %.1f KiB gzip\n", float64(adminGz)/1024, float64(otherGz)/1024)
	return nil
}

func gzipSize(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var c counter
	zw, _ := gzip.NewWriterLevel(&c, gzip.BestCompression)
	if _, err := io.Copy(zw, f); err != nil {
		return 0, err
	}
	zw.Close()
	return int64(c), nil
}

type counter int64

func (c *counter) Write(p []byte) (int, error) { *c += counter(len(p)); return len(p), nil }
