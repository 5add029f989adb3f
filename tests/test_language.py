"""Each language's pages read in that language: prose, chart words and the interface."""

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, PAGES

#: Latin words a Korean page may show: names of things, not English prose.
NAMES_IN_KOREAN_PAGES = {
    "NHANES",
    "UCI",  # the repository of the digits (chapter 8)
    "NumPy",
    "pandas",
    "Vega-Altair",
    "Altair",  # Vega-Altair read word by word (a chart table names its regression line)
    "JavaScript",
    "lessons",
    "ols",
    "pdf",
    "zip",  # the archive of all notebooks, a file format like pdf
    "StatLib",  # data archives keep their own names (STYLE.md, issue 22)
    "Vega",
    "datasets",  # "Vega datasets", the collection's name
    "Code",  # VS Code, an editor the preface names
    "English",
    "Python",
    "MyST",
    "Ctrl",
    "MIT",
    "MSE",  # the lecture's abbreviation, given once (STYLE.md)
    "ReLU",  # a function's name (chapter 5)
    # software keeps its own name, not transliterated (STYLE.md; chapters 5 and 7)
    "SciPy",
    "L-BFGS",  # an optimiser's name, glossed in Korean where it appears (chapter 5)
    "PyTorch",
}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: Korean an English page may show: the name of the lecture the book grew from, in its own
#: spelling, on the preface (each run of Hangul is its own text, marked lang="ko").
LECTURE_NAME = "홍랩 AI 시리즈 「딥러닝 첫걸음」"
KOREAN_IN_ENGLISH_PAGES = {
    "index": set(re.findall(r"[\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+)*", LECTURE_NAME))
}


def readable(html: str) -> BeautifulSoup:
    """What a reader reads: no code, no maths source, no data tables printed by code."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "pre", "code", "kbd", "annotation"]):
        tag.decompose()
    for tag in soup.select(".katex, .math, div.cell_input, .cell_output table.dataframe"):
        tag.decompose()
    return soup


def interface_strings(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in ("title", "aria-label", "placeholder", "alt"):
            if tag.get(attribute):
                found.append(tag[attribute])
    return found


def stray_english(html: str, page: str) -> Counter:
    """English words a reader reads on a Korean page (glosses and names allowed)."""
    text = " ".join(readable(html).stripped_strings)
    text = re.sub(r"[\uac00-\ud7a3]+\s?\([^)]*\)", " ", text)  # 용어(English term) glosses
    if page == "glossary":  # each entry gives its English name before the ' · '
        text = re.sub(r"[A-Za-z][A-Za-z \-]*·", " ", text)
    return Counter(
        w for w in re.findall(r"[A-Za-z][A-Za-z\-]{2,}", text) if w not in NAMES_IN_KOREAN_PAGES
    )


@pytest.mark.parametrize("page", list(PAGES) + ["search", "genindex"])
def test_korean_pages_have_no_stray_english(site, page):
    html = (site / "ko" / f"{page}.html").read_text(encoding="utf-8")
    words = stray_english(html, page)
    assert not words, f"English words on ko/{page}.html: {words.most_common(10)}"
    ui = [
        s
        for s in interface_strings(html)
        if re.search(r"[A-Za-z]{3,}", s) and not HANGUL.search(s) and s not in NAMES_IN_KOREAN_PAGES
    ]
    assert ui == [], f"untranslated interface strings on ko/{page}.html: {sorted(set(ui))}"


@pytest.mark.parametrize("page", [p for p in PAGES if p != "glossary"] + ["search", "genindex"])
def test_english_pages_have_no_korean_but_the_switch(site, page):
    soup = readable((site / "en" / f"{page}.html").read_text(encoding="utf-8"))
    for link in soup.select("a.book-language-switch"):
        link.decompose()
    allowed = KOREAN_IN_ENGLISH_PAGES.get(page, set())
    korean = [s for s in soup.stripped_strings if HANGUL.search(s) and s not in allowed]
    assert korean == [], f"Korean on en/{page}.html: {korean[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_chart_words_are_in_the_page_language(site, lang):
    html = (site / lang / "04-least-squares.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    titles = [s.get_text() for s in soup.select("figure.book-chart .book-sr-only")]
    assert titles and all(bool(HANGUL.search(t)) == (lang == "ko") for t in titles)
    axis_words = [t.get_text() for t in soup.select("figure.book-chart svg text")]
    assert any(HANGUL.search(w) for w in axis_words) == (lang == "ko")


@pytest.mark.parametrize("lang", LANGS)
def test_solution_titles_and_the_contents_heading_read_naturally(site, lang):
    """Korean reads "연습 1.1 풀이" and "이 페이지의 내용"; English keeps the packages' words."""
    html = (site / lang / "01-machine-learning.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    titles = [
        " ".join(p.get_text().split())
        for p in soup.select(".solution > p.admonition-title, .solution > .admonition-title")
    ]
    heading = " ".join(soup.select_one("#pst-secondary-sidebar .tocsection").get_text().split())
    if lang == "ko":
        assert titles == ["연습 1.1 풀이", "연습 1.2 풀이"], titles
        assert heading == "이 페이지의 내용"
    else:
        assert titles == ["Solution to Exercise 1.1", "Solution to Exercise 1.2"], titles
        assert heading == "Contents"
