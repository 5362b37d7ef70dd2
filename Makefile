# covplan — two commands for a newcomer: `make demo` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libgdal-dev libgeos-dev libproj-dev libsqlite3-dev pkg-config
DEMO_OUT ?= out/demo
CITY := geodata/helsinki-center.osm.pbf
RELEASE_BIN := .build/release/covplan

.PHONY: all deps build release demo test bench bench-check check-report clean

all: build

## deps: install GDAL, GEOS, PROJ, SQLite and pkg-config with apt-get when they are missing.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gdal geos proj sqlite3; then \
	  echo "deps: GDAL $$(pkg-config --modversion gdal), GEOS $$(pkg-config --modversion geos), PROJ $$(pkg-config --modversion proj) present"; \
	else \
	  echo "deps: installing $(APT_PACKAGES)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product covplan

## demo: the main job on the bundled city; prints a summary and where the output went.
demo: release
	@rm -rf $(DEMO_OUT) && mkdir -p $(DEMO_OUT)
	$(RELEASE_BIN) run scenarios/helsinki-baseline.yaml -o $(DEMO_OUT)/baseline
	$(RELEASE_BIN) run scenarios/helsinki-plan.yaml -o $(DEMO_OUT)/plan
	$(RELEASE_BIN) compare $(DEMO_OUT)/baseline $(DEMO_OUT)/plan -o $(DEMO_OUT)/compare
	$(RELEASE_BIN) notebook $(DEMO_OUT)/plan -o $(DEMO_OUT)/helsinki-plan.ipynb
	@echo
	@echo "demo: open $(DEMO_OUT)/plan/report.html (the plan), $(DEMO_OUT)/compare/compare.html (plan vs baseline);"
	@echo "      GIS layers in $(DEMO_OUT)/plan/layers.gpkg (QGIS styles stored), figures in $(DEMO_OUT)/plan/summary.json"
	@sed -n '/^- /p' $(DEMO_OUT)/compare/compare.md | head -20

## test: the whole test suite (debug build).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build out

## bench: covplan vs peer tools (sizes 1 and 4); BENCH_ARGS="--sizes 1,4,16" for more.
BENCH_ARGS ?= --sizes 1,4
bench: release bench/.venv/ok
	bench/run $(BENCH_ARGS)

bench/.venv/ok: bench/requirements.txt
	python3 -m venv bench/.venv
	bench/.venv/bin/pip install -q -r bench/requirements.txt
	touch $@

## bench-check: the runner must flag a deliberately perturbed covplan result (exit 3).
bench-check: release bench/.venv/ok
	@bench/run --sizes 1 --reps 1 --perturb 1.01 --no-update >/dev/null 2>&1; s=$$?; \
	if [ $$s -eq 3 ]; then echo "bench-check: perturbed result flagged (exit 3) — agreement is computed"; \
	else echo "bench-check: FAILED, runner exit $$s"; exit 1; fi

## check-report: run the plan scenario, render report.html in headless Chromium (not blank, no
## network), list layers.gpkg with ogrinfo, validate the notebook with nbformat.
CHECK_OUT := out/check-report
check-report: release .venv-check/ok
	@command -v chromium >/dev/null 2>&1 && command -v ogrinfo >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium gdal-bin; }
	$(RELEASE_BIN) run scenarios/helsinki-plan.yaml -o $(CHECK_OUT) --overwrite --quiet
	$(RELEASE_BIN) notebook $(CHECK_OUT) -o $(CHECK_OUT).ipynb --overwrite --quiet
	.venv-check/bin/python tools/check_report.py $(CHECK_OUT) $(CHECK_OUT).ipynb $(CHECK_OUT).png

.venv-check/ok:
	python3 -m venv .venv-check
	.venv-check/bin/pip install -q nbformat nbclient ipykernel geopandas pyogrio matplotlib
	touch $@

# Regenerate the copy of scenarios/summary.schema.json embedded in the binary (covplan compare).
summary-schema:
	{ printf '%s\n' '// Generated from scenarios/summary.schema.json (a test keeps the two equal); regenerate with' \
	  '// `make summary-schema` after editing the schema.' '' \
	  '/// The JSON Schema of `summary.json`, embedded so `covplan compare` validates from any folder.' \
	  'public enum SummarySchema {' '    public static let text = #"""'; \
	  cat scenarios/summary.schema.json; printf '%s\n' '"""#' '}'; } > Sources/Reports/SummarySchema.swift
