// Command gatehouse-bench starts the real gatehouse binary on a fresh embedded database, seeds
// a member through the API, and measures it with vegeta (make bench). Every figure is reported
// next to a baseline measured in the same run, because these machines are shared and noisy.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/gatehouse", "the gatehouse binary to measure")
	duration := flag.Duration("duration", 5*time.Second, "length of each load phase")
	workers := flag.Uint64("workers", 16, "concurrent connections per load phase")
	dist := flag.String("dist", "frontend/dist", "the built portal, for bundle sizes")
	search := flag.String("search", "", "instead: measure contact search at these sizes (e.g. 100000,1000000)")
	emails := flag.Int("emails", 0, "instead: drain this many bulk welcome emails into a rate-limited fake Resend")
	rate := flag.Float64("rate", 2, "with -emails: the fake's (and our pacer's) requests per second")
	imports := flag.String("import", "", "instead: import generated CSV files of these sizes with `gatehouse import` (e.g. 10000,100000)")
	bulkN := flag.Int("bulk", 0, "instead: bulk-resend the welcome email to this many contacts into a rate-limited fake Resend")
	machineAPI := flag.Bool("api", false, "instead: grants with the welcome email through the machine API, and webhook deliveries to a local receiver")
	flag.Parse()
	var err error
	switch {
	case *search != "":
		err = benchSearch(parseSizes(*search), 200)
	case *emails > 0:
		err = benchEmail(*emails, *rate)
	case *imports != "":
		err = benchImport(*bin, parseSizes(*imports))
	case *bulkN > 0:
		err = benchBulk(*bulkN, *rate)
	case *machineAPI:
		err = benchAPI(*bin, *duration, *workers)
	default:
		err = run(*bin, *dist, *duration, *workers)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gatehouse-bench:", err)
		os.Exit(1)
	}
}

func run(bin, dist string, duration time.Duration, workers uint64) error {
	ctx := context.Background()
	base, err := os.MkdirTemp("", "gatehouse-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(base)
	if err := os.Chmod(base, 0o755); err != nil { // PostgreSQL's own user must reach the data
		return err
	}
	fake := startFakeResend()
	defer fake.Close()

	// First start initialises the embedded database; the measured start reuses it.
	srv, err := startServer(ctx, bin, filepath.Join(base, "data"), fake.URL())
	if err != nil {
		return err
	}
	member, err := seed(ctx, srv, fake)
	srv.stop()
	if err != nil {
		return err
	}
	srv, err = startServer(ctx, bin, filepath.Join(base, "data"), fake.URL())
	if err != nil {
		return err
	}
	defer srv.stop()
	if member.cookie, err = login(srv.url, member.email, member.password); err != nil {
		return err
	}
	site, err := siteCookie(srv.url, member.cookie, member.apps.proxyID)
	if err != nil {
		return fmt.Errorf("forward-auth sign-in: %w", err)
	}

	fmt.Printf("gatehouse bench: %d CPUs, %s per phase, %d workers, %s\n\n", runtime.NumCPU(), duration, workers, time.Now().UTC().Format(time.RFC3339))
	fmt.Printf("start to ready (initialised embedded database): %s\n", srv.readyIn.Round(time.Millisecond))
	time.Sleep(time.Second)
	idleRSS := srv.rss()
	fmt.Printf("resident memory, idle: %.1f MiB\n\n", mib(idleRSS))

	hashRate := measureHashRate(3 * time.Second)
	fmt.Printf("raw argon2id (m=19456 KiB, t=2, p=1) on %d goroutines: %.1f hashes/s\n\n", runtime.NumCPU(), hashRate)

	phases := []phase{
		{name: "GET /healthz (baseline)", target: get(srv.url + "/healthz")},
		{name: "GET /forward-auth (site cookie)", target: forwardAuth(srv.url, member.apps.proxyID, site)},
		{name: "POST /api/auth/forgot-password", target: forgot(srv.url)},
		{name: "POST /api/auth/code (sign-in code request)", target: codeRequest(srv.url)},
		{name: "POST /api/auth/code/verify (HMAC, wrong codes)", target: codeVerify(srv.url), expect: "401"},
		{name: "POST /api/auth/login", target: loginTarget(srv.url, member)},
		{name: "GET /api/portal/offers (signed in)", target: offers(srv.url, member.cookie)},
	}
	var peak uint64
	results := make([]result, len(phases))
	for i, p := range phases {
		r, maxRSS := attack(p, duration, workers, srv)
		results[i] = r
		peak = max(peak, maxRSS)
		// Let the background jobs a phase queued (forgot-password decisions) finish, so
		// they do not eat into the next phase's CPU.
		if err := srv.waitJobs(r.codes["202"]); err != nil {
			return err
		}
	}
	// Token endpoint: codes are made first (each a browser's trip through /authorize), then
	// exchanged as fast as the connections allow; codes live 60 s, so at most 20 s of them.
	codes, err := authCodes(srv.url, member.cookie, member.apps, 20*time.Second, 4000)
	if err != nil {
		return err
	}
	tokens, _ := attack(phase{name: "POST /oauth/token (code + PKCE)", target: exchanges(srv.url, member.apps, codes)}, 30*time.Second, workers, srv)
	results = append(results, tokens)
	printResults(results)
	login := results[5]
	fmt.Printf("\nforward-auth / healthz: %.2f (%.1f vs %.1f requests/s; target at least 0.5)\n",
		results[1].throughput/results[0].throughput, results[1].throughput, results[0].throughput)
	fmt.Printf("token endpoint: %.1f code exchanges/s (%d codes made beforehand)\n", tokens.throughput, len(codes))
	fmt.Printf("code requests / forgot-password: %.2f (%.1f vs %.1f requests/s); code verifications: %.1f/s (HMAC-SHA256 with the server key, no argon2)\n",
		results[3].throughput/results[2].throughput, results[3].throughput, results[2].throughput, results[4].throughput)
	fmt.Printf("\nlogin throughput / raw hash rate: %.2f (%.1f logins/s vs %.1f hashes/s)\n", login.throughput/hashRate, login.throughput, hashRate)
	fmt.Printf("resident memory under load (peak): %.1f MiB (idle %.1f MiB)\n", mib(peak), mib(idleRSS))
	return printBundleSizes(dist)
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

func parseSizes(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}
