# Paperboy: the two commands are `make site` and `make test`.
SWIFT ?= swift
PAPERBOY = .build/release/paperboy
SIZE ?= small
PREFIX ?= /usr/local

.PHONY: site test lint build release install bench screenshots ingest serve clean

## Build the bundled archive into Public/ (installs what is missing).
site: release
	$(PAPERBOY) build --content Content --templates Templates --output Public
	@echo
	@echo "Done. Look at it:  make serve   then open http://127.0.0.1:8000/"

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

## Install paperboy (theme built in), its shell completions and man page: make install [PREFIX=/usr/local]
## The Swift runtime is linked in; cmark-gfm and libxml2 stay system libraries (apt-get install libcmark-gfm-extensions-dev).
install:
	scripts/ensure-deps.sh build
	# The manual plugin builds paperboy its own way: first, so the static build below is the one installed.
	$(SWIFT) package plugin generate-manual --multi-page >/dev/null
	$(SWIFT) build -c release --static-swift-stdlib
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(PAPERBOY) $(DESTDIR)$(PREFIX)/bin/paperboy
	install -m 644 .build/plugins/GenerateManual/outputs/paperboy/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	$(PAPERBOY) --generate-completion-script bash >$(DESTDIR)$(PREFIX)/share/bash-completion/completions/paperboy
	$(PAPERBOY) --generate-completion-script zsh >$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_paperboy
	$(PAPERBOY) --generate-completion-script fish >$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/paperboy.fish
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/paperboy ($$($(PAPERBOY) --version))"

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

## Build, serve on http://127.0.0.1:8000/, rebuild and reload open pages on every change.
serve: release
	$(PAPERBOY) serve --content Content --templates Templates --output Public

clean:
	rm -rf .build Public screenshots
