"""The site served under a sub-path, as a GitHub project site is (https://user.github.io/repo/):
every page loads with nothing missing and nothing fetched outside the sub-path, every
internal link stays inside it and resolves, the language switch and the front page work,
and search finds a chapter."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from conftest import LANGS, PAGES, QuietHandler, serving

pytestmark = pytest.mark.browser
PREFIX = "/some/sub/path/"
OTHER = {"ko": "en", "en": "ko"}


class SubPathHandler(QuietHandler):
    """Serves the site only under PREFIX; anything else is 404, as on a project site."""

    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return "/nonexistent/outside-the-sub-path"
        return super().translate_path("/" + path[len(PREFIX) :])


@pytest.fixture(scope="module")
def subpath_server(site):
    with serving(site, SubPathHandler) as url:
        yield url


@pytest.fixture(scope="module")
def subpath_tab(browser, subpath_server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
    )
    page.on(
        "request",
        lambda r: (
            problems.append(f"outside the sub-path: {r.url}")
            if r.url.startswith(subpath_server) and not urlsplit(r.url).path.startswith(PREFIX)
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page, subpath_server + PREFIX, problems
    context.close()


def test_the_server_refuses_paths_outside_the_sub_path(subpath_server):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{subpath_server}/en/index.html", timeout=10)
    error.value.close()
    assert error.value.code == 404
    with urllib.request.urlopen(f"{subpath_server}{PREFIX}en/index.html", timeout=10) as ok:
        assert ok.status == 200


def test_every_page_and_every_internal_link_work_under_the_sub_path(subpath_tab):
    page, base, problems = subpath_tab
    origin = base[: -len(PREFIX)]
    links: set[str] = set()
    for lang in LANGS:
        for name in PAGES:
            page.goto(f"{base}{lang}/{name}.html", wait_until="load")
            hrefs = page.locator("a[href], link[href], script[src], img[src]").evaluate_all(
                "els => els.map(e => e.href || e.src)"
            )
            links |= {h.split("#")[0] for h in hrefs if h.startswith(origin)}
    assert problems == []
    outside = sorted(h for h in links if not urlsplit(h).path.startswith(PREFIX))
    assert outside == [], f"links that leave the sub-path: {outside[:5]}"
    broken = []
    for url in sorted(links):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read(1)
        except urllib.error.HTTPError as error:
            error.close()
            broken.append(f"{error.code} {url}")
    assert broken == []
    assert len(links) > 2 * len(PAGES)  # the pages, their assets, search, index, ...


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switch_keeps_page_and_section_under_the_sub_path(subpath_tab, lang):
    page, base, problems = subpath_tab
    for name in ("index", "03-regression", "glossary"):
        page.goto(f"{base}{lang}/{name}.html#sec-1", wait_until="domcontentloaded")
        page.locator("a.book-language-switch").click()
        page.wait_for_url(f"{base}{OTHER[lang]}/{name}.html*", wait_until="domcontentloaded")
        assert page.evaluate("document.documentElement.lang") == OTHER[lang]
    assert problems == []


@pytest.mark.parametrize("locale, expected", [("ko-KR", "ko"), ("en-US", "en")])
def test_the_front_page_sends_readers_into_the_sub_path(browser, subpath_server, locale, expected):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{subpath_server}{PREFIX}", wait_until="load")
    page.wait_for_url(f"{subpath_server}{PREFIX}{expected}/index.html")
    context.close()


def test_search_works_under_the_sub_path(subpath_tab):
    page, base, problems = subpath_tab
    page.goto(f"{base}en/search.html?q=gradient", wait_until="load")
    results = page.locator("#search-results a")
    results.first.wait_for(timeout=20000)
    first = results.first.evaluate("a => a.href")
    assert first.startswith(base + "en/") and first.split("?")[0].endswith(".html")
    assert problems == []
