"""Everything that depends on the language of a build of the one configuration.

- The language comes from ``-D language=ko|en``; the source folder must match
  it (``book/ko`` is built with ``language=ko``), so a mix-up fails loudly.
- Titles, the search box text and the theme's interface strings follow the
  language (``conf/locale/ko`` fills the strings the theme does not translate).
- Every section gets a language-neutral anchor from its position (``sec-2-1``
  is the first subsection of the second section), identical in both
  languages because their sections correspond one to one (a test enforces it).
- Every page links to the same page in the other language (``language-switch``
  in the article header, ``rel="alternate" hreflang`` in the head);
  ``book-language.js`` keeps the reader's section when they switch.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

TITLES = {"ko": "딥러닝 첫걸음", "en": "First Steps into Deep Learning"}
SEARCH_TEXT = {"ko": "이 책에서 검색…", "en": "Search this book…"}
OTHER = {"ko": "en", "en": "ko"}
LABELS = {"ko": "한국어", "en": "English"}
SWITCH_TITLE = {"en": "Read this page in English", "ko": "Read this page in Korean"}


def _apply(app: Sphinx, config: Config) -> None:
    lang = config.language
    if lang not in TITLES:
        raise ConfigError(f"language must be one of {sorted(TITLES)}, got {lang!r} (use -D language=ko|en)")
    folder = Path(app.srcdir).name
    if folder != lang:
        raise ConfigError(f"source folder {app.srcdir} is book/{folder} but language is {lang!r}")
    config.project = TITLES[lang]
    config.html_title = TITLES[lang]
    config.html_short_title = TITLES[lang]
    config.html_theme_options["search_bar_text"] = SEARCH_TEXT[lang]


def section_anchor(path: list[int]) -> str:
    """The language-neutral id of a section from its position: ``[2, 1]`` → ``sec-2-1``."""
    return "sec-" + "-".join(str(i) for i in path)


def _anchor_sections(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    def visit(node: nodes.Node, path: list[int]) -> None:
        count = 0
        for child in node.children:
            if isinstance(child, nodes.section):
                count += 1
                here = path + [count]
                anchor = section_anchor(here[1:]) if len(here) > 1 else "sec-0"
                if anchor not in child["ids"]:
                    child["ids"].append(anchor)
                visit(child, here)
            elif isinstance(child, nodes.Element):
                visit(child, path)

    visit(doctree, [])


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    lang = app.config.language
    other = OTHER[lang]
    depth = pagename.count("/")
    href = "../" * (depth + 1) + f"{other}/{pagename}.html"
    from sphinx.locale import _

    context["book_switch"] = {
        "lang": other,
        "href": href,
        "label": LABELS[other],
        "title": _(SWITCH_TITLE[other]),
    }
    context["metatags"] = context.get("metatags", "") + (
        f'\n    <link rel="alternate" hreflang="{other}" href="{href}">'
        f'\n    <link rel="alternate" hreflang="{lang}" href="{Path(pagename).name}.html">'
    )


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _apply)
    app.connect("doctree-resolved", _anchor_sections)
    app.connect("html-page-context", _page_context)
    app.add_js_file("book-language.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
