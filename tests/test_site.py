"""The built site: strict, complete in both languages, self-contained, numbers from glue."""

import re
import sys

import numpy as np
import pytest

from conftest import LANGS, PAGES, ROOT
from lessons import data

sys.path.insert(0, str(ROOT / "conf" / "_ext"))

from book_assets import offsite_loads  # noqa: E402


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("lang", LANGS)
def test_the_build_left_no_warnings(site, lang):
    log = ROOT / "_build" / lang / "warnings.log"
    assert log.exists(), f"{log} is missing: build with `make html`"
    assert log.read_text(encoding="utf-8").strip() == ""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_its_language(site, lang, page):
    html = (site / lang / f"{page}.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html


def test_no_page_loads_anything_from_another_host(site):
    # the same rule the build applies to every page (book_assets.offsite_loads), here
    # over everything that reached the site, templates and theme included
    offenders = {}
    for path in site.rglob("*.html"):
        found = offsite_loads(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(site))] = found
    assert offenders == {}


#: Everything a reader's browser may fetch from the site; anything else is a build byproduct.
PUBLISHED = re.compile(
    r"^(index\.html|(ko|en)/(.+\.html|searchindex\.js|_sources/.+\.md(\.txt)?"
    r"|_static/.+\.(css|js|svg|png|ico|woff2?|ttf|eot|map|txt|json)|_static/[^/]+/LICENSE"
    r"|_images/.+|_downloads/.+|first-steps-deep-learning-(ko|en)\.(pdf|epub)|\.nojekyll"
    # each chapter as a notebook, the lesson package's wheel, all of them as one zip
    r"|notebooks/(\d\d-[a-z0-9-]+\.ipynb|first_steps_dl-[\d.]+-py3-none-any\.whl"
    r"|first-steps-dl-notebooks-(ko|en)\.zip))"
    r"|404\.html|robots\.txt|sitemap\.xml)$"
)


def test_the_site_holds_only_what_a_reader_should_get(site):
    extra = [
        str(p.relative_to(site))
        for p in sorted(site.rglob("*"))
        if p.is_file() and not PUBLISHED.match(str(p.relative_to(site)))
    ]
    assert extra == [], f"build byproducts in the published site: {extra[:20]}"
    assert not any(site.rglob("reports")), "myst-nb's tracebacks (reports/) must not be published"


def test_no_stylesheet_or_script_fetches_another_host(site):
    offenders = []
    for path in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text):
            offenders.append(f"{path.relative_to(site)}: {url}")
        for url in re.findall(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", text):
            offenders.append(f"{path.relative_to(site)}: {url}")
    assert offenders == []


@pytest.mark.parametrize("lang", LANGS)
def test_least_squares_numbers_come_from_the_computation(site, lang):
    points = data.load_five_points()
    slope, intercept = np.polyfit(points["x"], points["y"], 1)
    sse = float(((points["y"] - (slope * points["x"] + intercept)) ** 2).sum())
    text = text_of((site / lang / "04-least-squares.html").read_text(encoding="utf-8"))
    for value in (f"{slope:.2f}", f"{intercept:.2f}", f"{sse:.2f}"):
        assert value in text


@pytest.mark.parametrize("lang", LANGS)
def test_least_squares_page_has_charts_and_rendered_maths(site, lang):
    html = (site / lang / "04-least-squares.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="book-chart[^"]*" id="(chart-[0-9a-f]+)"', html)
    assert len(charts) >= 3
    assert len(set(charts)) == len(charts)  # ids unique on the page
    assert html.count("<svg") >= len(charts)
    assert 'class="katex"' in html
    visible = text_of(re.sub(r"<annotation\b.*?</annotation>", " ", html, flags=re.S))
    assert "\\sum" not in visible and "$$" not in visible  # no raw LaTeX left for the reader


def test_root_index_offers_both_languages(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="ko/index.html"' in html and 'href="en/index.html"' in html
    assert "navigator.language" in html


@pytest.mark.parametrize("page", PAGES)
def test_both_languages_share_the_section_anchors(site, page):
    """The language switch relies on these: sec-2-1 is the same section in both."""
    anchors = {
        lang: re.findall(
            r'<(?:span|section) id="(sec-[\d-]+)"',
            (site / lang / f"{page}.html").read_text(encoding="utf-8"),
        )
        for lang in LANGS
    }
    assert anchors["ko"] == anchors["en"] and len(anchors["ko"]) >= (1 if page == "glossary" else 2)


@pytest.mark.parametrize("lang", LANGS)
def test_chart_data_tables_show_no_noise_and_count_rows_in_words(site, lang):
    # "1.00e−05", "−1.22e−16" and "1 rows" once appeared in the tables a reader opens
    found = []
    for page in sorted((site / lang).glob("0*.html")):
        text = page.read_text(encoding="utf-8")
        for table in re.findall(r'<details class="book-chart-data">.*?</details>', text, re.S):
            cells = re.sub(r"<[^>]+>", " ", table)
            found += [f"{page.name}: {m}" for m in re.findall(r"\d(?:\.\d+)?e[−+-]\d+", cells)]
            found += [f"{page.name}: 1 rows" for _ in re.findall(r"\b1 rows\b", cells)]
    assert not found, found


#: table cells that fit either number style
NEUTRAL = r"|0|≈ 0|−?\d\.\d"


@pytest.mark.parametrize("lang", LANGS)
def test_chart_data_tables_read_cleanly(site, lang):
    # issue 22: captions alike with nothing naming their panel, "함수 | 0" rows, a step
    # column twice, "3.2 × 10⁻⁵" above "0.0001624" in one column
    found = []
    for page in sorted((site / lang).glob("0*.html")):
        text = page.read_text(encoding="utf-8")
        for details in re.findall(r'<details class="book-chart-data">.*?</details>', text, re.S):
            captions = re.findall(r"<caption>(.*?)</caption>", details)
            if len(set(captions)) < len(captions):
                found.append(f"{page.name}: captions alike {captions}")
            for table in re.findall(r"<table>.*?</table>", details, re.S):
                head = re.findall(r"<th[^>]*>(.*?)</th>", table)
                rows = [re.findall(r"<td>(.*?)</td>", row) for row in table.split("<tr>")[2:]]
                if len(set(head)) < len(head):
                    found.append(f"{page.name}: a column twice {head}")
                summary = len(head) >= 5 and rows and all(len(row) == len(head) for row in rows)
                summary = summary and head[-4] in ("count", "개수")
                if summary:
                    found += [f"{page.name}: {row}" for row in rows if row[-4] in ("0", "")]
                columns = [row[-3:] for row in rows] if summary else list(zip(*rows))
                for column in columns:
                    # "0", "≈ 0" and a power of ten's 10⁰ ("1.0") read the same in either style
                    styles = {"× 10" in cell for cell in column if not re.fullmatch(NEUTRAL, cell)}
                    if len(styles) > 1:
                        found.append(f"{page.name}: mixed formats {column}")
    assert not found, found
