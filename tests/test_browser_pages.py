"""Every page as a reader sees it in headless Chromium (desktop and phone, light and dark)."""

import pytest

from conftest import LANGS, LIVE_PAGES, PAGES, ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def check_charts_drew(page):
    figures = page.locator("figure.book-chart")
    for i in range(figures.count()):
        figure = figures.nth(i)
        svg = figure.locator("svg").first
        box = svg.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, f"chart {i} has no size"
        marks = figure.locator("svg path, svg circle, svg line, svg rect").count()
        assert marks > 3, f"chart {i} drew nothing"
        assert figure.get_attribute("aria-labelledby"), f"chart {i} has no accessible name"
    return figures.count()


def serious_accessibility_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations'], preload: false});
        return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
    }""")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_page_on_a_desktop(desktop_chapter, lang, name):
    visited = desktop_chapter
    page = visited.page
    assert page.evaluate("document.documentElement.lang") == lang
    check_charts_drew(page)
    # maths is rendered (KaTeX at build time), never left as TeX source
    visible = page.evaluate("document.querySelector('article').innerText")
    assert "$$" not in visible and "\\frac" not in visible and "\\sum" not in visible
    if name not in ("glossary", "index"):
        assert page.locator(".katex").count() > 0
    if lang == "ko":
        family = page.evaluate("getComputedStyle(document.querySelector('article p')).fontFamily")
        assert "Noto Sans CJK KR" in family
        assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK KR\"', '한국어')")
    assert serious_accessibility_violations(page) == []
    assert visited.offsite == [], "requests to other hosts"
    assert visited.errors == [], "console errors"


def luminance(css_colour: str) -> float:
    parts = [float(p) for p in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    return sum(w * c / 255 for w, c in zip((0.2126, 0.7152, 0.0722), parts))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_page_on_a_phone_in_dark_mode(visit, lang, name):
    visited = visit(f"{lang}/{name}.html", width=360, dark=True)
    page = visited.page
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("document.documentElement.scrollWidth") <= 361, "page scrolls sideways"
    count = check_charts_drew(page)
    for i in range(count):
        figure = page.locator("figure.book-chart").nth(i)
        box = figure.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 361, (
            f"chart {i} is wider than the phone"
        )
        text = figure.locator("svg text").first
        if text.count():
            fill = text.evaluate("t => getComputedStyle(t).fill")
            assert luminance(fill) > 0.6, f"chart {i} text is dark on the dark theme ({fill})"
        background = figure.evaluate("f => getComputedStyle(f.parentElement).backgroundColor")
        assert background in ("rgba(0, 0, 0, 0)", "transparent"), "chart sits on a light box"
    assert serious_accessibility_violations(page) == []
    assert visited.errors == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LIVE_PAGES)
def test_every_control_changes_what_is_drawn(visit, lang, name):
    page = visit(f"{lang}/{name}.html").page
    live = page.locator("figure.book-chart-live")
    assert live.count() >= 1
    for i in range(live.count()):
        figure = live.nth(i)
        controls = figure.locator(".vega-bindings input")
        assert controls.count() >= 1, f"live chart {i} has no control"
        names = set()
        for j in range(controls.count()):
            control = controls.nth(j)
            kind = control.get_attribute("type")
            name_ = control.get_attribute("name") or str(j)
            if kind == "radio":
                if name_ in names or control.is_checked():
                    continue
            names.add(name_)
            before = figure.locator("svg").first.inner_html()
            if kind == "range":
                control.evaluate("""el => {
                    el.value = Number(el.value) === Number(el.max) ? el.min : el.max;
                    el.dispatchEvent(new Event('input', {bubbles: true}));
                }""")
            else:
                control.check()
            page.wait_for_function(
                "([f, b]) => f.querySelector('svg').innerHTML !== b",
                arg=[figure.element_handle(), before],
                timeout=5000,
            )
    assert page.evaluate("document.querySelectorAll('.vega-bindings input').length") >= 1
