# Paperboy: the two commands are `make site` and `make test`.
SWIFT ?= swift
PAPERBOY = .build/release/paperboy
SIZE ?= small

.PHONY: site test lint build release bench screenshots ingest serve clean

## Build the bundled archive into Public/ (installs what is missing).
site: release
	$(PAPERBOY) build --content Content --templates Templates --output Public
	@echo
	@echo "Done. Look at it:  python3 -m http.server --directory Public 8000   then open http://127.0.0.1:8000/"

## Run the whole test suite: the style check, unit, end-to-end (HTML, feed and link validators included).
test: lint
	scripts/ensure-deps.sh test
	$(SWIFT) build
	$(SWIFT) test

## Check every Swift file against .swift-format (scripts/lint.sh --fix formats them).
lint:
	scripts/lint.sh

build:
	scripts/ensure-deps.sh build
	$(SWIFT) build

release:
	scripts/ensure-deps.sh build
	$(SWIFT) build -c release

## Ingest a saved feed: make ingest FEED=feeds/trending-2026-11-27.txt
ingest: release
	$(PAPERBOY) ingest $(FEED)

## Benchmark against Hugo: make bench SIZE=small|medium|large
bench:
	bash Benchmarks/run.sh $(SIZE)

## Screenshots of the index, a day, a topic and a paper page at 1280 and 390 px.
screenshots: site
	scripts/ensure-deps.sh shots
	bash scripts/screenshots.sh Public screenshots

serve: site
	python3 -m http.server --directory Public 8000

clean:
	rm -rf .build Public screenshots
