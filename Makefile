# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := bash
.DEFAULT_GOAL := help
CLI := node dist/cli/main.js

.PHONY: help run test bootstrap build web migrate seed typecheck lint bench es-stop clean customs-stand-in customs-stand-in-stop zipkin zipkin-stop

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# In development, without CUSTOMS_API_URL (or with it on the stand-in), the customs API stand-in is
# started in the background and the app pointed at it, so an import can be tried at once.
# With TRACING_ENABLED=true and no TRACING_ZIPKIN_URL of its own, a local Zipkin is started too.
run: bootstrap build web migrate seed ## start the service with sample data (installs and starts what it needs)
	@if [ "$${TRACING_ENABLED:-false}" = true ] && [ "$${TRACING_EXPORTER:-zipkin}" = zipkin ] && [ -z "$${TRACING_ZIPKIN_URL:-}" ]; then \
	  bash scripts/zipkin.sh start >/dev/null || exit 1; \
	  export TRACING_ZIPKIN_URL="http://127.0.0.1:$${ZIPKIN_PORT:-9411}/api/v2/spans"; \
	fi; \
	url="$$(bash scripts/customs-stand-in.sh dev-url)" || exit 1; \
	if [ -n "$$url" ]; then export CUSTOMS_API_URL="$$url" CUSTOMS_SERVICE_KEY="$${CUSTOMS_SERVICE_KEY:-stand-in-key}"; fi; \
	exec node dist/main.js

test: bootstrap lint build web ## run the lint (types, eslint, layer rules) and every test: unit, integration, end-to-end, faults, browser
	@mkdir -p reports
	@bash scripts/prometheus.sh ensure
	@bash scripts/chromium.sh ensure >/dev/null
	npm run test:unit
	npm run test:int
	npm run test:e2e
	npm run test:faults
	npm run test:browser

bootstrap: ## install dependencies, create databases, enable broker plugins, start Elasticsearch
	@bash scripts/bootstrap.sh

build: ## compile TypeScript to dist/
	npm run build --silent

# The dashboard page (web/, ADR 0014) has a toolchain of its own, installed from its own lockfile;
# it is rebuilt only when its sources changed.
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json web/package.json web/package-lock.json -type f -not -name '*.spec.ts' 2>/dev/null)

web: web/dist/index.html ## build the dashboard page into web/dist (the app serves it at /)

web/dist/index.html: $(WEB_SOURCES)
	@if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then npm --prefix web ci --no-audit --no-fund; fi
	npm --prefix web run build --silent
	@touch $@

migrate: build ## apply database migrations
	$(CLI) migrate

seed: migrate ## register reference data, then load the synthetic sample data unless statistics exist
	$(CLI) seed:reference
	$(CLI) seed --if-empty

typecheck: ## type-check everything, tests included
	npx tsc --noEmit -p tsconfig.json

lint: ## type-check, lint and check layer rules
	npm run lint

bench: bootstrap build migrate ## run the benchmarks and write docs/BENCHMARKS.md
	npm run bench

customs-stand-in: ## serve the customs API stand-in (faults on demand) on CUSTOMS_STAND_IN_PORT, default 3100
	CUSTOMS_STAND_IN_PORT=$${CUSTOMS_STAND_IN_PORT:-3100} node -r ts-node/register/transpile-only test/support/customs-stand-in/main.ts

customs-stand-in-stop: ## stop the customs API stand-in that make run started in the background (by its pid)
	bash scripts/customs-stand-in.sh stop

zipkin: ## start a local Zipkin in the background (UI http://127.0.0.1:9411/zipkin/), spans in memory
	bash scripts/zipkin.sh start

zipkin-stop: ## stop the Zipkin that make run or make zipkin started (by its pid)
	bash scripts/zipkin.sh stop

es-stop: ## stop the Elasticsearch node started by make run/test
	bash scripts/elasticsearch.sh stop

clean: ## remove build output and local data (databases are kept)
	rm -rf dist reports .data
