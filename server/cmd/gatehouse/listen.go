package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"gatehouse/server/clientip"
	"gatehouse/server/config"
	"gatehouse/server/metrics"
)

// listenPublic opens the public listener, with the cap on connections per client address.
func listenPublic(cfg *config.Config) (net.Listener, error) {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	return clientip.LimitConns(ln, cfg.MaxConnsPerIP, cfg.TrustedProxies), nil
}

// serveMetrics starts the metrics listener (GATEHOUSE_METRICS_ADDR), if there is one: metrics
// are never served on the public listener. stop shuts it down.
func serveMetrics(cfg *config.Config, m *metrics.Metrics, log *slog.Logger) (stop func(context.Context), err error) {
	if cfg.MetricsAddr == "" {
		return func(context.Context) {}, nil
	}
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("metrics listener (GATEHOUSE_METRICS_ADDR, \"\" turns it off): %w", err)
	}
	srv := m.Server()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics listener", "error", err)
		}
	}()
	return func(ctx context.Context) { _ = srv.Shutdown(ctx) }, nil
}
