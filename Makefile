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

.PHONY: html test serve bench reproducible clean setup browser-deps help pdf epub print print-deps

help:
	@echo "make html   build both languages into _build/site"
	@echo "make test   build, then run the doctests and every test"
	@echo "make serve  serve _build/site on 127.0.0.1:8000 with live rebuild"
	@echo "make bench  print build and page figures (a benchmark, not a test)"
	@echo "make reproducible  build twice from clean copies and compare byte for byte"
	@echo "make pdf    the book as PDF, both languages (after html; needs TeX, installed by print-deps)"
	@echo "make epub   the book as EPUB 3, both languages (after html)"
	@echo "make clean  remove _build (and the execution cache)"

setup: $(SETUP)

$(SETUP): requirements.lock pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# One sphinx-build per language, each in its own tree (myst-nb writes executed
# notebooks beside the output folder); warnings are errors and are also kept in
# _build/<lang>/warnings.log. Then the two trees become one site.
html: $(SETUP)
	@for lang in $(LANGS); do \
	  echo "== building $$lang"; \
	  $(BIN)/python -m sphinx -b html -c conf -D language=$$lang \
	    -d _build/$$lang/doctrees -W --keep-going -n -q -j $(SPHINXJOBS) \
	    -w _build/$$lang/warnings.log book/$$lang _build/$$lang/html \
	    || { echo "make html: the $$lang book failed to build (see the messages above, also in _build/$$lang/warnings.log)" >&2; exit 1; }; \
	done
	$(BIN)/python conf/site.py

# Browser tests need Debian's Chromium and Korean fonts; install them when
# missing and possible (root with apt-get), otherwise those tests skip and say why.
browser-deps:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== installing chromium and fonts-noto-cjk (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "note: chromium is missing and cannot be installed here; browser tests will skip"; fi; \
	fi

test: html browser-deps print
	$(BIN)/python -m pytest $(PYTEST_ARGS)

serve: html
	$(BIN)/python conf/serve.py

bench: html
	$(BIN)/python conf/bench.py

reproducible: $(SETUP)
	$(BIN)/python conf/reproduce.py

clean:
	rm -rf _build

# --- PDF and EPUB (conf/pdf/) -------------------------------------------------
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
	$(BIN)/python conf/pdf/build.py pdf

epub: html print-deps
	$(BIN)/python conf/pdf/build.py epub

# `make test` builds both when the tools are there, else the print tests skip.
print: html print-deps
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null; then \
	  $(BIN)/python conf/pdf/build.py pdf && $(BIN)/python conf/pdf/build.py epub; \
	else echo "note: no TeX here; the PDF/EPUB tests will skip"; fi
