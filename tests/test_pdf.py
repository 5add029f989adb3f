"""The PDF of each language (make pdf): fonts, text, numbers, links, size.

They read the PDFs in ``_build/site/<lang>/`` with poppler's tools and compare
them with the HTML pages that were built from the same executed notebooks.
Without TeX on the machine the PDFs cannot be built and these tests skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from _print import book, chapter_title, glued_numbers, normalize, record

from conftest import CHAPTERS, LANGS

pytestmark = pytest.mark.print_book


def run(*command: str) -> str:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} (Debian poppler-utils) is not installed")
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module", params=LANGS)
def pdf(request):
    return request.param, book(request.param, "pdf")


@pytest.fixture(scope="module")
def text(pdf):
    lang, path = pdf
    return lang, run("pdftotext", "-enc", "UTF-8", str(path), "-")


def fonts(path) -> list[dict]:
    rows = run("pdffonts", str(path)).splitlines()[2:]
    out = []
    for row in rows:
        match = re.match(r"(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)", row)
        assert match, f"unreadable pdffonts row: {row!r}"
        out.append({"name": match.group(1), "type": match.group(2), "emb": match.group(4)})
    return out


def test_no_notebook_executed(pdf):
    lang, _ = pdf
    assert record(lang, "pdf")["executed"] == 0


def test_fonts_embedded_none_type3(pdf):
    lang, path = pdf
    found = fonts(path)
    assert found
    assert [f["name"] for f in found if f["emb"] != "yes"] == []
    assert [f["name"] for f in found if "Type 3" in f["type"]] == []
    korean = [f["name"] for f in found if re.search(r"Noto(Serif|Sans|SansMono)CJK", f["name"])]
    assert korean, f"no Noto CJK face embedded in the {lang} PDF: {[f['name'] for f in found]}"
    if lang == "ko":
        # Chart lettering names the Korean face (the book's faces share one CFF name per file).
        assert any("CJKkr" in name for name in korean), korean


def test_chapter_titles(text):
    lang, content = text
    flat = normalize(content)
    missing = [
        chapter_title(lang, page) for page in CHAPTERS if chapter_title(lang, page) not in flat
    ]
    assert missing == []
    assert chapter_title(lang, "glossary") in flat


@pytest.mark.parametrize("page", [*CHAPTERS, "index"])
def test_glued_numbers_as_on_the_site(text, page):
    lang, content = text
    flat = normalize(content)
    numbers = glued_numbers(lang, page)
    assert numbers or page == "glossary"
    assert [n for n in numbers if n not in flat] == []


def test_no_missing_glyphs(text):
    lang, content = text
    assert "\ufffd" not in content
    assert "\u25a1" not in content
    # Korean text really is text (mapped glyphs), in the Korean book.
    if lang == "ko":
        assert len(re.findall(r"[\uac00-\ud7a3]", content)) > 10_000


def test_page_count(pdf):
    _, path = pdf
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path))).group(1))
    assert 30 <= pages <= 150


def test_internal_links_resolve(pdf):
    _, path = pdf
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path))).group(1))
    xml = run("pdftohtml", "-xml", "-i", "-stdout", "-q", str(path))
    targets = re.findall(rf'<a href="{re.escape(path.stem)}\.html#(\d+)"', xml)
    # the table of contents, the cross-references, the glossary terms, exercise to solution
    assert len(targets) > 150
    assert all(1 <= int(t) <= pages for t in targets)


def test_reproducible_date(pdf):
    lang, path = pdf
    info = run("pdfinfo", "-rawdates", str(path))
    epoch = record(lang, "pdf")["source_date_epoch"]
    import time

    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch))
    assert stamp in info, info
