# tolok: the two commands a newcomer needs are `make report` and `make test`.
.DEFAULT_GOAL := help
.PHONY: help build report test ci fmt sample clean eval-sentiment bench-sentiment bench
.PHONY: check-browser check-report
.PHONY: python-env

CARGO ?= cargo
# The PDF report (typst, embedded) is a cargo feature; every target builds with the same
# features so the dependencies are compiled once (`make FEATURES= build` leaves PDF out).
FEATURES ?= --features pdf
TOLOK := target/debug/tolok
# Labelled sentiment data (NusaX, CC BY-SA 4.0), read in place beside the project.
NUSAX ?= ../shared/data/nusax

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

build: ## Build tolok (dependencies optimised, see Cargo.toml profiles)
	$(CARGO) build --locked $(FEATURES) --bin tolok

report: build ## Run the example pipelines on sample_data/ into reports/ (example: Indonesian and English; agency: English)
	$(TOLOK) run pipelines/example.toml pipelines/agency.toml
	$(TOLOK) report pipelines/example.toml --lang en --output reports/example-en

test: python-env ## Everything CI checks: formatting, clippy (warnings are errors), all tests
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked $(FEATURES) --all-targets -- -D warnings
	TOLOK_PYTHON=$(CURDIR)/.venv/bin/python $(CARGO) test --locked $(FEATURES)
	$(MAKE) --no-print-directory check-browser

ci: test ## Same as `make test`

python-env: ## Python packages tests check tolok against (DuckDB, pinned) in .venv/
	@scripts/python-env.sh

# Browser checks: Debian's Chromium driven by playwright-core (tests/browser/), pdftoppm for
# PDF pages. scripts/browser-deps.sh installs whichever of them is missing.
HOSTILE := target/check-browser
# The example reports run to about 45 pages (cover, contents, ten sections).
PDF_MIN_PAGES ?= 20

check-browser: build ## Render the hostile-text fixture and check its HTML in headless Chromium
	@scripts/browser-deps.sh
	rm -rf $(HOSTILE)
	cp -R tests/fixtures/hostile $(HOSTILE)
	sed -e 's|"CATALOGUE"|"$(CURDIR)/pipelines/catalogue"|' -e 's|"TEMPLATES"|"$(CURDIR)/report_templates"|' \
		tests/fixtures/hostile/pipeline.toml > $(HOSTILE)/pipeline.toml
	TOLOK_PROGRESS=never $(TOLOK) run $(HOSTILE)/pipeline.toml
	node tests/browser/check.mjs $(HOSTILE)/reports/2026-10/report.html $(HOSTILE)/report.png \
		--expect tests/fixtures/hostile/visible.txt
	tests/browser/pdf-pages.sh $(HOSTILE)/reports/2026-10/report.pdf $(HOSTILE)/pdf 3
	@pdftotext $(HOSTILE)/reports/2026-10/report.pdf - | tr -s ' \n' ' ' > $(HOSTILE)/pdf.txt
	@while IFS= read -r line; do \
		grep -qF -- "$$line" $(HOSTILE)/pdf.txt || { echo "report.pdf lacks: $$line"; exit 1; }; \
	done < tests/fixtures/hostile/visible.txt
	@echo "report.pdf shows every hostile string as text"

check-report: report ## Screenshot the example reports (HTML, and PDF pages) into reports/screenshots/
	@scripts/browser-deps.sh
	@for html in reports/example/*/report.html reports/example-en/*/report.html reports/agency/*/report.html; do \
		name=$$(echo "$$html" | cut -d/ -f2-3 | tr / -); \
		echo "== $$html -> reports/screenshots/$$name/"; \
		mkdir -p "reports/screenshots/$$name"; \
		node tests/browser/check.mjs "$$html" "reports/screenshots/$$name/report.png" || exit 1; \
		pdf=$$(dirname "$$html")/report.pdf; \
		if [ -f "$$pdf" ]; then \
			tests/browser/pdf-pages.sh "$$pdf" "reports/screenshots/$$name/pdf" $(PDF_MIN_PAGES) || exit 1; \
		else \
			echo "(no $$pdf: no PDF pages)"; \
		fi; \
	done

fmt: ## Format the code
	$(CARGO) fmt --all

sample: build ## Regenerate sample_data/ (deterministic: the same bytes every time)
	$(TOLOK) sample --out sample_data

eval-sentiment: build ## Indonesian sentiment on NusaX (per split, then train+valid): accuracy, macro-F1, confusion matrix
	@for split in train valid; do \
		echo "== NusaX Indonesian $$split: tolok sentiment --lang id --evaluate"; \
		$(TOLOK) sentiment --lang id --evaluate $(NUSAX)/indonesian-$$split.csv || exit 1; \
	done
	@echo "== NusaX Indonesian train+valid (integration test, fails below macro-F1 0.60)"
	$(CARGO) test --locked --test integration sentiment_id -- --nocapture --test-threads 1

bench: ## tolok vs DuckDB vs Polars (ingest, metrics, sentiment, end to end) into bench/results.md; BENCH_ROWS="10000000 100000000" for the issue's sizes
	bench/run.sh

bench-sentiment: ## Sentiment throughput: tolok vs the Python vaderSentiment package, same texts, one run
	bench/sentiment.sh

clean: ## Remove build output, the example store and reports
	$(CARGO) clean
	rm -rf store reports
