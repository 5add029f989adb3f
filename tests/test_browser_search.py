"""Search in the browser finds the chapter that teaches a concept, whatever word the reader
types: particles and endings, spacing, hyphens, the lecture's words and other names from the
glossary, the other language's name, one-letter typos (one jamo in Korean). The query table,
tests/search_queries.csv, gives each query's expected first page and, for a query that names a
glossary term, the term's glossary entry second. Matches in the snippets are marked where a
word starts; the result page counts in the page's language and its snippets are the text a
reader sees."""

import csv
import re
import sys
import urllib.parse
from collections import Counter

import pytest

from conftest import CHAPTERS, ROOT

TABLE = ROOT / "tests" / "search_queries.csv"
#: The queries of the issue that asked for this search (all must be in the table).
ISSUE_QUERIES = {
    "ko": [
        "과적합",
        "소프트맥스 함수",
        "원-핫",
        "오버피팅",
        "소프트멕스",
        "역전파 알고리즘",
        "미니배치",
        "미니 배치",
    ],
    "en": [
        "one-hot",
        "over-fitting",
        "softmx",
        "gradiant descent",  # codespell:ignore gradiant
        "minibatch",
        "mini-batch",
    ],
}


def query_table() -> list[dict]:
    with TABLE.open(encoding="utf-8") as file:
        return list(csv.DictReader(line for line in file if not line.startswith("#")))


QUERIES = query_table()


def search(page, server, lang, query):
    """Open search.html?q=… like a reader; wait until the search has finished."""
    page.goto(
        f"{server}/{lang}/search.html?q={urllib.parse.quote(query)}", wait_until="domcontentloaded"
    )
    page.wait_for_function(
        "(document.querySelector('#search-results p.search-summary') || {}).innerText",
        timeout=10000,
    )
    return page.locator("#search-results p.search-summary").inner_text()


def results(page, server, lang, query):
    """Open search.html?q=… like a reader; the pages of the results shown, in order
    (``glossary#term-overfitting`` for a glossary entry), once the search has finished."""
    search(page, server, lang, query)
    hrefs = page.locator("#search-results ul.search > li > a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    return [href.split("?")[0].replace(".html", "") for href in hrefs]


def results_in_place(page, server, lang, query):
    """The same as :func:`results` without loading the page again: on an open search page of
    ``lang`` (opened once), the query runs as the page runs ``?q=…`` at load (Sphinx's
    ``Search.performSearch``, after the address is changed to hold it). One tab runs the 200-odd
    queries of the table in seconds; ``test_a_query_in_place_finds_what_a_fresh_page_finds``
    keeps it honest."""
    if f"/{lang}/search.html" not in page.url:
        page.goto(f"{server}/{lang}/search.html", wait_until="domcontentloaded")
        page.wait_for_function("typeof Search !== 'undefined' && Search.hasIndex()", timeout=10000)
    page.evaluate(
        """(q) => {
        history.replaceState(null, "", "?q=" + encodeURIComponent(q));
        document.getElementById("search-results").replaceChildren();
        Search.performSearch(q);
    }""",
        query,
    )
    page.wait_for_function(
        "(document.querySelector('#search-results p.search-summary') || {}).innerText",
        timeout=10000,
    )
    hrefs = page.locator("#search-results ul.search > li > a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    return [href.split("?")[0].replace(".html", "") for href in hrefs]


@pytest.fixture(scope="module")
def search_tabs(browser, server):
    """One tab per language, each left on its search page (the table's queries run in place)."""
    context = browser.new_context()
    tabs = {lang: context.new_page() for lang in ("ko", "en")}
    yield tabs, server
    context.close()


@pytest.mark.parametrize(
    "lang, query",
    [
        ("ko", "과적합"),
        ("ko", "미니 배치"),
        ("ko", "소프트멕스"),
        ("ko", "zqxjkv"),
        ("en", "one-hot"),
        ("en", "gradiant descent"),  # codespell:ignore gradiant
        ("en", "learning rate"),
    ],
)
def test_a_query_in_place_finds_what_a_fresh_page_finds(tab, search_tabs, lang, query):
    page, server = tab
    tabs, _ = search_tabs
    in_place = results_in_place(tabs[lang], server, lang, "표준편차" if lang == "ko" else "mean")
    assert in_place, "the warm-up query found nothing"
    assert results_in_place(tabs[lang], server, lang, query) == results(page, server, lang, query)


@pytest.mark.parametrize(
    "lang, query, first, second",
    [(r["lang"], r["query"], r["first"], r["second"]) for r in QUERIES],
    ids=[f"{r['lang']}-{r['query']}" for r in QUERIES],
)
def test_the_expected_page_comes_first(search_tabs, lang, query, first, second):
    tabs, server = search_tabs
    shown = results_in_place(tabs[lang], server, lang, query)
    if not first:
        assert shown == [], f"{query!r} should find nothing, found {shown}"
        return
    assert shown[:1] == [first], f"{query!r}: {shown[:4]}"
    if second:
        assert shown[1:2] == [second], f"{query!r}: the glossary entry second, got {shown[:4]}"


def test_the_table_covers_both_languages_and_the_issue():
    counts = Counter(r["lang"] for r in QUERIES)
    assert counts["ko"] >= 15 and counts["en"] >= 15, counts
    for lang, queries in ISSUE_QUERIES.items():
        table = {r["query"] for r in QUERIES if r["lang"] == lang}
        assert set(queries) <= table, set(queries) - table
    for lang in ("ko", "en"):
        firsts = Counter(r["first"] for r in QUERIES if r["lang"] == lang)
        thin = [name for name in CHAPTERS if firsts[name] < 3]
        assert not thin, f"{lang}: fewer than three queries find {thin} first"
    assert all(r["why"] for r in QUERIES), [r["query"] for r in QUERIES if not r["why"]]


def test_the_table_agrees_with_the_glossary():
    """A row that expects a glossary entry second expects first the chapter that entry
    points to (read from book/<lang>/glossary.md, not from the search)."""
    sys.path.insert(0, str(ROOT / "conf" / "_ext"))
    from book_language import term_anchor
    from test_terms import chapter_labels, glossary

    labels = chapter_labels()
    for lang in ("ko", "en"):
        chapter = {f"glossary#{term_anchor(e.english)}": labels[e.chapter] for e in glossary(lang)}
        for row in (r for r in QUERIES if r["lang"] == lang and r["second"]):
            assert row["second"] in chapter, f"{lang} {row['query']!r}: no entry {row['second']}"
            assert row["first"] == chapter[row["second"]], (
                f"{lang} {row['query']!r}: {row['second']} points to {chapter[row['second']]}, "
                f"the table expects {row['first']} first"
            )


def marks(page):
    """Each marked match in the results: its text, the character before it and the rest of its
    word after it ("" at a word's edge)."""
    return page.evaluate(
        r"""() => [...document.querySelectorAll("#search-results span.highlighted")].map((span) => {
            const side = (node) => (node && node.nodeType === Node.TEXT_NODE ? node.nodeValue : "");
            const rest = side(span.nextSibling).match(/^[\p{Letter}\p{Number}_]*/u)[0];
            return [span.textContent, side(span.previousSibling).slice(-1), rest];
        })"""
    )


@pytest.mark.parametrize(
    "lang, query, marked",
    [
        ("ko", "과적합", {"과대적합"}),
        ("ko", "소프트멕스", {"소프트맥스"}),
        ("ko", "소프트맥스 함수", {"소프트맥스", "함수"}),
        ("ko", "원 핫", {"원-핫"}),
        ("ko", "학습", {"학습"}),
        ("en", "one-hot", {"one-hot"}),
        ("en", "one hot", {"one", "one-hot"}),
        ("en", "gradiant descent", {"gradient", "gradients", "descent"}),  # codespell:ignore
    ],
)
def test_matches_are_marked_as_whole_words(tab, lang, query, marked):
    """The book's word, whole (a Korean word without its particle or ending): never a syllable
    inside an unrelated word (적 in 적용, 원 in 원래, 학습 in 학습률), never a word inside
    another (one in done)."""
    sys.path.insert(0, str(ROOT / "conf" / "_ext"))
    from book_search import strip_ending

    page, server = tab
    search(page, server, lang, query)
    page.locator("#search-results p.context").first.wait_for(timeout=10000)
    page.wait_for_function(
        "document.querySelectorAll('#search-results p.context').length"
        " === document.querySelectorAll('#search-results ul.search > li').length",
        timeout=10000,
    )
    found = marks(page)
    assert found, f"{query!r}: nothing marked"
    assert {text.lower() for text, _, _ in found} <= marked, found
    for text, before, rest in found:
        assert not re.match(r"\w", before), f"{text!r} marked inside a word: {before}{text}{rest}"
        assert not rest or strip_ending(text + rest) == text, (
            f"{text!r} marked inside another word: {text}{rest}"
        )


@pytest.mark.parametrize(
    "lang, query, count",
    [
        ("ko", "표준편차", r"검색을 마쳤습니다\. \d+개 페이지를 찾았습니다\."),
        ("en", "standard deviation", r"Found \d+ pages\."),
    ],
)
def test_the_result_page_says_how_many_pages_were_found(tab, lang, query, count):
    page, server = tab
    summary = search(page, server, lang, query)
    assert re.fullmatch(count, summary), summary
    shown = page.locator("#search-results ul.search > li").count()
    assert int(re.search(r"\d+", summary).group()) == shown


@pytest.mark.parametrize("lang, word", [("ko", "페이지가 없습니다"), ("en", "No page")])
def test_no_result_says_so_without_categories(tab, lang, word):
    page, server = tab
    summary = search(page, server, lang, "zqxjkv")
    assert word in summary and "categories" not in summary and "category" not in summary, summary


@pytest.mark.parametrize(
    "lang, query",
    [
        ("ko", "상관 계수"),
        ("ko", "학습률"),
        ("ko", "잔차"),
        ("en", "correlation coefficient"),
        ("en", "learning rate"),
    ],
)
def test_snippets_are_the_text_a_reader_sees(tab, lang, query):
    page, server = tab
    search(page, server, lang, query)
    first = page.locator("#search-results ul.search > li p.context").first
    first.wait_for(timeout=10000)
    snippets = page.locator("#search-results ul.search > li p.context").all_inner_texts()
    hidden = page.evaluate(
        """async (urls) => {
        const out = [];
        for (const url of urls) {
            const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
            doc.querySelectorAll("figure .book-sr-only").forEach((el) => out.push(el.textContent.trim()));
        }
        return out.filter((t) => t.length > 25);
    }""",
        page.locator("#search-results ul.search > li > a").evaluate_all(
            "as => as.map(a => a.href.split('#')[0])"
        ),
    )
    for snippet in snippets:
        assert "\\" not in snippet, f"TeX source in a snippet: {snippet}"
        assert not re.search(r"(\w=)\1", snippet.replace(" ", "")), f"maths shown twice: {snippet}"
        for text in hidden:
            assert text not in snippet, f"a chart's hidden text in a snippet: {text!r}"
