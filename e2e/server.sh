#!/usr/bin/env bash
# Starts the real gatehouse binary for the browser tests: a fresh embedded database in a
# temporary directory, an owner account with a known password, email captured locally.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d /tmp/gatehouse-e2e-XXXXXX)
chmod 755 "$data" # PostgreSQL runs as its own user and must reach its data
trap 'rm -rf "$data"' EXIT

export GATEHOUSE_DATA_DIR="$data"
export GATEHOUSE_ADDR="127.0.0.1:${E2E_PORT:-4180}"
export GATEHOUSE_PUBLIC_URL="http://127.0.0.1:${E2E_PORT:-4180}"
export GATEHOUSE_OWNER_EMAIL="owner@e2e.example.com"
export GATEHOUSE_LOG_LEVEL=warn
unset DATABASE_URL GATEHOUSE_RESEND_API_KEY
# Each test poses as its own client address, so per-IP throttles do not couple the tests.
export GATEHOUSE_TRUSTED_PROXIES=127.0.0.1

echo "tidal meadow lantern quartz sky" | ./bin/gatehouse admin create --email owner@e2e.example.com --role owner --password-stdin >/dev/null
./bin/gatehouse serve &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid; rm -rf "$data"' EXIT TERM INT
wait $pid
