# ActorGraph: the two commands are `make demo` and `make test`.
SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
BIN_RELEASE = .build/release/actorgraph
# Debian packages the build and the tests need: Graphviz's libraries (linked in-process).
# libxml2: Foundation's XML parser (GraphML and GEXF) loads it.
# fontconfig: fc-cache, run once here so that no test process builds the font cache while
# another reads it (a font that does not resolve changes every layout; FontCheck stops it).
APT_PACKAGES = graphviz libgraphviz-dev pkg-config fonts-dejavu-core fontconfig libxml2
# The themes name DejaVu Sans explicitly: SVG coordinates depend on the font's metrics.
FONT_CHECK = fc-list 2>/dev/null | grep -q 'DejaVuSans.ttf' && fc-match 'DejaVu Sans' 2>/dev/null | grep -q 'DejaVu Sans'
LIBXML2_CHECK = { ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libxml2\.so'
# graphs/large/ holds graphs too big for the suites that loop over every example (mutations, round trips).
GRAPHS = $(wildcard graphs/*.yaml) $(wildcard graphs/large/*.yaml)
# The dates of the cable's story: New Year's Eve, after the first four days of killings, the day
# after the January 7 battle, and January 11 (Rangers in, protests in Lyari).
KARACHI_FRAMES = 2009-12-31,2010-01-03,2010-01-08,2010-01-11

.PHONY: all deps build demo test graphs bench docs docs-check fuzz install uninstall clean

all: build

## deps: install Graphviz's development package when pkg-config cannot find libgvc
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libgvc && $(FONT_CHECK) && $(LIBXML2_CHECK); then \
	  echo "deps: libgvc $$(pkg-config --modversion libgvc), DejaVu Sans and libxml2 found"; \
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
	@fc-cache >/dev/null 2>&1 || true

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
	@echo
	@echo "== actorgraph render graphs/karachi-2010.yaml -o graphs/rendered/karachi-2010.svg"
	@mkdir -p graphs/rendered
	@$(BIN_RELEASE) render graphs/karachi-2010.yaml -o graphs/rendered/karachi-2010.svg
	@echo "Diagram (legend and caption included): $(CURDIR)/graphs/rendered/karachi-2010.svg"
	@echo
	@echo "== actorgraph factions graphs/karachi-2010.yaml"
	@$(BIN_RELEASE) factions graphs/karachi-2010.yaml
	@echo
	@echo "== actorgraph fissures graphs/karachi-2010.yaml --paths 3"
	@$(BIN_RELEASE) fissures graphs/karachi-2010.yaml --paths 3
	@echo
	@echo "== actorgraph render graphs/karachi-2010.yaml --cluster factions --highlight fissures -o graphs/rendered/karachi-2010-fissures.svg"
	@$(BIN_RELEASE) render graphs/karachi-2010.yaml --cluster factions --highlight fissures -o graphs/rendered/karachi-2010-fissures.svg
	@echo "Fissure diagram (blocs as boxes, the stressed coalition tie labelled): $(CURDIR)/graphs/rendered/karachi-2010-fissures.svg"
	@echo
	@echo "== actorgraph report graphs/karachi-2010.yaml -o graphs/rendered/karachi-2010-briefing.html"
	@$(BIN_RELEASE) report graphs/karachi-2010.yaml -o graphs/rendered/karachi-2010-briefing.html
	@echo "Interactive briefing (one self-contained page; open it in a browser, no network needed): $(CURDIR)/graphs/rendered/karachi-2010-briefing.html"

## graphs: render every graph in graphs/ to graphs/rendered/NAME.svg and NAME.png, and the
##         variants graphs/render-options lists as NAME@VARIANT to NAME-VARIANT.svg and .png
graphs: build
	@mkdir -p graphs/rendered
	@for f in $(GRAPHS); do \
	  name=$$(basename $$f .yaml); \
	  variants="$$name $$(awk -v n="$$name" 'index($$1, n "@") == 1 { print $$1 }' graphs/render-options)"; \
	  for v in $$variants; do \
	    opts=$$(awk -v n="$$v" '$$1 == n { $$1 = ""; print }' graphs/render-options); \
	    out=$$(echo "$$v" | tr '@' '-'); \
	    for ext in svg png; do \
	      $(BIN_RELEASE) render $$f -o graphs/rendered/$$out.$$ext $$opts || exit 1; \
	    done; \
	    echo "graphs/rendered/$$out.svg graphs/rendered/$$out.png $$opts"; \
	  done; \
	done
	@$(BIN_RELEASE) render graphs/karachi-2010.yaml --at $(KARACHI_FRAMES) -o graphs/rendered/karachi-2010-frames/ --format png
	@echo "graphs/rendered/karachi-2010-frames/ (index.html and one PNG per date: $(KARACHI_FRAMES))"

## test: install what the tests need (Graphviz; networkx, which reads our exports; jsonschema, which
##       checks `actorgraph schema`; Chromium, chromedriver and Selenium for the briefing's browser
##       tests), then run them all: the Swift tests, Tests/Browser/briefing_test.py in headless
##       Chromium (about 30 s), the Examples package (a package outside this one that imports ActorGraphKit),
##       and `make docs` (the DocC site, warnings as errors: a broken symbol link fails)
test: deps
	@PY=$$(bash Tools/interop/python-with-networkx.sh) && echo "test: networkx from $$PY" && \
	  SPY=$$(bash Tools/interop/python-with-jsonschema.sh) && echo "test: jsonschema from $$SPY" && \
	  BPY=$$(bash Tools/browser/python-with-selenium.sh) && echo "test: selenium from $$BPY" && \
	  $(SWIFT) build --build-tests && ACTORGRAPH_PYTHON="$$PY" ACTORGRAPH_SCHEMA_PYTHON="$$SPY" $(SWIFT) test --skip-build && \
	  "$$BPY" Tests/Browser/briefing_test.py --actorgraph "$$($(SWIFT) build --show-bin-path)/actorgraph" --out .build-test/browser
	@$(MAKE) --no-print-directory examples
	@# The DocC site builds with warnings as errors: a broken symbol link fails the tests.
	@$(MAKE) --no-print-directory docs

## examples: build Examples/ (depends on this package by path) and run its tour from the repository
examples: deps
	$(SWIFT) build --package-path Examples --product Tour
	Examples/.build/debug/Tour .build/examples-trio.svg
	@test -s .build/examples-trio.svg && echo "examples: the tour ran; its diagram is .build/examples-trio.svg"

## docs: the DocC documentation of every public module, combined, as a static site in .build/docs/
##       (swift-docc-plugin; offline). Warnings are errors: a broken link or symbol reference fails.
##       Serve it with `python3 -m http.server -d .build/docs` and open /documentation/.
DOC_TARGETS = ActorGraphKit ActorGraphModel ActorGraphFormats ActorGraphAnalysis ActorGraphRendering ActorGraphBriefing NetworkAnalysis
DOCS_DIR = .build/docs
docs: deps
	@rm -rf $(DOCS_DIR) && mkdir -p $(dir $(DOCS_DIR))
	$(SWIFT) package --allow-writing-to-directory $(DOCS_DIR) generate-documentation \
	  --enable-experimental-combined-documentation $(foreach t,$(DOC_TARGETS),--target $(t)) \
	  --output-path $(DOCS_DIR) --transform-for-static-hosting --warnings-as-errors $(DOCC_FLAGS)
	@# The catalog's pictures are links to graphs/rendered/; DocC copies the links, so copy the files.
	@for l in $$(find $(DOCS_DIR)/images -type l); do \
	  cp -L --remove-destination "Sources/ActorGraphKit/ActorGraphKit.docc/$$(basename $$l)" "$$l" || exit 1; \
	done
	@echo "docs: $(CURDIR)/$(DOCS_DIR) (python3 -m http.server -d $(DOCS_DIR), then http://localhost:8000/documentation/)"

## docs-check: make docs with DocC's coverage report, then list every public symbol of the symbol
##             graphs that has no doc comment (fails if any)
docs-check:
	$(MAKE) docs DOCC_FLAGS="--experimental-documentation-coverage --coverage-summary-level brief"
	python3 Tools/docs/undocumented.py .build

## fuzz: coverage-guided fuzzing of every reader (libFuzzer; FuzzTesting/, Tools/fuzz/run.sh), not part
##       of `make test`: FUZZ_SECONDS per reader (default 60), seeded from graphs/ and the interop
##       fixtures; minimises FuzzTesting/Corpus/, copies what it finds to FuzzTesting/FailCases/
##       (replayed by `make test`), prints executions, coverage and findings per reader.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Tools/fuzz/run.sh

## install: the command to $(PREFIX)/bin, its man page to $(PREFIX)/share/man/man1 (swift-argument-parser's
##          generate-manual plugin, dated by the last commit), and its bash, zsh and fish completions
##          (ArgumentParser's --generate-completion-script)
MAN_CONFIGURATION ?= release
MAN_DATE = $(shell git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)
MAN_PAGE = .build/plugins/GenerateManual/outputs/actorgraph/actorgraph.1
BASH_COMPLETION = share/bash-completion/completions/actorgraph
ZSH_COMPLETION = share/zsh/site-functions/_actorgraph
FISH_COMPLETION = share/fish/vendor_completions.d/actorgraph.fish
install: build
	$(SWIFT) package plugin generate-manual --configuration $(MAN_CONFIGURATION) --date $(MAN_DATE) >/dev/null
	@test -s $(MAN_PAGE) || { echo "install: the man page was not generated ($(MAN_PAGE))" >&2; exit 1; }
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
	  "$(DESTDIR)$(PREFIX)/$(dir $(BASH_COMPLETION))" "$(DESTDIR)$(PREFIX)/$(dir $(ZSH_COMPLETION))" \
	  "$(DESTDIR)$(PREFIX)/$(dir $(FISH_COMPLETION))"
	install -m 755 $(BIN_RELEASE) "$(DESTDIR)$(PREFIX)/bin/actorgraph"
	sed 's/^$$/.Pp/' $(MAN_PAGE) > "$(DESTDIR)$(PREFIX)/share/man/man1/actorgraph.1"
	$(BIN_RELEASE) --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/$(BASH_COMPLETION)"
	$(BIN_RELEASE) --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/$(ZSH_COMPLETION)"
	$(BIN_RELEASE) --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/$(FISH_COMPLETION)"
	@echo "install: $(DESTDIR)$(PREFIX)/bin/actorgraph, its man page (man actorgraph) and bash, zsh and fish completions"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/actorgraph" "$(DESTDIR)$(PREFIX)/share/man/man1/actorgraph.1" \
	  "$(DESTDIR)$(PREFIX)/$(BASH_COMPLETION)" "$(DESTDIR)$(PREFIX)/$(ZSH_COMPLETION)" "$(DESTDIR)$(PREFIX)/$(FISH_COMPLETION)"

clean:
	rm -rf .build .build-test .build-fuzz FuzzTesting/.build

## bench: benchmarks (release builds), printed as tables:
##   1. rendering in-process against spawning the dot command (500 actors);
##   2. the analysis core against igraph, NetworKit, rustworkx and networkx (pip, in a venv under
##      .build-bench/) on the standard graphs, with the ratio to the best peer.
##   3. CSV import and export of a 5M-edge, 1M-actor edge list (string ids) against the peers'
##      readers (igraph TupleList, networkx parse_edgelist, csv module + dict for the others).
##   BENCH_GRAPHS picks the graphs (add s1m for the 1M-node/5M-edge one), PEERS_LIMIT bounds each
##   peer measurement in seconds (networkx's betweenness on s20k needs more than 600).
BENCH_GRAPHS ?= s1k,s20k,s200k
PEERS_LIMIT ?= 120
BENCH_THREADS ?= 2
bench: deps
	$(SWIFT) build -c release --product RenderBenchmark
	$(SWIFT) build -c release --product AnalysisBenchmark
	.build/release/RenderBenchmark
	bash Benchmarks/peers/setup.sh
	.build-bench/venv/bin/python Benchmarks/peers/generate.py --sizes $(BENCH_GRAPHS)
	.build-bench/venv/bin/python Benchmarks/peers/peers.py --graphs $(BENCH_GRAPHS) --threads $(BENCH_THREADS) \
	  --limit $(PEERS_LIMIT) --json .build-bench/peers.json
	.build/release/AnalysisBenchmark --graphs $(BENCH_GRAPHS) --threads $(BENCH_THREADS) --json .build-bench/actorgraph.json
	python3 Benchmarks/peers/table.py .build-bench/peers.json .build-bench/actorgraph.json
	$(SWIFT) build -c release --product ImportBenchmark
	.build/release/ImportBenchmark --file .build-bench/import/edges-5m.csv --threads $(BENCH_THREADS) \
	  --json .build-bench/import-actorgraph.json
	.build-bench/venv/bin/python Benchmarks/peers/peers.py --import-csv .build-bench/import/edges-5m.csv \
	  --threads $(BENCH_THREADS) --limit $(PEERS_LIMIT) --json .build-bench/import-peers.json
	python3 Benchmarks/peers/table.py .build-bench/import-peers.json .build-bench/import-actorgraph.json
	$(MAKE) --no-print-directory bench-actors

## bench-actors: every actorgraph command on seeded synthetic actor graphs (Benchmarks/ActorGraphGenerator,
##   2k actors/8k relations and 20k/100k): wall time, CPU time and peak memory (the child's max RSS) per
##   command, next to the targets. ACTOR_SIZES picks the sizes, ACTOR_LIMIT bounds each command (s),
##   ACTOR_ONLY runs only the rows that start with the given names (comma-separated).
ACTOR_SIZES ?= 2000:8000,20000:100000
ACTOR_LIMIT ?= 300
ACTOR_ONLY ?=
bench-actors: deps
	$(SWIFT) build -c release --product actorgraph
	$(SWIFT) build -c release --product ActorGraphGenerator
	python3 Benchmarks/actors/bench.py --sizes $(ACTOR_SIZES) --limit $(ACTOR_LIMIT) --only "$(ACTOR_ONLY)"
