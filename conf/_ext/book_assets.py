"""Serve every browser asset from the site itself, and refuse pages that load from elsewhere.

- Vega (for interactive charts) and KaTeX's stylesheet and fonts (for the
  maths, which is pre-rendered at build time) are copied from ``node_modules``
  (pinned in ``package-lock.json``) into the site's ``_static``.
- Vega and ``book-charts.js`` are added only to pages that contain an
  interactive chart; every other page loads no chart JavaScript at all.
  sphinx-design's stylesheet and script only to pages with one of its elements.
- A page whose content would load a script, stylesheet, font, image or frame
  from another host (a chart drawn by Altair's default renderer, say, which
  fetches Vega from a CDN) is a warning naming the page, so `-W` fails the build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from lessons._markers import LIVE_CHART_CLASS, PAD_CLASS, PAD_STEPPER_CLASS, WIDGET_CLASS

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VENDOR_FILES = {
    "vega/build/vega.min.js": "vega/vega.min.js",
    "vega/LICENSE": "vega/LICENSE",
    "katex/dist/katex.min.css": "katex/katex.min.css",
    "katex/LICENSE": "katex/LICENSE",
}
OFFSITE = r"(?:https?:)?//[^\s\"'<>]+"
LOADING_TAG = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\s(?:src|data)\s*=\s*[\"']?("
    + OFFSITE
    + ")"
    r"|<link\b(?=[^>]*\brel\s*=\s*[\"']?(?:stylesheet|preload|modulepreload|icon))[^>]*?\shref\s*=\s*[\"']?("
    + OFFSITE
    + ")",
    re.I,
)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*application/json)[^>]*>(.*?)</script>", re.I | re.S)


def offsite_loads(html: str) -> list[str]:
    """URLs on other hosts that this HTML would load (plain ``<a href>`` links are fine).

    >>> offsite_loads('<a href="https://example.org">x</a><script src="https://cdn.x/vega.js"></script>')
    ['https://cdn.x/vega.js']
    >>> offsite_loads('<script>import("https://cdn.x/vega@6")</script>')
    ['https://cdn.x/vega@6']
    """
    found = [a or b for a, b in LOADING_TAG.findall(html)]
    for script in INLINE_SCRIPT.findall(html):
        found += re.findall(r"https?://[^\s\"'<>)]+", script)
    return found


#: sphinx-design's files, and the class prefix of the elements it draws.
DESIGN_FILES = {"sphinx-design.min.css", "design-tabs.js"}
DESIGN_CLASS = re.compile(r"<[a-z]+\b[^>]*?\sclass\s*=\s*[\"'][^\"']*\bsd-", re.I)

FIGURE_CLASSES = re.compile(r"<figure\b[^>]*?\sclass\s*=\s*[\"']([^\"']*)[\"']", re.I)


ELEMENT_CLASSES = re.compile(r"<[a-z]+\b[^>]*?\sclass\s*=\s*[\"']([^\"']*)[\"']", re.I)


def has_class(html: str, name: str, pattern: re.Pattern = ELEMENT_CLASSES) -> bool:
    """Whether an element of the HTML carries the class ``name`` (not just the text).

    >>> has_class('<div id="p" class="x book-digit-pad">', "book-digit-pad")
    True
    >>> has_class('<p>book-digit-pad</p>', "book-digit-pad")
    False
    """
    return any(name in found.split() for found in pattern.findall(html))


def has_live_chart(html: str) -> bool:
    """Whether the HTML holds an interactive chart, which needs Vega in the browser.

    >>> has_live_chart('<figure id="c" class="book-chart-live book-chart">')
    True
    >>> has_live_chart('<figure class="book-chart"><p>book-chart-live</p></figure>')
    False
    """
    return has_class(html, LIVE_CHART_CLASS, FIGURE_CLASSES)


def _vendor(app: Sphinx, config: Config) -> None:
    target = Path(app.outdir).parent / "vendor-static"
    missing = [name for name in VENDOR_FILES if not (NODE_MODULES / name).exists()]
    if missing:
        raise ConfigError(
            f"missing browser assets {missing} in {NODE_MODULES}: run `make html` "
            "(it runs `npm ci`), or `npm ci` yourself"
        )
    for source, dest in VENDOR_FILES.items():
        out = target / dest
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE_MODULES / source, out)
    fonts = target / "katex" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    # Every browser the book supports reads woff2, the first source in KaTeX's CSS.
    for font in sorted((NODE_MODULES / "katex/dist/fonts").glob("*.woff2")):
        shutil.copyfile(font, fonts / font.name)
    config.html_static_path.append(str(target))


def _name(asset) -> str:
    """An asset's file name (``_static/sphinx-design.min.css`` -> ``sphinx-design.min.css``)."""
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]


def _page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    for url in offsite_loads(body):
        logger.warning(
            "page would load %s from another host; the site must be self-contained "
            "(draw charts with lessons.charts)",
            url,
            location=pagename,
            type="book",
            subtype="offsite",
        )
    if has_live_chart(body):
        app.add_js_file("vega/vega.min.js", defer="defer")  # never blocks the first paint
        app.add_js_file("book-charts.js", defer="defer")
    if not DESIGN_CLASS.search(body):
        # sphinx-design adds its stylesheet and tab script to every page (10 KB on the
        # wire); only a page with one of its elements (grid, card, tab set) needs them.
        # Removed in place: the builder restores the lists after each page.
        for files in (context.get("css_files"), context.get("script_files")):
            if isinstance(files, list):
                files[:] = [f for f in files if _name(f) not in DESIGN_FILES]
    if '<div class="math' in body:  # display maths: a tab stop on an equation wider than the screen
        app.add_js_file("book-scroll.js", loading_method="defer")
    if has_class(body, PAD_CLASS) or has_class(body, PAD_STEPPER_CLASS):  # charts.digit_pad
        app.add_js_file("book-digit-pad.js")
        app.add_css_file("book-digit-pad.css")
    if has_class(body, WIDGET_CLASS):  # lessons.charts.widgets
        app.add_js_file("book-widgets.js", defer="defer")
        app.add_css_file("book-widgets.css")


def _write_serially(app: Sphinx) -> None:
    # sphinxcontrib-katex pre-renders maths through one node server per process,
    # and the server of a parallel writer process is never shut down: it outlives
    # the build and holds the build's output pipe open. So pages are written by
    # the main process only (its server is stopped at exit). Reading, where the
    # notebooks execute, stays parallel.
    app.builder.allow_parallel = False


#: pydata-sphinx-theme writes ``html_context["default_mode"]`` into ``<html data-theme>``
#: and turns it into light or dark only in its deferred script, after the first paint;
#: until then (and without JavaScript, for ever) none of its colour variables exist for
#: "auto", so every ``var(--pst-color-…)`` is dropped: borders vanish, and pictures drawn
#: in those colours (ch. 7's stepper) turn into black dots. So conf.py's default mode is
#: "light": a page without JavaScript is a whole light page in either system setting.
#: With JavaScript this script, in the head before the first paint, puts back what the
#: reader chose ("auto" unless they picked light or dark: the theme's own head script
#: read the default instead) and resolves "auto" against the system, as the theme's
#: ``setTheme`` does; its deferred script then keeps that mode.
THEME_NOW = (
    '(function (h) { var m; try { m = localStorage.getItem("mode"); } catch (e) { /* no storage */ }'
    ' m = m === "light" || m === "dark" ? m : "auto"; h.dataset.mode = m;'
    ' h.dataset.theme = m !== "auto" ? m'
    ' : matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"; })'
    "(document.documentElement);"
)


def setup(app: Sphinx) -> dict:
    app.add_js_file(None, body=THEME_NOW, priority=1)
    app.connect("config-inited", _vendor)
    app.connect("builder-inited", _write_serially)
    app.connect("html-page-context", _page_scripts)
    # a new env_version re-reads (and so rewrites) every page once: raise it when
    # what _page_scripts gives a page changes (1: sphinx-design's files only where used)
    return {"env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
