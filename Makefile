# tolok: the two commands a newcomer needs are `make report` and `make test`.
.DEFAULT_GOAL := help
.PHONY: help build report test ci fmt sample clean

CARGO ?= cargo
TOLOK := target/debug/tolok

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

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

clean: ## Remove build output, the example store and reports
	$(CARGO) clean
	rm -rf store reports
