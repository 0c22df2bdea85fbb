// Package metrics exposes Gatehouse's Prometheus metrics: HTTP latency by route, background
// jobs by kind and outcome, and emails by status. They are served on a listener of their own
// (Server), never on the public one: the counts move with what members do, and an email
// queued after a forgot-password would tell an outsider that the address has an account.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/riverqueue/river"
)

// Metrics holds the registry (ours, not the global default) and the instruments.
type Metrics struct {
	registry     *prometheus.Registry
	httpDuration *prometheus.HistogramVec
	jobs         *prometheus.CounterVec
	jobRun       *prometheus.HistogramVec
	jobWait      *prometheus.HistogramVec
	emails       *emailCollector
}

// EmailCounter counts emails by status (the store implements it).
type EmailCounter interface {
	EmailCountsByStatus(ctx context.Context) (map[string]int, error)
}

// New registers every metric.
func New(emails EmailCounter) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gatehouse_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"method", "route", "status"}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_jobs_total", Help: "Background jobs finished, by kind and outcome.",
		}, []string{"kind", "queue", "outcome"}),
		jobRun: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gatehouse_job_run_seconds", Help: "Time jobs spent running.", Buckets: prometheus.DefBuckets,
		}, []string{"kind"}),
		jobWait: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gatehouse_job_queue_wait_seconds", Help: "Time jobs waited before running, by queue.", Buckets: prometheus.DefBuckets,
		}, []string{"queue"}),
		emails: &emailCollector{emails: emails, now: time.Now},
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpDuration, m.jobs, m.jobRun, m.jobWait, m.emails,
	)
	return m
}

// Server serves /metrics (and nothing else) for the metrics listener (GATEHOUSE_METRICS_ADDR).
func (m *Metrics) Server() *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	return &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
}

// ObserveHTTP records one request.
func (m *Metrics) ObserveHTTP(method, route string, status int, d time.Duration) {
	m.httpDuration.WithLabelValues(method, route, strconv.Itoa(status)).Observe(d.Seconds())
}

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// WatchJobs counts River's job events until ctx ends.
func (m *Metrics) WatchJobs(ctx context.Context, c *river.Client[*sql.Tx]) {
	events, cancel := c.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled, river.EventKindJobSnoozed)
	go func() {
		defer cancel()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-events:
				if !ok {
					return
				}
				m.jobs.WithLabelValues(ev.Job.Kind, ev.Job.Queue, string(ev.Kind)).Inc()
				if ev.JobStats != nil {
					m.jobRun.WithLabelValues(ev.Job.Kind).Observe(ev.JobStats.RunDuration.Seconds())
					m.jobWait.WithLabelValues(ev.Job.Queue).Observe(ev.JobStats.QueueWaitDuration.Seconds())
				}
			}
		}
	}()
}

// emailCollector reads the email counts from the database, at most once per emailsMaxAge:
// counting the emails table by status is a scan, and scrapes must stay cheap whoever sends them.
type emailCollector struct {
	emails EmailCounter
	now    func() time.Time

	mu     sync.Mutex
	at     time.Time
	counts map[string]int
}

const emailsMaxAge = 15 * time.Second

var emailStatuses = []string{"queued", "sending", "sent", "delivered", "delivery_delayed", "bounced", "complained", "failed", "suppressed"}

var emailDesc = prometheus.NewDesc("gatehouse_emails", "Emails by current status (read at most every 15 s).", []string{"status"}, nil)

func (*emailCollector) Describe(ch chan<- *prometheus.Desc) { ch <- emailDesc }

func (e *emailCollector) Collect(ch chan<- prometheus.Metric) {
	counts, err := e.read()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(emailDesc, err)
		return
	}
	for _, status := range emailStatuses {
		ch <- prometheus.MustNewConstMetric(emailDesc, prometheus.GaugeValue, float64(counts[status]), status)
	}
	for status, n := range counts {
		if !slices.Contains(emailStatuses, status) {
			ch <- prometheus.MustNewConstMetric(emailDesc, prometheus.GaugeValue, float64(n), status)
		}
	}
}

// read returns the cached counts, or counts again when they are older than emailsMaxAge.
// Concurrent scrapes wait for one count rather than each running their own.
func (e *emailCollector) read() (map[string]int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.counts != nil && e.now().Sub(e.at) < emailsMaxAge {
		return e.counts, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := e.emails.EmailCountsByStatus(ctx)
	if err != nil {
		return nil, err
	}
	e.counts, e.at = counts, e.now()
	return counts, nil
}
