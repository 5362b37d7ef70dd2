# covplan — two commands for a newcomer: `make demo` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libgdal-dev libgeos-dev libproj-dev pkg-config
DEMO_OUT ?= out/demo
CITY := geodata/helsinki-center.osm.pbf
RELEASE_BIN := .build/release/covplan

.PHONY: all deps build release demo test bench clean

all: build

## deps: install GDAL, GEOS, PROJ and pkg-config with apt-get when they are missing.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gdal geos proj; then \
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
	$(RELEASE_BIN) inspect $(CITY) --make-valid
	$(RELEASE_BIN) export $(CITY) --make-valid --quiet --layer streets -o $(DEMO_OUT)/streets.geojson
	$(RELEASE_BIN) export $(CITY) --make-valid --quiet --layer buildings -o $(DEMO_OUT)/buildings.gpkg
	$(RELEASE_BIN) export $(CITY) --make-valid --quiet --layer cameras -o $(DEMO_OUT)/cameras.geojson
	$(RELEASE_BIN) export $(CITY) --make-valid --quiet --layer schools -o $(DEMO_OUT)/schools.fgb
	@echo
	@echo "demo: outputs in $(DEMO_OUT)/:"; ls -1 $(DEMO_OUT) | sed 's/^/  /'

## test: the whole test suite (debug build).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build out
