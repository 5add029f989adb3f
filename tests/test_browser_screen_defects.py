"""What a reader saw on screen and should not (issue 23, part 3), each checked in Chromium.

Chart text drawn in the font its layout measured, no table cell broken inside a
word on a phone, no code or equation cut without a way (and a hint) to scroll
it, chart text no smaller than 9 px on a phone, dark mode without JavaScript,
the EPUB's tables on a phone, and the smaller things (a legend's dot, points on
the frame, a readout under an arrowhead, the pad's cursor, the PDF's author).

``BOOK_SITE=/path/to/an/older/site`` runs them against another build.
Screenshots go to ``_build/screenshots``.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from functools import cache

import pytest
from _print import book

from conftest import CHAPTERS, LANGS, ROOT, SHARED_CHAPTER_WIDTHS, set_slider

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"
PHONE = SHARED_CHAPTER_WIDTHS["phone_chapter"]  # 390 px
HANGUL = re.compile("[\uac00-\ud7a3]")


def shot(page, name: str, locator=None) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    (locator or page).screenshot(path=str(SHOTS / f"{name}.png"))


def relative_luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG contrast ratio of two sRGB colours (tuples of 0-255)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- chart text is as wide as the room its layout made --------------------------


@cache
def layout_width(text: str, font: str, size: float, weight: str) -> float:
    """How wide vl-convert (which laid the static charts out) makes ``text``, in px."""
    import vl_convert

    encode = {
        "text": {"value": text},
        "font": {"value": font},
        "fontSize": {"value": size},
        "fontWeight": {"value": weight},
        "x": {"value": 0},
        "y": {"value": 0},
        "baseline": {"value": "top"},
    }
    spec = {"padding": 0, "autosize": "pad", "width": 0, "height": 0}
    spec["marks"] = [{"type": "text", "encode": {"enter": encode}}]
    svg = vl_convert.vega_to_svg(spec)
    return float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))


CHART_TEXTS = """() => [...document.querySelectorAll('figure.book-chart svg')].flatMap((svg, k) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()
            && t.getAttribute('opacity') !== '0' && getComputedStyle(t).visibility === 'visible')
        .map(t => {
            const r = t.getBoundingClientRect();
            const lines = t.querySelectorAll('tspan').length ? [...t.querySelectorAll('tspan')] : [t];
            return {chart: k, text: t.textContent,
                    // what the layout was measured with (the attributes) and what is drawn
                    font: t.getAttribute('font-family'), drawn: getComputedStyle(t).fontFamily,
                    size: parseFloat(t.getAttribute('font-size')),
                    weight: t.getAttribute('font-weight') || 'normal',
                    lines: lines.map(l => [l.textContent, l.getComputedTextLength()]),
                    left: r.left - box.left, right: r.right - box.left, width: box.width,
                    group: t.closest('g.mark-text') ? [...svg.querySelectorAll('g.mark-text')]
                        .indexOf(t.closest('g.mark-text')) : -1,
                    rect: [r.left, r.top, r.right, r.bottom]};
        });
})"""


def chart_texts(page) -> list[dict]:
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.evaluate(CHART_TEXTS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_chart_text_fits_the_room_its_layout_made_in_the_shipped_font(desktop_chapter, lang, name):
    """Each chart text is drawn no wider than vl-convert measured it, inside its chart,
    and the texts of one mark (the digit captions) do not run into each other."""
    page = desktop_chapter.page
    texts = chart_texts(page)
    assert texts, "no chart text"
    wider, outside = [], []
    for t in texts:
        for line, drawn in t["lines"]:
            if not line.strip():
                continue
            room = layout_width(line, t["font"], t["size"], t["weight"])
            if drawn > room + 1.5:
                wider.append(
                    f"{line!r}: {drawn:.1f}px drawn in {t['drawn']}, {room:.0f}px laid out"
                )
        if t["left"] < -1 or t["right"] > t["width"] + 1:
            outside.append(t["text"])
    assert not outside, f"chart text cut at the chart's edge: {outside}"
    assert not wider, f"chart text wider than its layout ({len(wider)}): {wider[:6]}"
    runs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if a["chart"] != b["chart"] or a["group"] < 0 or a["group"] != b["group"]:
                continue
            (al, at, ar, ab), (bl, bt, br, bb) = a["rect"], b["rect"]
            if al < br - 0.5 and bl < ar - 0.5 and at < bb - 0.5 and bt < ab - 0.5:
                runs.append(f"{a['text']} / {b['text']}")
    assert not runs, f"labels run into each other: {runs}"
    if name == "08-classification":
        figure = page.locator("figure.book-chart").nth(3)
        figure.scroll_into_view_if_needed()
        shot(page, f"chart-font-{lang}-08-mistakes", figure)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_chart_text_on_a_phone_is_at_least_9px_and_inside_its_chart(phone_chapter, lang, name):
    page = phone_chapter.page
    small = page.evaluate("""() => [...document.querySelectorAll('figure.book-chart svg')].flatMap(svg => {
        const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
        return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
            .map(t => [t.textContent.slice(0, 30), parseFloat(getComputedStyle(t).fontSize) * scale,
                       svg.closest('figure').querySelector('.book-sr-only').textContent])
            .filter(([, size]) => size < 8.95);
    })""")
    assert not small, f"chart text under 9 px on a {PHONE}px screen: {small[:5]}"
    outside = [
        t["text"] for t in chart_texts(page) if t["left"] < -1 or t["right"] > t["width"] + 1
    ]
    assert not outside, f"chart text cut at the chart's edge: {outside}"
    if name == "05-neurons":
        figure = page.locator("figure.book-chart").filter(has=page.locator("g.mark-group")).last
        figure.scroll_into_view_if_needed()
        shot(page, f"phone-panels-{lang}-05", page.locator("figure.book-chart").nth(-1))


# --- tables on a phone --------------------------------------------------------------

BROKEN_WORDS = r"""() => {
    document.querySelectorAll('details').forEach(d => d.open = true);
    const broken = [];
    for (const cell of document.querySelectorAll('article :is(td, th)')) {
        if (!cell.getClientRects().length) continue;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            // a word or a number: a break after a hyphen or before a parenthesis ("키(cm)")
            // is a line-break opportunity, not a cut
            for (const m of node.textContent.matchAll(/\(?[^\s\-\u2010(]+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                    .map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(m[0]);
            }
        }
    }
    return broken;
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_no_table_cell_breaks_inside_a_number_or_a_word_on_a_phone(phone_chapter, lang, name):
    page = phone_chapter.page
    broken = page.evaluate(BROKEN_WORDS)
    assert not broken, f"table cells broken inside a word or number: {broken[:8]}"
    if name == "08-classification":
        table = page.locator("div.cell_output table").first
        table.scroll_into_view_if_needed()
        shot(page, f"phone-table-{lang}-08", table)


# --- code and equations on a phone ------------------------------------------------

CUT = """() => {
    document.querySelectorAll('details').forEach(d => d.open = true);
    const scrolls = s => ['auto', 'scroll'].includes(s.overflowX);
    const found = [];
    const sel = 'article :is(pre, code, div.math, .katex-display, .katex-html, table)';
    for (const el of document.querySelectorAll(sel)) {
        if (el.closest('.katex-mathml, details:not([open])')) continue;
        const rects = [...el.getClientRects()].filter(r => r.width > 0);
        if (!rects.length) continue;
        const own = getComputedStyle(el);
        const what = el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || '').split(' ')[0];
        const text = el.textContent.replace(/\\s+/g, ' ').slice(0, 50);
        let scroller = null, cut = null;
        if (own.display !== 'inline' && own.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 2) {
            if (scrolls(own)) scroller = el; else cut = el;
        }
        for (let a = el.parentElement; a && !scroller && !cut; a = a.parentElement) {
            const s = getComputedStyle(a);
            if (s.overflowX === 'visible') continue;
            const box = a.getBoundingClientRect();
            const left = box.left + a.clientLeft, right = left + a.clientWidth;
            if (rects.some(r => r.right > right + 2 || r.left < left - 2)) {
                if (scrolls(s)) scroller = a; else cut = a;
            }
        }
        if (!scroller && !cut && rects.some(r => r.right > innerWidth + 2)) cut = document.documentElement;
        if (cut) found.push({what, text, verdict: 'cut by ' + cut.tagName.toLowerCase() + '.'
                             + (cut.getAttribute('class') || '').split(' ')[0]});
        else if (scroller && el.tagName !== 'TABLE') {  // a table only has to scroll
            const s = getComputedStyle(scroller);
            // a hint that there is more: a shadow at the edge (gradients that scroll with it)
            const hint = /gradient/.test(s.backgroundImage) && /local/.test(s.backgroundAttachment);
            if (!hint) found.push({what, text, verdict: 'scrolls with no hint'});
        }
    }
    return found;
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_no_code_or_equation_is_cut_without_a_way_and_a_hint_to_scroll(phone_chapter, lang, name):
    page = phone_chapter.page
    problems = page.evaluate(CUT)
    assert not problems, f"{len(problems)} cut on a {PHONE}px screen: {problems[:5]}"
    if name == "08-classification":
        maths = page.locator("div.math", has_text="ReLU").first
        maths.scroll_into_view_if_needed()
        shot(page, f"phone-equation-{lang}-08", maths)
    if name == "03-regression":
        exercise = page.locator("div.exercise").first
        exercise.scroll_into_view_if_needed()
        shot(page, f"phone-exercise-{lang}-03", exercise)


# --- dark mode without JavaScript ----------------------------------------------------

CODE_COLOURS = """() => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const background = el => {
        for (; el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    return [...document.querySelectorAll('div.highlight pre, div.cell_output pre')].slice(0, 12)
        .flatMap(pre => [pre, ...pre.querySelectorAll('span')].filter(e => e.textContent.trim())
            .map(e => [e.textContent.slice(0, 20), rgb(getComputedStyle(e).color), background(e)]));
}"""


@pytest.mark.parametrize("dark", [False, True], ids=["light", "system-dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_code_reads_without_javascript_in_either_system_mode(browser, server, lang, dark):
    context = browser.new_context(
        java_script_enabled=False, color_scheme="dark" if dark else "light"
    )
    page = context.new_page()
    page.goto(f"{server}/{lang}/08-classification.html", wait_until="load")
    colours = page.evaluate(CODE_COLOURS)
    assert colours, "no code on the page"
    low = [(t, fg, bg) for t, fg, bg in colours if contrast(fg, bg) < 4.5]
    if dark:
        page.locator("div.cell_input").first.scroll_into_view_if_needed()
        shot(page, f"no-javascript-dark-code-{lang}", page.locator("div.cell_input").first)
    context.close()
    assert not low, f"code below 4.5:1 contrast: {low[:4]}"


@pytest.mark.parametrize("width", [1280, PHONE])
@pytest.mark.parametrize("lang", LANGS)
def test_the_sticky_header_covers_the_text_under_it_without_javascript(
    browser, server, lang, width
):
    """Without JavaScript the theme never sets data-theme, so its colours stay undefined:
    the header that sticks to the top was transparent and the code scrolling under it
    showed through its buttons."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(f"{server}/{lang}/06-gradient-descent.html", wait_until="load")
    page.evaluate("window.scrollTo(0, 2500)")
    sticky = page.evaluate("""() => [...document.querySelectorAll('header, .bd-header, .bd-header-article')]
        .filter(e => ['sticky', 'fixed'].includes(getComputedStyle(e).position) && e.getBoundingClientRect().height > 0)
        .map(e => [e.className, getComputedStyle(e).backgroundColor])""")
    shot(page, f"no-javascript-sticky-header-{lang}-{width}")
    context.close()
    assert sticky, "no sticky header found"
    clear = [
        (name, colour) for name, colour in sticky if colour in ("transparent", "rgba(0, 0, 0, 0)")
    ]
    assert not clear, f"see-through sticky header without JavaScript: {clear}"


# --- the EPUB's tables on a phone -------------------------------------------------


@pytest.mark.print_book
@pytest.mark.parametrize("lang", LANGS)
def test_epub_tables_fit_a_phone(browser, lang, tmp_path):
    with zipfile.ZipFile(book(lang, "epub")) as epub:
        epub.extractall(tmp_path)
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    wide = []
    for name in CHAPTERS:
        page.goto((tmp_path / f"{name}.xhtml").as_uri(), wait_until="load")
        width = page.evaluate("document.documentElement.clientWidth")
        for right, text in page.evaluate("""() => [...document.querySelectorAll('table')]
                .map(t => [t.getBoundingClientRect().right, t.textContent.trim().slice(0, 40)])"""):
            if right > width + 0.5:
                wide.append(f"{name}: a table {right:.0f}px wide ({text!r})")
        if name == "08-classification":
            page.locator("table").first.scroll_into_view_if_needed()
            shot(page, f"epub-table-{lang}-08", page.locator("table").first)
    context.close()
    assert not wide, f"EPUB tables wider than a {PHONE}px screen: {wide}"


# --- the smaller things ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_legend_symbols_stand_out_on_the_dark_theme(visit, lang, name):
    page = visit(f"{lang}/{name}.html", width=1280, dark=True).page
    found = page.evaluate("""() => {
        const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
        let bg = [255, 255, 255];
        for (let el = document.querySelector('figure.book-chart'); el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c.slice(0, 3); break; }
        }
        return [...document.querySelectorAll('figure.book-chart svg .role-legend-symbol path')].map(p => {
            const s = getComputedStyle(p);
            const paint = (colour, alpha) => {
                const c = rgb(colour);
                if (!c.length || colour === 'none') return null;
                const a = alpha * (c.length === 4 ? c[3] : 1);
                return c.slice(0, 3).map((v, i) => a * v + (1 - a) * bg[i]);
            };
            const opacity = parseFloat(s.opacity);
            return {label: p.closest('.role-legend-symbol').parentElement.textContent.slice(0, 60),
                    fill: paint(s.fill, opacity * parseFloat(s.fillOpacity)),
                    stroke: parseFloat(s.strokeWidth) >= 1 ? paint(s.stroke, opacity * parseFloat(s.strokeOpacity)) : null};
        }).concat([{bg}]);
    }""")
    background = found.pop()["bg"]
    faint = []
    for symbol in found:
        best = (
            max(contrast(c, background) for c in (symbol["fill"], symbol["stroke"]) if c)
            if (symbol["fill"] or symbol["stroke"])
            else 0
        )
        if best < 3:
            faint.append(f"{symbol['label']!r}: {best:.1f}:1")
    assert not faint, f"legend symbols below 3:1 on the dark theme: {faint}"
    if name == "07-propagation":
        figure = page.locator("figure.book-chart-live").nth(1)
        figure.scroll_into_view_if_needed()
        shot(page, f"dark-legend-{lang}-07", figure)


@pytest.mark.parametrize("lang", LANGS)
def test_chapter_4_points_sit_inside_the_plot_not_on_its_frame(visit, lang):
    page = visit(f"{lang}/04-least-squares.html", width=1280).page
    charts = page.evaluate("""() => [...document.querySelectorAll('figure.book-chart')].map(f => {
        const svg = f.querySelector('svg');
        // the plot: the x axis's domain line across, the y axis's down
        const lines = [...svg.querySelectorAll('.role-axis-domain :is(line, path)')]
            .map(l => l.getBoundingClientRect());
        const across = lines.filter(r => r.width > r.height), down = lines.filter(r => r.height > r.width);
        if (across.length !== 1 || down.length !== 1) return null;
        const plot = {left: across[0].left, right: across[0].right, top: down[0].top, bottom: down[0].bottom};
        const dots = [...svg.querySelectorAll('.mark-symbol.role-mark path')]
            .filter(p => /A/.test(p.getAttribute('d') || ''))  // circles (arrowheads are triangles)
            .map(p => p.getBoundingClientRect())
            .filter(r => r.left < plot.left + 1 || r.right > plot.right - 1
                         || r.top < plot.top + 1 || r.bottom > plot.bottom - 1)
            .map(r => [Math.round(r.left - plot.left), Math.round(r.top - plot.top)]);
        return {title: f.querySelector('.book-sr-only').textContent, dots};
    }).filter(Boolean)""")
    assert len(charts) >= 3, charts
    on_frame = [c for c in charts if c["dots"]]
    assert not on_frame, f"points on the plot's frame: {on_frame}"
    shot(page, f"points-{lang}-04", page.locator("figure.book-chart").first)


@pytest.mark.parametrize("lang", LANGS)
def test_least_squares_readout_stays_clear_of_the_arrowheads(visit, lang):
    page = visit(f"{lang}/04-least-squares.html", width=1280).page
    figure = page.locator("figure.book-chart-live").first
    sliders = figure.locator("input[type='range']")
    assert sliders.count() == 2

    def move(slider, end):
        set_slider(figure, slider, end)

    collisions, arrows_seen = [], 0
    for a_end in ("max", "min"):
        for b_end in ("max", "min"):
            for slider, end in ((sliders.nth(0), a_end), (sliders.nth(1), b_end)):
                if slider.evaluate("(el, end) => el.value !== el[end]", end):
                    move(slider, end)
            state = figure.evaluate("""f => {
                const svg = f.querySelector('svg');
                const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
                return {readouts: [...svg.querySelectorAll('.mark-text.role-mark text')].filter(t => t.textContent.trim()).map(box),
                        arrows: [...svg.querySelectorAll(".mark-symbol.role-mark path[fill='#e8803a']")].map(box)};
            }""")
            arrows_seen += len(state["arrows"])
            for al, at, ar, ab in state["readouts"]:
                for bl, bt, br, bb in state["arrows"]:
                    if al < br and bl < ar and at < bb and bt < ab:
                        collisions.append(f"a at its {a_end}, b at its {b_end}")
            if (a_end, b_end) == ("max", "max"):
                shot(page, f"least-squares-extreme-{lang}", figure)
    assert arrows_seen, "no arrowhead at the sliders' extremes"
    assert not collisions, f"the loss readout lies under an arrowhead: {collisions}"


def test_the_pad_shows_its_keyboard_cursor_as_soon_as_it_has_focus(visit):
    page = visit("en/08-classification.html", width=1280).page
    canvas = page.locator("canvas.book-pad-canvas")
    canvas.scroll_into_view_if_needed()
    # reach the pad with the keyboard: Tab from the element just before it
    page.evaluate("""() => {
        const c = document.querySelector('canvas.book-pad-canvas');
        const all = [...document.querySelectorAll('a[href], button, input, [tabindex]')]
            .filter(e => e.tabIndex >= 0 && e.offsetParent !== null);
        all[all.indexOf(c) - 1].focus();
    }""")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('canvas.book-pad-canvas')")
    orange = canvas.evaluate("""c => {
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4)
            if (Math.abs(data[i] - 0xe8) < 12 && Math.abs(data[i + 1] - 0x80) < 12 && Math.abs(data[i + 2] - 0x3a) < 12) n++;
        return n;
    }""")
    shot(page, "pad-keyboard-focus", page.locator(".book-digit-pad"))
    assert orange > 50, f"no cursor square on the pad after Tab ({orange} cursor pixels)"


@pytest.mark.print_book
def test_the_english_epub_names_its_authors_in_english():
    with zipfile.ZipFile(book("en", "epub")) as epub:
        opf = epub.read("content.opf").decode("utf-8")
    meta = re.findall(r"<dc:(creator|publisher|rights)[^>]*>(.*?)</dc:\1>", opf)
    assert meta, "no creator in the EPUB"
    assert [v for _, v in meta if HANGUL.search(v)] == [], meta


@pytest.mark.print_book
def test_the_english_pdf_title_page_names_its_authors_in_english():
    first = subprocess.run(
        ["pdftotext", "-l", "2", "-enc", "UTF-8", str(book("en", "pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "The First Steps into Deep Learning authors" in first, first[:400]
    assert "딥러닝 첫걸음 authors" not in first


def test_a_shared_chapter_page_is_put_back_as_it_loaded(shared_pages):
    """The tests that share a page (conftest ``phone_chapter``) each start from the page as loaded."""
    first = shared_pages.get("en/04-least-squares.html", PHONE)
    page = first.page
    loaded = page.evaluate("[...document.querySelectorAll('details')].map(d => d.open)")
    assert False in loaded, "no closed <details> to open"
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.evaluate("window.scrollTo(0, 2000)")
    assert page.evaluate("window.scrollY") > 0
    again = shared_pages.get("en/04-least-squares.html", PHONE)
    assert again is first  # one page load
    assert page.evaluate("[...document.querySelectorAll('details')].map(d => d.open)") == loaded
    assert page.evaluate("window.scrollY") == 0
    other = shared_pages.get("en/04-least-squares.html", 1280)
    assert other is not first and page.is_closed()


# --- ch. 7's stepper without JavaScript; the theme's mode before its script ----------


def rgb(colour: str):
    """``rgb(1, 2, 3)`` / ``rgba(1, 2, 3, 0.5)`` -> (1, 2, 3, alpha); ``none`` -> None."""
    found = re.findall(r"[\d.]+", colour)
    if colour == "none" or len(found) < 3:
        return None
    return (*map(float, found[:3]), float(found[3]) if len(found) > 3 else 1.0)


STEPPER_COLOURS = """() => {
    const root = document.querySelector('.book-stepper'), css = e => getComputedStyle(e);
    const one = sel => root.querySelector(sel);
    return {
        page: css(document.body).backgroundColor,
        circleFill: css(one('.book-stepper-node circle')).fill,
        circleStroke: css(one('.book-stepper-node circle')).stroke,
        edge: css(one('line.book-stepper-edge')).stroke,
        label: css(one('text.book-stepper-label')).fill,
        border: css(root).borderTopStyle + ' ' + css(root).borderTopWidth,
        code: css(one('pre.book-stepper-code')).backgroundColor,
    };
}"""


@pytest.mark.parametrize("dark", [False, True], ids=["light", "system-dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_stepper_picture_reads_without_javascript(browser, server, lang, dark):
    """Without JavaScript the theme's colour variables did not exist (data-theme="auto"
    until its script runs): ch. 7's network was solid black dots, no lines, labels black
    on black, the card had no border and its code no background."""
    context = browser.new_context(
        java_script_enabled=False,
        viewport={"width": PHONE, "height": 900},
        color_scheme="dark" if dark else "light",
    )
    try:
        page = context.new_page()
        page.goto(f"{server}/{lang}/07-propagation.html", wait_until="load")
        page.locator(".book-stepper").scroll_into_view_if_needed()
        shot(page, f"no-javascript-stepper-{lang}-{'dark' if dark else 'light'}")
        got = page.evaluate(STEPPER_COLOURS)
    finally:
        context.close()
    background = rgb(got["page"])
    for name in ("circleFill", "circleStroke", "edge", "label"):
        assert rgb(got[name]) is not None, f"{name}: {got[name]}"
    assert rgb(got["circleFill"])[:3] != (0, 0, 0), f"solid black dots: {got}"
    assert contrast(rgb(got["edge"]), background) > 1.2, f"lines not seen: {got}"
    assert contrast(rgb(got["circleStroke"]), background) > 2, f"circles not seen: {got}"
    assert contrast(rgb(got["label"]), rgb(got["circleFill"])) >= 4.5, f"labels unread: {got}"
    assert got["border"].startswith("solid") and got["border"] != "solid 0px", got
    assert rgb(got["code"])[3] > 0 and rgb(got["code"])[:3] != background[:3], f"code: {got}"


@pytest.mark.parametrize(
    "chosen, system, expected",
    [
        (None, "dark", "dark"),
        (None, "light", "light"),
        ("light", "dark", "light"),
        ("dark", "light", "dark"),
    ],
)
def test_the_page_has_the_readers_mode_before_the_themes_script_runs(
    browser, server, chosen, system, expected
):
    """The page is served light (so it reads without JavaScript); with JavaScript the
    head puts the reader's mode in place before the first paint: a dark-mode reader sees
    no light page first, even if the theme's own script never comes."""
    context = browser.new_context(color_scheme=system)
    try:
        page = context.new_page()
        if chosen:
            page.add_init_script(f"localStorage.setItem('mode', '{chosen}')")
        page.route("**/pydata-sphinx-theme.js*", lambda route: route.abort())
        page.goto(f"{server}/en/07-propagation.html", wait_until="load")
        theme, mode, background = page.evaluate(
            "() => [document.documentElement.dataset.theme, document.documentElement.dataset.mode,"
            " getComputedStyle(document.body).backgroundColor]"
        )
    finally:
        context.close()
    assert (theme, mode) == (expected, chosen or "auto")
    assert (relative_luminance(rgb(background)) < 0.2) == (expected == "dark"), background


def test_a_stepper_button_that_disables_itself_hands_the_focus_on(visit):
    """Next on the last step and Previous on the first disabled the button that had the
    focus: it fell to <body>, and a keyboard reader had to start from the top."""
    visited = visit("en/07-propagation.html")
    page = visited.page
    stepper = page.locator(".book-stepper")
    page.wait_for_function("() => document.querySelector('.book-stepper.book-widget-ready')")
    buttons = stepper.locator(".book-stepper-nav button")
    buttons.nth(1).focus()
    while not buttons.nth(1).is_disabled():
        page.keyboard.press("Enter")
    focused = (
        "() => document.activeElement === document.querySelectorAll('.book-stepper-nav button')[{}]"
    )
    assert page.evaluate(focused.format(0)), "the focus left the stepper"
    while not buttons.nth(0).is_disabled():
        page.keyboard.press("Enter")
    assert page.evaluate(focused.format(1)), "the focus left the stepper"
    assert visited.errors == []


BREAK = {
    # the question's data names a kind the script does not have: it fails after it made its live part
    "reveal": """(() => { const s = document.querySelector('.book-reveal script.book-widget-data');
        const d = JSON.parse(s.textContent); d.kind = 'nope'; s.textContent = JSON.stringify(d); })();\n""",
    "stepper": "document.querySelector('.book-stepper .book-stepper-nav').remove();\n",
}


@pytest.mark.parametrize("broken", sorted(BREAK))
def test_a_widget_whose_script_fails_shows_its_toggle_again(browser, server, broken):
    """The no-JavaScript toggle is hidden from the first paint while the script is
    expected; a widget whose set-up threw stayed blank, with no way to the answer."""
    context = browser.new_context()
    try:
        page = context.new_page()

        def serve(route):
            response = route.fetch()
            route.fulfill(response=response, body=BREAK[broken] + response.text())

        page.route("**/book-widgets.js*", serve)
        page.goto(f"{server}/en/07-propagation.html", wait_until="load")
        failed = page.locator(f".book-{broken}")
        assert "book-widget-failed" in failed.get_attribute("class")
        if broken == "reveal":
            assert failed.locator("details.book-widget-static > summary").is_visible()
            assert failed.locator(".book-widget-live").count() == 0
        else:
            assert failed.locator("details.book-stepper-all > summary").is_visible()
            assert failed.locator(".book-stepper-nojs").is_visible()
            assert (
                failed.locator(".book-stepper-step").nth(1).is_visible()
            )  # every step, as without JS
        other = page.locator(".book-stepper" if broken == "reveal" else ".book-reveal")
        assert "book-widget-ready" in other.get_attribute("class")
    finally:
        context.close()
