# Riposte — the two commands a newcomer needs:
#   make demo   installs missing system packages, builds in release mode, extracts the bundled seed
#               article (pretty JSON on stdout), then runs the batch over the bundled corpus
#               (Corpora/documents.jsonl → demo-out/documents.riposte.jsonl, summary on stderr)
#   make test   installs missing system packages and runs the whole test suite
#   make bench  builds in release mode and measures batch throughput and memory (docs/batch.md)
.PHONY: demo test build release bench deps lexicons

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

release: deps
	swift build -c release

demo: release
	.build/release/riposte extract Corpora/scale-mercor-ling.fr.txt
	@mkdir -p demo-out
	.build/release/riposte extract --jsonl Corpora/documents.jsonl > demo-out/documents.riposte.jsonl
	@echo "demo: $$(wc -l < demo-out/documents.riposte.jsonl) documents analysed → demo-out/documents.riposte.jsonl" >&2

test: deps
	swift build
	swift test

lexicons:
	python3 scripts/gen_inflections.py

bench: deps
	bash scripts/bench.sh
