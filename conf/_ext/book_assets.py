"""Serve every browser asset from the site itself.

- Vega (for interactive charts) and KaTeX's stylesheet and fonts (for the
  maths, which is pre-rendered at build time) are copied from ``node_modules``
  (pinned in ``package-lock.json``) into the site's ``_static``.
- Vega and ``book-charts.js`` are added only to pages that contain an
  interactive chart; every other page loads no chart JavaScript at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VENDOR_FILES = {
    "vega/build/vega.min.js": "vega/vega.min.js",
    "vega/LICENSE": "vega/LICENSE",
    "katex/dist/katex.min.css": "katex/katex.min.css",
    "katex/LICENSE": "katex/LICENSE",
}
LIVE_CHART_MARKER = 'class="book-chart book-chart-live"'


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


def _page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if LIVE_CHART_MARKER in context.get("body", ""):
        app.add_js_file("vega/vega.min.js")
        app.add_js_file("book-charts.js")


def _write_serially(app: Sphinx) -> None:
    # sphinxcontrib-katex pre-renders maths through one node server per process,
    # and the server of a parallel writer process is never shut down: it outlives
    # the build and holds the build's output pipe open. So pages are written by
    # the main process only (its server is stopped at exit). Reading, where the
    # notebooks execute, stays parallel.
    app.builder.allow_parallel = False


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _vendor)
    app.connect("builder-inited", _write_serially)
    app.connect("html-page-context", _page_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
