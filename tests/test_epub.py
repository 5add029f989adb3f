"""The EPUB 3 of each language (make epub): valid, same numbers, SVG charts, MathML."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from _print import book, chart_count, glued_numbers, normalize, record

from conftest import CHAPTERS, LANGS

pytestmark = pytest.mark.print_book


@pytest.fixture(scope="module", params=LANGS)
def epub(request):
    return request.param, book(request.param, "epub")


def page_text(path, page: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(f"{page}.xhtml").decode("utf-8")


def test_epubcheck_clean(epub):
    _, path = epub
    jar = shutil.which("epubcheck")
    if jar is None or shutil.which("java") is None:
        pytest.skip("epubcheck (Debian package) is not installed")
    # Debian's epubcheck is an executable jar; run it with java (no binfmt needed).
    run = subprocess.run(["java", "-jar", jar, str(path)], capture_output=True, text=True)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    assert (
        "Messages: 0 fatals / 0 errors / 0 warnings" in output
        or "No errors or warnings detected" in output
    ), output[-3000:]


def test_no_notebook_executed(epub):
    lang, _ = epub
    assert record(lang, "epub")["executed"] == 0


def test_container(epub):
    _, path = epub
    with zipfile.ZipFile(path) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        assert not [n for n in z.namelist() if n.endswith(".js")]


@pytest.mark.parametrize("page", [*CHAPTERS, "index"])
def test_glued_numbers_as_on_the_site(epub, page):
    lang, path = epub
    flat = normalize(re.sub(r"<[^>]+>", " ", page_text(path, page)))
    assert [n for n in glued_numbers(lang, page) if n not in flat] == []


@pytest.mark.parametrize("page", CHAPTERS)
def test_charts_are_svg_images(epub, page):
    lang, path = epub
    xhtml = page_text(path, page)
    charts = re.findall(r'<img [^>]*src="_images/chart-[0-9a-f]+\.svg"', xhtml)
    assert len(charts) == chart_count(lang, page)
    assert "<script" not in xhtml


def test_maths_is_mathml(epub):
    _, path = epub
    xhtml = page_text(path, "04-least-squares")
    assert xhtml.count("<math") > 20
    assert "katex-html" not in xhtml  # MathML only, no HTML rendering that needs KaTeX's CSS
