"""Every screen: phone maths, live charts in every state, charts without JavaScript,
dark mode, the book's Korean font on a machine with no Korean font, controls, print,
and the smaller things a reader meets (issue 14).

Screenshots go to ``_build/screenshots`` for a person to look at.
"""

import os
import re
from pathlib import Path

import pytest

from conftest import (
    CHAPTERS,
    CHROMIUM,
    CHROMIUM_ARGS,
    LANGS,
    LIVE_PAGES,
    PAGES,
    ROOT,
    set_slider,
)

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"
CHART_PAGES = CHAPTERS  # every chapter draws at least one chart


def shot(page, name: str, locator=None) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    (locator or page).screenshot(path=str(SHOTS / f"{name}.png"))


def luminance(css_colour: str) -> float:
    parts = [float(p) for p in re.findall(r"[\d.]+", css_colour)[:3]]
    return sum(w * c / 255 for w, c in zip((0.2126, 0.7152, 0.0722), parts))


# --- 1. display maths on a phone ------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_every_display_equation_starts_on_screen_or_scrolls(phone_chapter, lang, name):
    page = phone_chapter.page
    found = page.evaluate("""() => [...document.querySelectorAll('div.math')].map(box => {
        const eq = box.querySelector('.katex-display') || box;
        const outer = box.getBoundingClientRect(), inner = eq.getBoundingClientRect();
        const style = getComputedStyle(box);
        return {left: inner.left, boxLeft: outer.left, wide: box.scrollWidth > box.clientWidth + 1,
                scrolls: ['auto', 'scroll'].includes(style.overflowX),
                fits: inner.right <= outer.right + 1, text: box.textContent.slice(0, 40)};
    })""")
    for eq in found:
        assert eq["left"] >= eq["boxLeft"] - 0.5, f"equation starts off-screen: {eq}"
        assert eq["fits"] or (eq["wide"] and eq["scrolls"]), f"equation cut, cannot scroll: {eq}"
    if name == "04-least-squares" and lang == "en":
        page.locator("div.math").nth(1).scroll_into_view_if_needed()
        shot(page, "phone-maths-en-04")


# --- 2. the descent explorer in every state --------------------------------------


def chart_outside(page, figure):
    """Texts of the figure's drawing that stick out of its SVG, and the plot's left edge."""
    return figure.evaluate("""f => {
        const svg = f.querySelector('.book-chart-view svg'), box = svg.getBoundingClientRect();
        const out = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).filter(t => {
            const r = t.getBoundingClientRect();
            return r.left < box.left - 1 || r.right > box.right + 1;
        }).map(t => t.textContent);
        const frame = svg.querySelector('.mark-rect.role-mark path');
        return {out, plotLeft: frame ? frame.getBoundingClientRect().left : null,
                width: box.width, figure: f.getBoundingClientRect().width};
    }""")


@pytest.mark.parametrize("lang", LANGS)
def test_descent_explorer_keeps_its_axes_and_its_path_in_every_run(visit, lang):
    page = visit(f"{lang}/06-gradient-descent.html", width=1280).page
    figure = page.locator("figure.book-chart-live").first
    radios = figure.locator("input[type='radio']")
    lefts = []
    for i in range(radios.count()):
        before = figure.locator("svg").first.inner_html()
        if not radios.nth(i).is_checked():
            radios.nth(i).check()
            page.wait_for_function(
                "([f, b]) => f.querySelector('svg').innerHTML !== b",
                arg=[figure.element_handle(), before],
                timeout=5000,
            )
        state = chart_outside(page, figure)
        assert state["out"] == [], f"run {i}: text cut off at the chart's edge: {state['out']}"
        lefts.append(round(state["plotLeft"]))
        # the white path stays on the heat map (no band across it)
        inside = figure.evaluate("""f => {
            const svg = f.querySelector('svg');
            const heat = [...svg.querySelectorAll('.mark-rect.role-mark path')].map(p => p.getBoundingClientRect());
            const left = Math.min(...heat.map(r => r.left)), right = Math.max(...heat.map(r => r.right));
            const top = Math.min(...heat.map(r => r.top)), bottom = Math.max(...heat.map(r => r.bottom));
            const path = [...svg.querySelectorAll('.mark-line.role-mark path')]
                .find(p => (p.getAttribute('stroke') || '').toLowerCase() === '#ffffff');
            const r = path.getBoundingClientRect();
            return r.left >= left - 2 && r.right <= right + 2 && r.top >= top - 2 && r.bottom <= bottom + 2;
        }""")
        assert inside, f"run {i}: the descent path is drawn outside the loss surface"
        if i == radios.count() - 1:
            shot(page, f"descent-diverging-{lang}", figure)
    assert len(set(lefts)) == 1, f"the plot moves sideways between runs: {lefts}"
    # the diverging run is marked where it leaves the surface
    crosses = figure.locator("svg .mark-symbol.role-mark path[fill='#d9485f']")
    assert crosses.count() >= 1, "no marker where the diverging path leaves the surface"


# --- 3. charts without JavaScript ------------------------------------------------


@pytest.fixture
def no_script(browser, server):
    contexts = []

    def open_page(path, dark=False):
        context = browser.new_context(
            java_script_enabled=False,
            viewport={"width": 1280, "height": 900},
            color_scheme="dark" if dark else "light",
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{server}/{path}", wait_until="load")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "system-dark"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHART_PAGES)
def test_charts_keep_their_text_without_javascript(no_script, lang, name, dark):
    page = no_script(f"{lang}/{name}.html", dark=dark)
    result = page.evaluate("""() => {
        let bg = 'rgb(255, 255, 255)';
        for (let el = document.querySelector('figure.book-chart'); el; el = el.parentElement) {
            const c = getComputedStyle(el).backgroundColor;
            if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
        }
        return {bg, texts: [...document.querySelectorAll('figure.book-chart svg text')]
            .filter(t => t.textContent.trim() && t.getAttribute('opacity') !== '0')  // Vega's own hiding
            .map(t => {
                const s = getComputedStyle(t);
                return [t.textContent, s.fill, s.fillOpacity, s.opacity, s.visibility];
            })};
    }""")
    assert result["texts"], "no chart text on the page"
    background = luminance(result["bg"])
    for text, fill, fill_opacity, opacity, visibility in result["texts"]:
        assert fill not in ("none", "transparent") and "rgba(0, 0, 0, 0)" not in fill, (text, fill)
        assert float(fill_opacity) > 0.5 and float(opacity) > 0.5 and visibility == "visible", text
        assert abs(luminance(fill) - background) > 0.45, f"{text!r}: {fill} on {result['bg']}"
    if name == "06-gradient-descent" and lang == "ko" and not dark:
        page.locator("figure.book-chart").first.scroll_into_view_if_needed()
        shot(page, "no-javascript-chart-ko-06", page.locator("figure.book-chart").first)


# --- 4. dark mode: axis, tick and grid lines follow the theme --------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["03-regression", "06-gradient-descent", "07-propagation"])
def test_axis_lines_follow_the_dark_theme(visit, lang, name):
    page = visit(f"{lang}/{name}.html", width=1280, dark=True).page
    lines = page.evaluate("""() => [...document.querySelectorAll(
        'figure.book-chart :is(.role-axis-grid, .role-axis-tick, .role-axis-domain) :is(line, path)')]
        .map(l => [l.closest('[class*=role-axis]').getAttribute('class'), getComputedStyle(l).stroke])""")
    assert lines, "no axis lines found"
    for role, stroke in lines:
        if "grid" in role:
            assert luminance(stroke) < 0.45, f"bright grid line in dark mode: {stroke}"
        else:
            assert 0.3 < luminance(stroke) < 0.8, f"{role} line {stroke} in dark mode"
    if name == "07-propagation" and lang == "en":
        figure = page.locator("figure.book-chart-live").first
        figure.scroll_into_view_if_needed()
        shot(page, "dark-log-chart-en-07", figure)


# --- 5. the book's Korean font on a machine with no Korean font -----------------

DEJAVU_ONLY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


@pytest.fixture(scope="module")
def dejavu_browser(browser, tmp_path_factory):
    """A second Chromium whose fontconfig knows DejaVu only: a machine with no Korean font."""
    if not Path("/usr/share/fonts/truetype/dejavu").is_dir():
        pytest.skip("needs fonts-dejavu")
    folder = tmp_path_factory.mktemp("fontconfig")
    config = folder / "fonts.conf"
    config.write_text(DEJAVU_ONLY.format(cache=folder / "cache"), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(config))
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=env)
    yield chromium
    chromium.close()


@pytest.mark.parametrize("name", ["index", "04-least-squares", "06-gradient-descent"])
def test_korean_renders_in_the_book_font_without_a_korean_system_font(dejavu_browser, server, name):
    context = dejavu_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    fonts = []
    page.on("requestfinished", lambda r: fonts.append(r) if "/fonts/" in r.url else None)
    page.goto(f"{server}/ko/{name}.html", wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    # the system really has no Korean: a Korean string measures as boxes in DejaVu alone
    state = page.evaluate("""() => {
        const c = document.createElement('canvas').getContext('2d');
        const width = font => { c.font = font; return c.measureText('한국어 학습').width; };
        const family = el => el ? getComputedStyle(el).fontFamily : '';
        return {
            // document.fonts.check() stays false while the face for other syllables is
            // unloaded, as it should be; what counts is that the site's own face loaded
            loaded: [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Book Sans'
                && f.status === 'loaded' && f.weight === '400' && !f.unicodeRange.startsWith('U+1100')),
            faces: [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Book Sans' && f.status === 'loaded').length,
            book: width('16px "Book Sans"'), dejavu: width('16px "DejaVu Sans"'),
            tofu: width('16px "DejaVu Sans"') === width('16px monospace'),
            body: family(document.querySelector('article p')),
            heading: family(document.querySelector('article h1')),
            chart: family(document.querySelector('figure.book-chart svg text')),
            code: family(document.querySelector('div.cell_output pre')),
        };
    }""")
    assert state["loaded"] and state["faces"] >= 1, state
    assert state["book"] != state["dejavu"], f"Korean still drawn as boxes: {state}"
    for where in ("body", "heading"):
        assert state[where].startswith('"Book Sans"'), f"{where} font: {state[where]}"
    if name != "index":  # charts: Latin in the font they were laid out with, Hangul in the book's
        assert state["chart"].startswith('"Book Chart Sans", "Book Sans"'), state["chart"]
    if state["code"]:
        assert "Book Sans" in state["code"], f"code output has no Korean font: {state['code']}"
    shot(page, f"korean-without-cjk-font-{name}")
    # a page loads the site's own subset, not the fallback for other syllables
    urls = [r.url for r in fonts]
    assert any("book-sans-400" in u for u in urls) and not any("hangul" in u for u in urls), urls
    # a syllable the site never uses, typed into the search box, still gets a glyph
    typed = page.evaluate("""async () => {
        await document.fonts.load('16px "Book Sans"', '똠');
        const c = document.createElement('canvas').getContext('2d');
        c.font = '16px "Book Sans"'; const book = c.measureText('똠똠').width;
        c.font = '16px "DejaVu Sans"'; return [book, c.measureText('똠똠').width];
    }""")
    assert typed[0] != typed[1], "a syllable outside the subset is drawn as a box"
    context.close()


def test_the_font_subset_is_small(site):
    for lang in LANGS:
        for weight in (400, 700):
            size = (site / lang / "_static" / "fonts" / f"book-sans-{weight}.woff2").stat().st_size
            assert size < 90_000, f"{lang} {weight}: {size} bytes"
    css = (site / "ko" / "_static" / "book-fonts.css").read_text(encoding="utf-8")
    assert css.count("@font-face") == 5 and "unicode-range" in css  # + the chart font's two


#: Every character of bold text (computed weight 600 or more) the page draws in the
#: book's face: Hangul wherever "Book Sans" is in the font stack (code and charts fall
#: back to it), Latin where it comes first. Text in closed <details> counts too.
BOLD_TEXT = """() => {
    const found = {};
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.data.trim() || el.closest('script, style, template')) continue;
        const style = getComputedStyle(el);
        if (parseInt(style.fontWeight, 10) < 600) continue;
        const family = style.fontFamily.replace(/"/g, '');
        for (const ch of node.data) {
            const hangul = /\\p{Script=Hangul}/u.test(ch) && family.includes('Book Sans');
            const latin = /\\p{Script=Latin}/u.test(ch) && family.startsWith('Book Sans');
            if ((hangul || latin) && !(ch in found))
                found[ch] = el.tagName.toLowerCase() + '.' + String(el.className.baseVal ?? el.className);
        }
    }
    return found;
}"""


def bold_face_characters(site, lang: str) -> set[int]:
    """The code points the 700 face of "Book Sans" declares (its ``unicode-range``)."""
    css = (site / lang / "_static" / "book-fonts.css").read_text(encoding="utf-8")
    (declared,) = [
        rule
        for rule in re.findall(r"@font-face \{([^}]*)\}", css)
        if '"Book Sans"' in rule and "font-weight: 700" in rule
    ]
    points: set[int] = set()
    for start, end in re.findall(
        r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", declared.split("unicode-range:")[1]
    ):
        points |= set(range(int(start, 16), int(end or start, 16) + 1))
    return points


def faux_bold(page, site, lang: str) -> list[str]:
    held = bold_face_characters(site, lang)
    drawn = page.evaluate(BOLD_TEXT)
    return [
        f"{ch} (U+{ord(ch):04X}) in {where}" for ch, where in drawn.items() if ord(ch) not in held
    ]


@pytest.mark.parametrize("lang", ["ko"])
@pytest.mark.parametrize("name", CHAPTERS)
def test_bold_text_is_in_the_bold_font(desktop_chapter, site, lang, name):
    # The 700 face holds only the Hangul the build found in bold text
    # (book_fonts.bold_characters); a bold syllable it lacks is drawn as a smeared 400
    missing = faux_bold(desktop_chapter.page, site, lang)
    assert not missing, f"bold text outside the bold face (faux bold): {missing[:20]}"


def test_bold_text_the_scripts_write_is_in_the_bold_font(visit, site):
    # what the page's scripts write in bold: a stepper's position line at its last
    # step, a self-check's verdict after an answer
    page = visit("ko/07-propagation.html").page
    stepper = page.locator(".book-stepper")
    page.wait_for_function(
        "() => document.querySelector('.book-stepper').classList.contains('book-widget-ready')"
    )
    following = stepper.get_by_role("button", name=re.compile("다음"))
    for _ in range(100):
        if following.is_disabled():
            break
        following.click()
    assert following.is_disabled(), "the stepper never reached its last step"
    for box in page.locator("div.book-selfcheck").all():
        if box.get_by_role("textbox").count():
            box.get_by_role("textbox").first.fill("12345")
        elif box.get_by_role("radio").count():
            box.get_by_role("radio").first.check()
        button = box.locator("button.book-selfcheck-check")
        if button.is_enabled():
            button.click()
    verdicts = page.locator(".book-selfcheck-status").all_text_contents()
    assert any(re.search("[가-힣]", said) for said in verdicts), verdicts
    missing = faux_bold(page, site, "ko")
    assert not missing, f"bold text outside the bold face (faux bold): {missing[:20]}"


ICON_STATES = [
    ("ko/index.html", 1280, "light"),
    ("ko/04-least-squares.html", 1280, "dark"),
    ("en/06-gradient-descent.html", 390, "light"),
    ("en/search.html?q=gradient", 1280, "auto"),
    ("ko/genindex.html", 390, "dark"),
]


@pytest.mark.parametrize("path, width, mode", ICON_STATES)
def test_every_icon_the_page_draws_is_in_the_shipped_icon_font(visit, site, path, width, mode):
    # The theme's icon fonts are cut down to the icons the site uses: an icon
    # missing from the cut would show as an empty box
    from fontTools.ttLib import TTFont

    page = visit(path, width=width).page
    page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
    page.evaluate("document.documentElement.dataset.mode = document.documentElement.dataset.theme")
    drawn = page.evaluate("""() => {
        const found = [];
        for (const el of document.querySelectorAll('*')) {
            for (const pseudo of [null, '::before', '::after']) {
                const style = getComputedStyle(el, pseudo);
                if (!/Font Awesome/.test(style.fontFamily) || style.display === 'none') continue;
                const text = pseudo ? style.content.replace(/^"|"$/g, '') : '';
                for (const ch of text) {
                    const point = ch.codePointAt(0);
                    if (point >= 0xe000 && point <= 0xf8ff)
                        found.push([point, style.fontWeight, el.className.toString().slice(0, 60)]);
                }
            }
        }
        return found;
    }""")
    assert len(drawn) >= 3, drawn  # the header's buttons at least
    webfonts = site / path[:2] / "_static" / "vendor" / "fontawesome" / "webfonts"
    cmaps = {
        "900": set(TTFont(str(webfonts / "fa-solid-900.woff2")).getBestCmap()),
        "400": set(TTFont(str(webfonts / "fa-regular-400.woff2")).getBestCmap())
        | set(TTFont(str(webfonts / "fa-brands-400.woff2")).getBestCmap()),
    }
    missing = [(hex(p), w, c) for p, w, c in drawn if p not in cmaps.get(w, cmaps["900"])]
    assert not missing, f"icons drawn as empty boxes: {missing}"
    assert (webfonts / "fa-solid-900.woff2").stat().st_size < 10_000, "icon font not cut down"


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_page_weighs_at_most_600_kb_on_the_wire(site, browser, lang, monkeypatch):
    """A first visit (empty cache, gzip as a static host serves it), Korean font included.

    Issue 25's budget for a reader on a phone plan: ko/07 weighed 640 KB when it
    was filed (tools/bench.py prints every page's figure beside it). One language
    per test, so that two pytest-xdist workers share the pages.
    """
    import bench

    monkeypatch.setattr(bench, "LANGS", (lang,))
    figures = bench.page_figures(1, browser)
    assert [name for name, *_ in figures] == [f"{lang}/{name}" for name in CHAPTERS]
    heavy = [
        f"{name}: {wire / 1024:.0f} KB > {bench.PAGE_BUDGET_KB} KB"
        for name, wire, *_ in figures
        if wire / 1024 > bench.PAGE_BUDGET_KB
    ]
    assert not heavy, heavy


@pytest.mark.parametrize("lang", LANGS)
def test_pages_load_the_search_index_and_sphinx_design_only_where_used(site, lang):
    # the theme loaded searchindex.js (40 KB) on every page, sphinx-design its files too
    for page in sorted((site / lang).glob("*.html")):
        html = page.read_text(encoding="utf-8")
        loads_index = 'src="searchindex.js"' in html
        assert loads_index == (page.name == "search.html"), page.name
        if not re.search(r'class="[^"]*\bsd-', html):
            assert "sphinx-design.min.css" not in html and "design-tabs.js" not in html, page.name


@pytest.mark.parametrize("lang", LANGS)
def test_data_table_captions_read_as_a_line_on_a_phone(visit, lang):
    # A one-row table once squeezed its caption to a word per line
    page = visit(f"{lang}/05-neurons.html", width=390).page
    page.evaluate(
        "document.querySelectorAll('details.book-chart-data').forEach(d => d.open = true)"
    )
    tall = page.evaluate("""() => [...document.querySelectorAll('details.book-chart-data caption')]
        .filter(c => c.getBoundingClientRect().height > 2.2 * parseFloat(getComputedStyle(c).lineHeight))
        .map(c => c.textContent)""")
    assert not tall, tall


# --- 7. controls ------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", LIVE_PAGES)
def test_sliders_use_the_width_and_format_their_values(visit, name, width):
    page = visit(f"en/{name}.html", width=width).page
    sliders = page.locator("figure.book-chart-live input[type='range']")
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        box = slider.bounding_box()
        figure = slider.evaluate("s => s.closest('figure').getBoundingClientRect().width")
        assert box["width"] >= min(0.5 * figure, 300), (
            f"slider {i} is {box['width']:.0f}px of {figure:.0f}"
        )
        slider.evaluate(
            """el => { el.value = el.max; el.dispatchEvent(new Event('input', {bubbles: true})); }"""
        )
        shown = slider.evaluate("""el => [...el.parentElement.querySelectorAll('output, span')]
            .filter(s => s.offsetParent !== null && /\\d/.test(s.textContent)).map(s => s.textContent)""")
        assert len(shown) == 1, f"slider {i} shows {shown}"
        maximum = float(slider.get_attribute("max"))
        if maximum >= 1000:
            assert "," in shown[0], f"slider {i} shows {shown[0]}, not grouped like the axes"
        # the focus ring (outline) does not run into the value or the label
        slider.focus()
        gap = slider.evaluate("""el => {
            const s = getComputedStyle(el), r = el.getBoundingClientRect();
            const ring = parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth);
            const near = [...el.parentElement.children].filter(c => c !== el && c.offsetParent !== null)
                .map(c => c.getBoundingClientRect())
                .filter(n => n.top < r.bottom + ring && r.top - ring < n.bottom);  // the same row
            return Math.min(...near.map(n => n.left >= r.right ? n.left - r.right : r.left - n.right)) - ring;
        }""")
        assert gap >= 0, f"slider {i}: the focus ring overlaps its neighbours by {-gap:.1f}px"


# --- 8. print ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_print_wraps_code_hides_controls_and_numbers_the_title(visit, lang):
    page = visit(f"{lang}/04-least-squares.html", width=1280).page
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 700, "height": 900})
    state = page.evaluate("""() => {
        const shown = el => el.offsetParent !== null || getComputedStyle(el).position === 'fixed';
        return {
            cut: [...document.querySelectorAll('pre')].filter(shown)
                .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent.slice(0, 50)),
            controls: [...document.querySelectorAll('.vega-bindings, .toggle-button, button.toggle-button')]
                .filter(shown).length,
            titles: [...document.querySelectorAll('h1')].filter(shown).map(h => h.textContent.trim()),
        };
    }""")
    assert state["cut"] == [], f"code lines cut at the margin: {state['cut']}"
    assert state["controls"] == 0, "sliders or click-to-hide hints print"
    assert state["titles"] and all(re.match(r"^4\.", t) for t in state["titles"]), state["titles"]


# --- 9. the smaller things -----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_headings_have_no_blank_line_on_a_phone(phone_chapter, lang, name):
    page = phone_chapter.page
    wrapped = page.evaluate("""() => [...document.querySelectorAll('article :is(h1, h2, h3)')].filter(h => {
        const link = h.querySelector('a.headerlink');
        if (!link || link.offsetParent === null) return false;
        const range = document.createRange();
        range.setStartBefore(h.firstChild); range.setEndBefore(link);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const last = rects[rects.length - 1];
        return last && link.getBoundingClientRect().top >= last.bottom - 1;
    }).map(h => h.textContent)""")
    assert wrapped == [], f"permalink alone on a line: {wrapped}"


@pytest.mark.parametrize("lang", LANGS)
def test_search_field_shows_its_first_character_and_one_line_shortcut(visit, lang):
    page = visit(f"{lang}/04-least-squares.html", width=1280).page
    page.keyboard.press("Control+k")
    page.wait_for_selector("form.bd-search input", state="visible")
    page.keyboard.type("가")
    state = page.evaluate("""() => {
        const form = [...document.querySelectorAll('form.bd-search')].find(f => f.getBoundingClientRect().width > 0);
        const icon = form.querySelector('i, .fa-magnifying-glass').getBoundingClientRect();
        const input = form.querySelector('input'), s = getComputedStyle(input);
        const textLeft = input.getBoundingClientRect().left + parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth);
        const kbd = form.querySelector('.search-button__kbd-shortcut');
        const lineHeight = parseFloat(getComputedStyle(kbd).fontSize) * 2;
        return {gap: textLeft - icon.right, kbd: kbd ? kbd.getBoundingClientRect().height : 0, lineHeight};
    }""")
    assert state["gap"] >= 0, f"the search icon covers the first {-state['gap']:.1f}px of the text"
    assert state["kbd"] < state["lineHeight"], f"the Ctrl+K hint wraps ({state})"


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_from_the_last_section_keeps_it(visit, lang):
    page = visit(f"{lang}/04-least-squares.html", width=1280).page
    last = page.evaluate("""() => {
        // a section's anchor is its own id (Korean) or a span just inside it (English)
        const ids = [...document.querySelectorAll("article section")]
            .map(s => s.id.startsWith("sec-") ? s.id
                 : (s.querySelector(":scope > span[id^='sec-']") || {}).id)
            .filter(id => id && /^sec-\\d+$/.test(id));
        return ids[ids.length - 1];
    }""")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(200)
    with page.expect_navigation():
        # a click where the reader is (a locator click would scroll the link into view first)
        page.locator("a.book-language-switch").first.evaluate("a => a.click()")
    assert page.url.endswith("#" + last), f"{page.url} is not the last section {last}"


def test_least_squares_line_shows_where_it_leaves_the_plot(visit):
    page = visit("en/04-least-squares.html", width=1280).page
    figure = page.locator("figure.book-chart-live").first
    markers = "svg .mark-symbol.role-mark path[fill='#e8803a']"
    slope = figure.locator("input[type='range']").first

    def set_slope(value):
        set_slider(figure, slope, value)

    set_slope("0.5")  # y = 0.5 x + 1 stays inside the plot
    assert figure.locator(markers).count() == 0, "a marker while the line is inside the plot"
    set_slope(slope.get_attribute("max"))
    assert figure.locator(markers).count() >= 1, "the line leaves the plot with no hint"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_axis_labels_do_not_collide(desktop_chapter, lang, name):
    page = desktop_chapter.page
    collisions = page.evaluate("""() => {
        const found = [];
        document.querySelectorAll('figure.book-chart svg .role-axis-label').forEach(group => {
            const boxes = [...group.querySelectorAll('text')].filter(t => t.textContent.trim() && getComputedStyle(t).opacity !== '0')
                .map(t => [t.textContent, t.getBoundingClientRect()]);
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const [ta, a] = boxes[i], [tb, b] = boxes[j];
                if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom && b.top < a.bottom)
                    found.push(ta + ' / ' + tb);
            }
        });
        return found;
    }""")
    assert collisions == [], f"axis labels collide: {collisions}"


@pytest.mark.parametrize("lang", LANGS)
def test_dashed_curve_has_a_dashed_legend_swatch(visit, lang):
    page = visit(f"{lang}/05-neurons.html", width=1280).page
    dashes = page.evaluate("""() => [...document.querySelectorAll(
        'figure.book-chart-live svg .role-legend-symbol path')].map(p => p.getAttribute('stroke-dasharray') || '')""")
    assert len(dashes) == 2 and sorted(bool(d and d != "1,0") for d in dashes) == [False, True], (
        dashes
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_every_id_on_a_page_is_unique(site, lang, name):
    html = (site / lang / f"{name}.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert repeated == [], f"repeated ids on {lang}/{name}: {repeated}"


@pytest.mark.parametrize("lang", LANGS)
def test_front_page_title_names_the_book_once(visit, lang):
    page = visit(f"{lang}/index.html").page
    title = page.title()
    name = {"ko": "딥러닝 첫걸음", "en": "First Steps into Deep Learning"}[lang]
    assert title.count(name) == 1, title


def deferred_scripts(site, lang: str, name: str) -> set[str]:
    """The file names of the page's deferred scripts (they run once the page is parsed)."""
    html = (site / lang / f"{name}.html").read_text(encoding="utf-8")
    tags = re.findall(r"<script\b[^>]*>", html)
    srcs = [re.search(r'\ssrc="([^"?]+)', tag) for tag in tags if re.search(r"\sdefer\b", tag)]
    return {src[1].rsplit("/", 1)[-1] for src in srcs if src}


#: Where a reader may be when the page's scripts start: at a live chart, at a self-check,
#: at a predict-then-reveal question.
READER_AT = {
    "chart": "figure.book-chart-live",
    "self-check": "div.book-selfcheck",
    "widget": "div.book-reveal",
}


#: The first text a reader sees at the viewport's top, and where it is (JavaScript).
FIRST_TEXT = """() => {
    const walk = document.createTreeWalker(document.querySelector('article.bd-article') || document.body,
        NodeFilter.SHOW_TEXT, {acceptNode: t => t.textContent.trim()
            ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
    const range = document.createRange();
    for (let t = walk.nextNode(); t; t = walk.nextNode()) {
        range.selectNodeContents(t);
        const r = range.getBoundingClientRect();
        if (r.height > 0 && r.top >= 0) {
            window.__first = window.__first || t;
            return {text: t.textContent.trim().slice(0, 40), top: r.top};
        }
    }
    return null;
}"""


def shift_while_scripts_start(
    browser, server, lang, name, width, held_names, at, *, anchoring=True
):
    """The layout shift a reader scrolled to ``at`` sees while the page's scripts start.

    ``at`` names a place in ``READER_AT`` (the reader sees it 200 px below the viewport's
    top), or is ``"below:<selector>"``: the reader has read past that element, which ends
    100 px above the viewport's top. Returns the shift, the elements that moved and, for a
    reader below an element, the first text they see before and after the scripts start.
    Without ``anchoring`` the browser does not scroll to keep what the reader sees in place
    when content above it changes size (CSS scroll anchoring: Safari has none).
    """
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        held = []
        page.route(
            lambda url: url.split("?")[0].rsplit("/", 1)[-1] in held_names,
            lambda route: held.append(route),
        )
        page.add_init_script("""window.__shift = 0; window.__moved = [];
            new PerformanceObserver(list => {
                for (const e of list.getEntries()) if (!e.hadRecentInput) {
                    window.__shift += e.value;
                    window.__moved.push(e.sources.map(s => s.node && s.node.nodeType === 1
                        ? s.node.tagName + '.' + String(s.node.className).split(' ')[0] : '?').join(' '));
                }
            }).observe({type: 'layout-shift', buffered: true});""")
        page.goto(f"{server}/{lang}/{name}.html", wait_until="commit")
        page.wait_for_function(
            "() => document.readyState !== 'loading' && document.body", timeout=20000
        )
        if not anchoring:
            page.add_style_tag(content="* { overflow-anchor: none !important; }")
        page.wait_for_function(
            "() => performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')",
            timeout=20000,
        )
        # the fonts first: a web font that arrives late (CI under load, a slow network)
        # reflows Korean text by itself, and that shift is not the scripts'
        page.evaluate(
            "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
        )
        assert len(held) == len(held_names), f"held {len(held)} of {sorted(held_names)}"
        assert page.evaluate("() => !document.querySelector('figure.book-chart-ready')")
        assert page.evaluate("() => !document.querySelector('.book-widget-ready')")
        below = at.startswith("below:")
        if below:
            page.evaluate(
                """sel => window.scrollBy(0, document.querySelector(sel).getBoundingClientRect().bottom + 100)""",
                at.split(":", 1)[1],
            )
        elif at != "top":
            page.evaluate(
                """sel => window.scrollBy(0, document.querySelector(sel).getBoundingClientRect().top - 200)""",
                READER_AT[at],
            )
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        first = page.evaluate(FIRST_TEXT) if below else None
        if below:
            assert page.evaluate(
                "sel => document.querySelector(sel).getBoundingClientRect().bottom < 0",
                at.split(":", 1)[1],
            ), f"the reader is not below {at}"
        page.evaluate("() => { window.__shift = 0; window.__moved = []; }")
        for route in held:
            route.continue_()
        page.wait_for_function("() => document.readyState === 'complete'", timeout=20000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('figure.book-chart-live')]"
            ".every(f => f.classList.contains('book-chart-ready'))",
            timeout=20000,
        )
        page.wait_for_function(
            "() => [...document.querySelectorAll('.book-widget')]"
            ".every(w => w.classList.contains('book-widget-ready'))",
            timeout=20000,
        )
        page.wait_for_timeout(300)
        shift, moved = page.evaluate("[window.__shift, window.__moved]")
        if not below:
            return shift, moved
        after = page.evaluate("""() => {
            const range = document.createRange();
            range.selectNodeContents(window.__first);
            return {text: window.__first.textContent.trim().slice(0, 40),
                    top: range.getBoundingClientRect().top};
        }""")
        return shift, moved, first, after
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_the_page_does_not_move_when_its_scripts_start(site, browser, server, lang, name, width):
    """The page paints with its final layout before its scripts run: when they start
    (charts drawn by Vega, self-check forms, solutions folded by sphinx-togglebutton, the
    widgets, the theme), nothing a reader is looking at moves.

    Every deferred script is held back until the page has painted and its fonts have
    loaded (the page's own DOMContentLoaded waits with them, and the scripts that wait
    for it), with the reader scrolled to the first live chart, to the first self-check,
    to the first predict-then-reveal question (a page with none of them: at the top). CI once failed here with 0.154 on
    ko/06, from a late web font alone: that is why the fonts come first.
    """
    held_names = deferred_scripts(site, lang, name)
    assert held_names, "no deferred script to hold back"
    html = (site / lang / f"{name}.html").read_text(encoding="utf-8")
    blocking = re.findall(
        r'<script(?![^>]*\bdefer)[^>]*src="([^"]*(?:vega|book-charts)[^"]*)"', html
    )
    assert blocking == [], f"render-blocking chart scripts: {blocking}"
    places = [
        at
        for at, sel in READER_AT.items()
        if re.search(rf'class="[^"]*\b{sel.split(".", 1)[1]}\b', html)
    ] or ["top"]
    moved = {}
    for at in places:
        shift, sources = shift_while_scripts_start(
            browser, server, lang, name, width, held_names, at
        )
        if shift >= 0.05:
            moved[at] = (round(shift, 3), sources[:4])
    assert moved == {}, f"layout shift >= 0.05 while the scripts start, reader at: {moved}"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGS)
def test_a_reader_below_the_stepper_stays_put_when_its_script_starts(
    site, browser, server, lang, width
):
    """Chapter 7's stepper lists every step without JavaScript and one step at a time with
    it; the page is laid out as the script will leave it, so a reader who has scrolled past
    the stepper (it is above the viewport) is not moved when the script starts.

    Chromium's scroll anchoring would hide the defect (it scrolls by as much as the content
    above shrank); Safari has none, so the browser here has it turned off. Before the fix
    the reader's text moved 1,468 to 2,356 px (layout shift 0.54 to 0.92).
    """
    name = "07-propagation"
    held_names = deferred_scripts(site, lang, name)
    assert "book-widgets.js" in held_names
    shift, sources, first, after = shift_while_scripts_start(
        browser, server, lang, name, width, held_names, "below:div.book-stepper", anchoring=False
    )
    assert first is not None and first["text"] == after["text"]
    moved = after["top"] - first["top"]
    assert shift < 0.01 and abs(moved) < 1, (
        f"reader below the stepper: layout shift {shift:.3f}, their first visible text "
        f"{first['text']!r} moved {moved:+.0f} px; moved: {sources[:4]}"
    )


def test_a_bilingual_404_page_at_the_site_root(site, visit):
    assert (site / "404.html").exists()
    page = visit("404.html").page
    assert page.locator("section[lang='ko'] h1").count() == 1
    assert page.locator("section[lang='en'] h1").count() == 1
    hrefs = page.evaluate(
        "[...document.querySelectorAll('a.home')].map(a => a.getAttribute('href'))"
    )
    assert hrefs == ["/ko/index.html", "/en/index.html"]
    page.locator("a.home[data-lang='en']").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/en/index.html")


@pytest.mark.parametrize("lang", LANGS)
def test_source_download_is_saved_not_shown_in_a_guessed_charset(visit, site, lang):
    page = visit(f"{lang}/04-least-squares.html").page
    link = page.locator("a.btn-download-source-button")
    assert link.count() == 1
    assert link.get_attribute("download") is not None, (
        "the .md opens in a tab, where no charset means mojibake"
    )
    with page.expect_download() as download_info:
        link.evaluate("a => a.click()")
    saved = Path(download_info.value.path()).read_bytes()
    assert saved.decode("utf-8") == (site / lang / "_sources" / "04-least-squares.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["06-gradient-descent"])
def test_the_loss_surface_cells_meet_without_overlap_or_seams(desktop_chapter, lang, name):
    """Ch. 6's loss surface: each cell is one grid step wide, next to its neighbour (they
    once spanned 1.5 steps, overlapping), and drawn with crisp edges (edge to edge, the
    anti-aliased seams showed the dark background as a grid)."""
    cells = desktop_chapter.page.evaluate("""() => {
        const svg = document.querySelector('figure.book-chart-live svg');
        const paths = [...svg.querySelectorAll('.mark-rect.role-mark path')];
        return {
            crisp: paths.every(p => getComputedStyle(p).shapeRendering === 'crispedges'),
            boxes: paths.map(p => { const b = p.getBBox(); return [b.x, b.y, b.width, b.height]; }),
        };
    }""")
    assert cells["crisp"], "the surface's cells are drawn with anti-aliased edges (seams)"
    boxes = cells["boxes"]
    assert len(boxes) > 100
    xs = sorted({round(x, 2) for x, _, _, _ in boxes})
    step = (xs[-1] - xs[0]) / (len(xs) - 1)
    assert all(abs((b - a) - step) < 0.05 for a, b in zip(xs, xs[1:])), "uneven grid"
    wide = [w for _, _, w, _ in boxes if abs(w - step) > 0.05]
    assert wide == [], f"cells {wide[:3]} wide on a grid step of {step:.2f}: cells overlap or gap"
