# ActorGraph: the two commands are `make demo` and `make test`.
SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
BIN_RELEASE = .build/release/actorgraph
# Debian packages the build and the tests need: Graphviz's libraries (linked in-process).
APT_PACKAGES = graphviz libgraphviz-dev pkg-config

.PHONY: all deps build demo test install uninstall clean

all: build

## deps: install Graphviz's development package when pkg-config cannot find libgvc
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libgvc; then \
	  echo "deps: libgvc $$(pkg-config --modversion libgvc) found"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "deps: installing $(APT_PACKAGES) with apt-get"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null \
	    || { echo "deps: apt-get install failed" >&2; exit 1; }; \
	  pkg-config --exists libgvc || { echo "deps: libgvc still not found after install" >&2; exit 1; }; \
	else \
	  echo "deps: Graphviz's development files (libgvc) are missing. Install them with:" >&2; \
	  echo "    sudo apt-get install $(APT_PACKAGES)" >&2; \
	  exit 1; \
	fi

## build: release build of the actorgraph command
build: deps
	$(SWIFT) build -c release --product actorgraph

## demo: set up, build, and run the main job on the bundled Karachi graph
demo: build
	@echo
	@echo "== actorgraph check graphs/karachi-2010.yaml"
	@$(BIN_RELEASE) check graphs/karachi-2010.yaml
	@echo
	@echo "== actorgraph summary graphs/karachi-2010.yaml"
	@$(BIN_RELEASE) summary graphs/karachi-2010.yaml

## test: install what the tests need, then run them all
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## install: copy the command to $(PREFIX)/bin
install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 $(BIN_RELEASE) "$(DESTDIR)$(PREFIX)/bin/actorgraph"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/actorgraph"

clean:
	rm -rf .build
