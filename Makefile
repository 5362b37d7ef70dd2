# covplan — two commands for a newcomer: `make demo` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libgdal-dev libgeos-dev libproj-dev libsqlite3-dev pkg-config
DEMO_OUT ?= out/demo
CITY := geodata/helsinki-center.osm.pbf
RELEASE_BIN := .build/release/covplan

# covplan's own debug builds optimise the numeric hot paths (see Package.swift).
export COVPLAN_OPTIMIZE_DEBUG := 1

.PHONY: all deps build release demo test bench bench-city bench-check check-report check-serve check-gis clean fuzz tsan

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
	@# PostgreSQL + PostGIS (and GDAL's tools) for the PostGIS output test, which starts its own
	@# throw-away server (tools/pg_scratch.sh); where apt-get is missing that test is skipped.
	@if ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 && command -v ogr2ogr >/dev/null 2>&1; then \
	  echo "deps: PostgreSQL $$(ls /usr/lib/postgresql | sort -V | tail -1) with PostGIS present"; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "deps: installing postgresql, PostGIS and gdal-bin (PostGIS output test)"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends postgresql gdal-bin \
	    && v=$$(ls /usr/lib/postgresql | sort -V | tail -1) \
	    && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends postgresql-$$v-postgis-3 \
	    || echo "deps: PostgreSQL/PostGIS could not be installed; the PostGIS test will be skipped"; \
	else \
	  echo "deps: no apt-get; the PostGIS test will be skipped"; \
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
	@echo "      GIS layers in $(DEMO_OUT)/plan/layers.gpkg (QGIS styles stored), figures in $(DEMO_OUT)/plan/summary.json;"
	@echo "      cameras whose heading to check on a field survey, most important first: $(DEMO_OUT)/plan/tables/heading_survey.csv"
	@sed -n '/^- /p' $(DEMO_OUT)/compare/compare.md | head -20

## test: the whole test suite (debug build).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build .build-fuzz .build-tsan out

## fuzz: libFuzzer over the WKB / GeoPackage geometry decoders, the scenario reader, the camera
## field parser and the prepared-city reader (package fuzz/, its own build in .build-fuzz), FUZZ_SECONDS each; fails on any
## crash, leaving the input in .build-fuzz/artifacts/<target>/. Seeds: fuzz/corpus/<target>/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= geometry scenario camera prepared
FUZZ_BUILD := $(SWIFT) build --package-path fuzz --scratch-path .build-fuzz -c debug \
	-Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xcc -fsanitize=fuzzer-no-link
fuzz: deps
	$(FUZZ_BUILD)
	@bin=$$($(FUZZ_BUILD) --show-bin-path); status=0; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t .build-fuzz/artifacts/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  if "$$bin/fuzz-$$t" .build-fuzz/corpus/$$t fuzz/corpus/$$t -max_total_time=$(FUZZ_SECONDS) \
	       -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	       -artifact_prefix=.build-fuzz/artifacts/$$t/ >.build-fuzz/$$t.log 2>&1; then \
	    echo "fuzz: $$t ok, $$(grep -o 'stat::number_of_executed_units: *[0-9]*' .build-fuzz/$$t.log | grep -o '[0-9]*$$') runs, $$(ls .build-fuzz/corpus/$$t | wc -l) corpus files"; \
	  else \
	    status=1; tail -40 .build-fuzz/$$t.log; \
	    echo "fuzz: $$t FAILED; input in .build-fuzz/artifacts/$$t/, log .build-fuzz/$$t.log"; \
	  fi; \
	done; exit $$status

## tsan: ThreadSanitizer build (.build-tsan) of the tests over the parallel code paths on real
## data; fails on any report. Suppressions (none needed so far): tools/tsan.supp.
TSAN_FILTER ?= HelsinkiLoadTests|HelsinkiCoverageTests|CameraResolverTests|GraphBuildTests|ParallelChunksTests|OrderedPartsTests|GeoPackageTableTests|WKBTests
TSAN_FLAGS := --scratch-path .build-tsan -Xswiftc -sanitize=thread
tsan: deps
	$(SWIFT) build --build-tests $(TSAN_FLAGS)
	@mkdir -p .build-tsan/log; rm -f .build-tsan/log/tsan*; \
	TSAN_OPTIONS="halt_on_error=0 exitcode=66 log_path=$(CURDIR)/.build-tsan/log/tsan suppressions=$(CURDIR)/tools/tsan.supp" \
	  $(SWIFT) test --skip-build $(TSAN_FLAGS) --filter '$(TSAN_FILTER)'; status=$$?; \
	if ls .build-tsan/log/tsan* >/dev/null 2>&1; then \
	  cat .build-tsan/log/tsan*; echo "tsan: ThreadSanitizer reports above (.build-tsan/log/)"; exit 1; fi; \
	if [ $$status -ne 0 ]; then echo "tsan: tests failed (exit $$status)"; exit 1; fi; \
	echo "tsan: no ThreadSanitizer report"

## bench: covplan vs peer tools (sizes 1 and 4); BENCH_ARGS="--sizes 1,4,16" for more.
BENCH_ARGS ?= --sizes 1,4
bench: release bench/.venv/ok
	bench/run $(BENCH_ARGS)

## bench-city: the rows users feel at city scale (k = 16, ≈ 650,000 streets): precinct load, reach
## (from the GeoPackage and from the prepared city), coverage with occlusion and the prepared-city
## read, each against its best peer, with the phase split.
bench-city: release bench/.venv/ok
	bench/run --only precinct_load,reach,reach_prepared,coverage_occlusion,prepared --sizes 16 --reps 3

bench/.venv/ok: bench/requirements.txt
	python3 -m venv bench/.venv
	bench/.venv/bin/pip install -q -r bench/requirements.txt
	touch $@

## bench-check: the runner must flag a deliberately perturbed covplan result (exit 3).
bench-check: release bench/.venv/ok
	@bench/run --sizes 1 --reps 1 --perturb 1.01 --no-update >/dev/null 2>&1; s=$$?; \
	if [ $$s -eq 3 ]; then echo "bench-check: perturbed result flagged (exit 3) — agreement is computed"; \
	else echo "bench-check: FAILED, runner exit $$s"; exit 1; fi

## check-report: the plan and baseline in en, ru and kk (compare runs both), then
## tools/check_html.py renders every report.html and compare.html in headless Chromium at 1280 px
## (Selenium + chromedriver) and measures the DOM: no legend, label or chart text clipped or
## overlapping, every map with legend, labels, scale bar and north arrow, no network request
## (screenshots in out/check-report/shots/). tools/test_check_html.py first proves the checker
## fails deliberately broken pages (tools/report-fixtures/). Then layers.gpkg with ogrinfo and the
## notebook with nbformat/nbclient (tools/check_report.py).
CHECK_OUT := out/check-report
CHECK_LANGS := en ru kk
check-report: release .venv-check/ok
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && command -v ogrinfo >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver gdal-bin; }
	.venv-check/bin/python tools/test_check_html.py
	@mkdir -p $(CHECK_OUT); for l in $(CHECK_LANGS); do \
	  $(RELEASE_BIN) compare scenarios/helsinki-baseline.yaml scenarios/helsinki-plan.yaml -o $(CHECK_OUT)/$$l --lang $$l --overwrite --quiet || exit 1; \
	done
	.venv-check/bin/python tools/check_html.py --shots $(CHECK_OUT)/shots \
	  $(foreach l,$(CHECK_LANGS),$(CHECK_OUT)/$(l)/plan/report.html $(CHECK_OUT)/$(l)/base/report.html $(CHECK_OUT)/$(l)/compare.html)
	$(RELEASE_BIN) notebook $(CHECK_OUT)/en/plan -o $(CHECK_OUT)/plan.ipynb --overwrite --quiet
	.venv-check/bin/python tools/check_report.py $(CHECK_OUT)/en/plan $(CHECK_OUT)/plan.ipynb

## check-gis: open the plan run's layers.gpkg with PyQGIS (Debian's python3-qgis, headless) and
## check every feature of every layer is drawn by its stored default style (QML and SLD), that
## categories cover every value, labels name real fields, GDAL reads the file without a warning
## and numeric fields stay numeric in the GeoJSON copies; then feed the check a GeoPackage with a
## broken style and an old-format update_time, which it must reject.
CHECK_GIS_OUT := out/check-gis
check-gis: release
	@[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import qgis.core' 2>/dev/null && command -v ogrinfo >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-qgis gdal-bin sqlite3; }
	$(RELEASE_BIN) run scenarios/helsinki-plan.yaml -o $(CHECK_GIS_OUT) --overwrite --quiet
	QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/check_gis.py $(CHECK_GIS_OUT)/layers.gpkg $(CHECK_GIS_OUT)
	@tools/check_gis_selftest.sh $(CHECK_GIS_OUT)/layers.gpkg

.venv-check/ok:
	python3 -m venv .venv-check
	.venv-check/bin/pip install -q selenium nbformat nbclient ipykernel geopandas pyogrio matplotlib
	touch $@

## check-serve: `covplan serve` end to end in headless Chromium (Selenium): open the map, add a
## camera by clicking, rotate it, add and move a post, suggest cameras and posts and accept one of
## each, panel == API == `covplan run` on the export, no outside request, ru/kk pages without English.
CHECK_SERVE_OUT := out/check-serve
check-serve: release .venv-serve/ok
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }
	.venv-serve/bin/python tools/check_serve.py $(RELEASE_BIN) scenarios/helsinki-baseline.yaml $(CHECK_SERVE_OUT)

.venv-serve/ok:
	python3 -m venv .venv-serve
	.venv-serve/bin/pip install -q selenium
	touch $@

# Regenerate the map page's files embedded in the binary after editing Sources/PlanServer/Web.
web-assets:
	python3 tools/embed_web.py

# Regenerate the copy of scenarios/summary.schema.json embedded in the binary (covplan compare).
summary-schema:
	{ printf '%s\n' '// Generated from scenarios/summary.schema.json (a test keeps the two equal); regenerate with' \
	  '// `make summary-schema` after editing the schema.' '' \
	  '/// The JSON Schema of `summary.json`, embedded so `covplan compare` validates from any folder.' \
	  'public enum SummarySchema {' '    public static let text = #"""'; \
	  cat scenarios/summary.schema.json; printf '%s\n' '"""#' '}'; } > Sources/Reports/SummarySchema.swift
