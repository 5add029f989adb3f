"""Pages as a reader sees them in headless Chromium: charts draw, maths renders, nothing off-site."""

import pytest

from conftest import LANGS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGS)
def test_least_squares_chapter_in_the_browser(visit, lang):
    visit_ = visit(f"{lang}/04-least-squares.html")
    page = visit_.page
    assert page.evaluate("document.documentElement.lang") == lang
    figures = page.locator("figure.book-chart")
    assert figures.count() >= 3
    for i in range(figures.count()):
        figure = figures.nth(i)
        assert figure.locator("svg").count() >= 1
        box = figure.locator("svg").first.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100
        # something was drawn: marks inside the svg
        assert figure.locator("svg path, svg circle, svg line").count() > 3
    assert page.locator(".katex").count() > 5
    assert visit_.offsite == []
    assert visit_.errors == []
