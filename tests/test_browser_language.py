"""The language switch: the same page and section in the other language; the front page chooses."""

import pytest

from conftest import LANGS, PAGES

pytestmark = pytest.mark.browser
OTHER = {"ko": "en", "en": "ko"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_switching_keeps_the_page_and_the_section(tab, lang, name):
    page, server = tab
    page.goto(f"{server}/{lang}/{name}.html", wait_until="domcontentloaded")
    assert page.evaluate("document.documentElement.lang") == lang
    link = page.locator("a.book-language-switch")
    assert link.count() == 1
    assert link.get_attribute("href") == f"../{OTHER[lang]}/{name}.html"
    alternates = page.locator(f'link[rel="alternate"][hreflang="{OTHER[lang]}"]')
    assert alternates.get_attribute("href") == f"../{OTHER[lang]}/{name}.html"
    # the anchor is a section's own id (Korean) or a span at its start (English)
    anchors = page.locator(
        "article section[id^='sec-'], article section > span[id^='sec-']"
    ).evaluate_all(
        "els => els.map(s => [s.id, s.tagName === 'SECTION' ? s.id : s.parentElement.id])"
    )
    anchors = [a for a in anchors if a[0] != "sec-0"]
    # every section has its counterpart (test_site checks the anchor sets are equal);
    # here a reader switches from the first, a middle and the last section
    for anchor, section_id in {
        tuple(a) for a in (anchors[:1] + anchors[len(anchors) // 2 :][:1] + anchors[-1:])
    }:
        page.goto(f"{server}/{lang}/{name}.html#{section_id}", wait_until="domcontentloaded")
        page.locator("a.book-language-switch").click()
        page.wait_for_url(f"**/{OTHER[lang]}/{name}.html#{anchor}", wait_until="domcontentloaded")
        landed = page.evaluate(
            "(a) => { const s = document.getElementById(a); return s && (s.tagName === 'SECTION' ? s : s.parentElement).tagName; }",
            anchor,
        )
        assert landed == "SECTION", f"{lang}/{name}#{section_id} → {OTHER[lang]} has no {anchor}"


@pytest.mark.parametrize("locale, expected", [("ko-KR", "ko"), ("en-US", "en"), ("fr-FR", "en")])
def test_front_page_follows_the_browser_language(browser, server, locale, expected):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{server}/index.html")
    page.wait_for_url(f"**/{expected}/index.html")
    context.close()


def test_front_page_remembers_an_explicit_choice(browser, server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{server}/en/index.html")
    page.locator("a.book-language-switch").click()
    page.wait_for_url("**/ko/index.html*")
    page.goto(f"{server}/index.html")
    page.wait_for_url("**/ko/index.html")
    context.close()


def test_front_page_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/index.html")
    assert page.locator('a[href="ko/index.html"]').count() == 1
    assert page.locator('a[href="en/index.html"]').count() == 1
    context.close()
