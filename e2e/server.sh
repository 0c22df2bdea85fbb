#!/usr/bin/env bash
# Starts the real gatehouse binary for the browser tests: a fresh embedded database in a
# temporary directory and an owner account with a known password. E2E_MAIL=capture (default)
# keeps email in the local mailbox; E2E_MAIL=resend sends it to the fake Resend process
# (bin/gatehouse-fake-resend on E2E_RESEND_PORT), which can fail sends and deliver webhooks.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${E2E_PORT:-4180}
data=$(mktemp -d /tmp/gatehouse-e2e-XXXXXX)
chmod 755 "$data" # PostgreSQL runs as its own user and must reach its data
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$data"
}
trap cleanup EXIT TERM INT

export GATEHOUSE_DATA_DIR="$data"
export GATEHOUSE_ADDR="127.0.0.1:$port"
export GATEHOUSE_PUBLIC_URL="http://127.0.0.1:$port"
export GATEHOUSE_OWNER_EMAIL="owner@e2e.example.com"
export GATEHOUSE_LOG_LEVEL=warn
export GATEHOUSE_METRICS_ADDR="" # off: checkouts run their browser tests side by side
unset DATABASE_URL GATEHOUSE_RESEND_API_KEY
# Each test poses as its own client address, so per-IP throttles do not couple the tests.
export GATEHOUSE_TRUSTED_PROXIES=127.0.0.1
# Webhook receivers in the tests listen on loopback, over http.
export GATEHOUSE_WEBHOOKS_ALLOW_PRIVATE=true

if [ "${E2E_MAIL:-capture}" = resend ]; then
  rport=${E2E_RESEND_PORT:-4191}
  secret="whsec_ZTJlLXdlYmhvb2stc2lnbmluZy1zZWNyZXQtMTIzNDU2"
  ./bin/gatehouse-fake-resend -addr "127.0.0.1:$rport" -key re_e2e \
    -webhook "http://127.0.0.1:$port/api/webhooks/resend" -secret "$secret" &
  pids+=($!)
  export GATEHOUSE_RESEND_API_KEY=re_e2e
  export GATEHOUSE_RESEND_BASE_URL="http://127.0.0.1:$rport/"
  export GATEHOUSE_RESEND_WEBHOOK_SECRET="$secret"
fi

# E2E_OIDC_PORT: a real OpenID Connect provider (bin/gatehouse-fake-oidc) as the "Acme SSO" button;
# tests queue who signs in next on E2E_OIDC_PORT+1.
if [ -n "${E2E_OIDC_PORT:-}" ]; then
  ./bin/gatehouse-fake-oidc -addr "127.0.0.1:$E2E_OIDC_PORT" -control "127.0.0.1:$((E2E_OIDC_PORT + 1))" &
  pids+=($!)
  export GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL="http://127.0.0.1:$E2E_OIDC_PORT/oidc/.well-known/openid-configuration"
  export GATEHOUSE_OAUTH_OIDC_CLIENT_ID=gatehouse-e2e GATEHOUSE_OAUTH_OIDC_CLIENT_SECRET=gatehouse-e2e-secret
  export GATEHOUSE_OAUTH_OIDC_LABEL="Acme SSO" GATEHOUSE_OAUTH_OIDC_NAME=acme
fi

echo "tidal meadow lantern quartz sky" | ./bin/gatehouse admin create --email owner@e2e.example.com --role owner --password-stdin >/dev/null
./bin/gatehouse serve &
pids+=($!)
wait "${pids[-1]}"
