# Gatehouse: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/gatehouse
STAMP := node_modules/.installed

.PHONY: run build frontend lint lint-frontend lint-go test test-go test-frontend test-e2e test-faults browser bench bench-search bench-email bench-bulk bench-import bench-api vet fuzz clean

# npm ci only when the lockfile changed since the last install.
$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

frontend: $(STAMP)
	npm run build

build: frontend
	$(GO) build -o $(BIN) ./server/cmd/gatehouse
	$(GO) build -o bin/gatehouse-fake-resend ./server/cmd/gatehouse-fake-resend
	$(GO) build -o bin/gatehouse-fake-oidc ./server/cmd/gatehouse-fake-oidc

## run: build everything and start the portal (embedded PostgreSQL and captured email by default)
run: build
	./$(BIN) serve

## test: the linters, then every test (Go with a real PostgreSQL, Vitest, Playwright against the real binary)
test: browser lint build vet test-go test-frontend test-e2e

## lint: every linter, clean or it fails: ESLint for the portal, staticcheck for the Go code.
lint: lint-frontend lint-go

# ESLint (eslint.config.js): TypeScript rules and React's rules of hooks over frontend/ and e2e/.
lint-frontend: $(STAMP)
	npm run lint

# staticcheck, pinned; `go run` fetches it through the module proxy on a fresh machine.
lint-go:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

# The browser tests need Debian's chromium. Checked first, so a machine without it stops at once
# with the command to run instead of after every Go test: installed here when we are root with
# apt-get (as CI is), else named.
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests (apt-get install chromium)"; \
	    export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need chromium at $(CHROMIUM). Install it with:  sudo apt-get install -y chromium" >&2; \
	    exit 1; \
	  fi; \
	fi

## test-faults: two instances on one database, kill -9 in a bulk run, a database restart (real binary)
test-faults:
	$(GO) test -count=1 -tags faults -timeout 20m -v ./server/faults

vet:
	$(GO) vet ./...

test-go:
	$(GO) test -count=1 ./...

test-frontend: $(STAMP)
	npm test

test-e2e: build
	npx playwright test

## fuzz: fuzz the CSV reader for a minute (`make test` runs its seed corpus only)
fuzz:
	$(GO) test ./server/importer -run '^$$' -fuzz FuzzReader -fuzztime $${FUZZTIME:-60s}

## bench: start the real server and measure it (see README "Performance")
bench: build
	$(GO) run ./server/cmd/gatehouse-bench -bin $(BIN)

## bench-search: contact search p50/p99 with EXPLAIN at 100,000 and 1,000,000 contacts
bench-search:
	$(GO) run ./server/cmd/gatehouse-bench -search 100000,1000000

## bench-email: drain 10,000 bulk welcome emails into a fake Resend limited to 2 requests/s
bench-email:
	$(GO) run ./server/cmd/gatehouse-bench -emails 10000 -rate 2

## bench-bulk: bulk-resend the welcome email to 10,000 contacts into the rate-limited fake Resend
bench-bulk:
	$(GO) run ./server/cmd/gatehouse-bench -bulk 10000 -rate 2

## bench-api: grants with the welcome email through the machine API against GET /healthz, and
## webhook deliveries per second to a local receiver
bench-api: build
	$(GO) run ./server/cmd/gatehouse-bench -bin $(BIN) -api

## bench-import: `gatehouse import` of 10,000 and 100,000 rows: time and peak memory
bench-import: build
	$(GO) run ./server/cmd/gatehouse-bench -bin $(BIN) -import 10000,100000

clean:
	rm -rf bin test-results playwright-report frontend/dist/assets frontend/dist/index.html
