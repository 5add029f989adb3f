"""Shared helpers of the PDF and EPUB tests: what the HTML pages show, and where the books are."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SITE

BUILD = ROOT / "_build"


def book(lang: str, ext: str) -> Path:
    """The built book, or a skip that says why it is missing."""
    path = SITE / lang / f"first-steps-deep-learning-{lang}.{ext}"
    if not path.exists():
        tool = "xelatex" if ext == "pdf" else "epubcheck"
        if shutil.which("xelatex") is None or shutil.which("latexmk") is None:
            pytest.skip(
                f"no TeX on this machine (make print-deps installs it as root): {path.name} not built"
            )
        pytest.fail(f"{path} is missing: run `make {ext}` (or `make test`); {tool} is installed")
    return path


def record(lang: str, kind: str) -> dict:
    return json.loads((BUILD / lang / f"print-{kind}.json").read_text())


#: The PDF sets powers of ten (10⁻¹⁴) with the maths fonts: its text layer reads "10−14".
PLAIN_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789−+")


def normalize(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").translate(PLAIN_SUPERSCRIPTS).split())


def _strip(fragment: str) -> str:
    return normalize(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


def glued_numbers(lang: str, page: str) -> list[str]:
    """Every glued value as the HTML page displays it (`{glue:text}` renders a span.pasted-text)."""
    text = (SITE / lang / f"{page}.html").read_text(encoding="utf-8")
    return [_strip(m) for m in re.findall(r'<span class="pasted-text">(.*?)</span>', text, re.S)]


def chapter_title(lang: str, page: str) -> str:
    text = (SITE / lang / f"{page}.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", text, re.S).group(1)
    h1 = re.sub(r'<span class="section-number">.*?</span>', "", h1)
    h1 = re.sub(r'<a class="headerlink".*?</a>', "", h1, flags=re.S)
    return re.sub(r"^\d+\.\s*", "", _strip(h1))  # the print header's "1. " is not the title


def chart_count(lang: str, page: str) -> int:
    text = (SITE / lang / f"{page}.html").read_text(encoding="utf-8")
    return len(re.findall(r'<figure class="book-chart', text))
