# tolok: the two commands a newcomer needs are `make report` and `make test`.
.DEFAULT_GOAL := help
.PHONY: help build report test ci fmt sample clean eval-sentiment bench-sentiment

CARGO ?= cargo
TOLOK := target/debug/tolok
# Labelled sentiment data (NusaX, CC BY-SA 4.0), read in place beside the project.
NUSAX ?= ../shared/data/nusax

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

build: ## Build tolok (dependencies optimised, see Cargo.toml profiles)
	$(CARGO) build --locked --bin tolok

report: build ## Run the example pipeline on sample_data/ into reports/example/ (Indonesian and English)
	$(TOLOK) run pipelines/example.toml
	$(TOLOK) report pipelines/example.toml --lang en --output reports/example-en

test: ## Everything CI checks: formatting, clippy (warnings are errors), all tests
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
	$(CARGO) test --locked

ci: test ## Same as `make test`

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

bench-sentiment: ## Sentiment throughput: tolok vs the Python vaderSentiment package, same texts, one run
	bench/sentiment.sh

clean: ## Remove build output, the example store and reports
	$(CARGO) clean
	rm -rf store reports
