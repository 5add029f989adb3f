"""Charts a screen reader can use: data tables, announced readouts, named controls (issue 14)."""

import re

import pytest
from bs4 import BeautifulSoup
from test_language import NAMES_IN_KOREAN_PAGES

from conftest import CHAPTERS, LANGS, PAGES

pytestmark = pytest.mark.browser
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_every_data_chart_offers_its_data_as_a_table(site, lang, name):
    soup = BeautifulSoup((site / lang / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    figures = soup.select("figure.book-chart")
    assert figures
    with_tables = 0
    for figure in figures:
        details = figure.select_one("details.book-chart-data")
        if details is None:
            # only diagrams with no data axes (sets, a network) go without a table
            assert not figure.select(".role-axis-title"), (
                f"chart {figure['id']} has axes but no data table"
            )
            continue
        with_tables += 1
        summary = details.select_one("summary").get_text()
        tables = details.select("table")
        assert tables and all(t.select("th[scope='col']") and t.select("tbody tr") for t in tables)
        words = summary + " ".join(t.get_text(" ") for t in tables)
        if lang == "ko":
            assert HANGUL.search(summary), summary
            english = [
                w for w in re.findall(r"[A-Za-z]{3,}", words) if w not in NAMES_IN_KOREAN_PAGES
            ]
            assert english == [], f"English in a Korean data table: {english[:5]}"
        else:
            assert not HANGUL.search(words), summary
        for table in tables:
            rows = len(table.select("tbody tr"))
            assert rows <= 60, f"a {rows}-row table: large data gets a summary"
    assert with_tables >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_data_table_opens_and_reads(visit, lang):
    page = visit(f"{lang}/04-least-squares.html").page
    details = page.locator("figure.book-chart details.book-chart-data").first
    details.locator("summary").click()
    table = details.locator("table").first
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 5  # the five points, all rows


# what each live chart announces when a control moves: a slider's name and value,
# or the number the chart prints
READOUTS = {
    ("en", "02-probability"): r"n = \d+",
    ("ko", "02-probability"): r"n = \d+",
    ("en", "04-least-squares"): r"L\(a, b\) = \d+\.\d\d",
    ("ko", "04-least-squares"): r"L\(a, b\) = \d+\.\d\d",
    ("en", "05-neurons"): r"weight w [−\d]",
    ("ko", "05-neurons"): r"\d",
    ("en", "06-gradient-descent"): r"α = 0\.\d+",
    ("ko", "06-gradient-descent"): r"α = 0\.\d+",
    ("en", "07-propagation"): r"\d,\d\d\d|\d",
    ("ko", "07-propagation"): r"\d",
}


@pytest.mark.parametrize("lang, name", sorted(READOUTS))
def test_live_readouts_are_announced(visit, lang, name):
    page = visit(f"{lang}/{name}.html").page
    figure = page.locator("figure.book-chart-live").first
    status = figure.locator("[aria-live]")
    assert status.count() == 1, "no live region"
    assert status.evaluate("s => !s.closest('svg') && !s.closest('[role=img]')"), (
        "live region inside the image"
    )
    assert status.text_content().strip() == "", "the live region speaks before anything moved"
    control = figure.locator(".vega-bindings input").last
    if control.get_attribute("type") == "range":
        control.evaluate(
            "el => { el.value = el.min; el.dispatchEvent(new Event('input', {bubbles: true})); }"
        )
    else:
        figure.locator("input[type='radio']:not(:checked)").last.check()
    page.wait_for_function(
        "s => s.textContent.trim() !== ''", arg=status.element_handle(), timeout=5000
    )
    said = status.text_content()
    assert re.search(READOUTS[(lang, name)], said), said
    assert (
        bool(HANGUL.search(said)) == (lang == "ko")
        or name == "06-gradient-descent"
        and lang == "en"
    ), said


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "name", ["02-probability", "04-least-squares", "05-neurons", "07-propagation"]
)
def test_slider_names_do_not_change_with_the_value(visit, lang, name):
    from playwright.sync_api import expect

    page = visit(f"{lang}/{name}.html").page
    sliders = page.locator("figure.book-chart-live").get_by_role("slider")  # Vega's controls
    assert sliders.count() >= 1
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        label = slider.evaluate(
            "el => el.closest('.vega-bind').querySelector('.vega-bind-name').textContent.trim()"
        )
        expect(slider).to_have_accessible_name(label)
        slider.evaluate(
            "el => { el.value = el.min; el.dispatchEvent(new Event('input', {bubbles: true})); }"
        )
        expect(slider).to_have_accessible_name(label)
        assert not re.search(r"\d\s*$", label) or name == "02-probability", label


@pytest.mark.parametrize("lang", LANGS)
def test_descent_buttons_form_a_named_group(visit, lang):
    page = visit(f"{lang}/06-gradient-descent.html").page
    label = page.locator("figure.book-chart-live .vega-bind-name").first.text_content().strip()
    group = page.get_by_role("radiogroup", name=label, exact=True)  # not the prediction widget
    assert group.count() == 1
    assert group.get_by_role("radio").count() == 4


@pytest.mark.parametrize("lang", LANGS)
def test_charts_carry_their_language(site, lang):
    soup = BeautifulSoup(
        (site / lang / "04-least-squares.html").read_text(encoding="utf-8"), "html.parser"
    )
    for figure in soup.select("figure.book-chart"):
        assert figure.get("lang") == lang, figure.get("id")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_words_of_the_other_language_carry_lang(site, lang, name):
    soup = BeautifulSoup((site / lang / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for tag in article(["script", "style", "pre", "code", "kbd", "annotation", "svg", "figure"]):
        tag.decompose()
    for tag in article.select(".katex, .math, div.cell_output"):
        tag.decompose()
    other = re.compile(r"[A-Za-z]{3,}") if lang == "ko" else HANGUL
    unmarked = []
    for text in article.find_all(string=other):
        marked = text.find_parent(attrs={"lang": "en" if lang == "ko" else "ko"})
        if marked is None:
            unmarked.append(str(text).strip()[:40])
    assert unmarked == [], f"other-language text without lang on {lang}/{name}: {unmarked[:5]}"
