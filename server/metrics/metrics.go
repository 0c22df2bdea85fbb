// Package metrics exposes Gatehouse's Prometheus metrics: HTTP latency by route, background
// jobs by kind and outcome, and emails by status.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
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
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpDuration, m.jobs, m.jobRun, m.jobWait, emailCollector{emails},
	)
	return m
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

// emailCollector reads the email counts from the database at scrape time.
type emailCollector struct{ emails EmailCounter }

var emailStatuses = []string{"queued", "sending", "sent", "delivered", "delivery_delayed", "bounced", "complained", "failed", "suppressed"}

var emailDesc = prometheus.NewDesc("gatehouse_emails", "Emails by current status.", []string{"status"}, nil)

func (emailCollector) Describe(ch chan<- *prometheus.Desc) { ch <- emailDesc }

func (e emailCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := e.emails.EmailCountsByStatus(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(emailDesc, err)
		return
	}
	for _, status := range emailStatuses {
		if _, ok := counts[status]; !ok {
			counts[status] = 0 // a status with no email yet still shows, as 0
		}
	}
	for status, n := range counts {
		ch <- prometheus.MustNewConstMetric(emailDesc, prometheus.GaugeValue, float64(n), status)
	}
}
